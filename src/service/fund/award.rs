//! What becomes of an application: the decision (corrected when it was a mistake) and the
//! money spent from an award.

use super::*;

/// Awards or rejects an application, once (unless the decision says it corrects the one
/// recorded). An award is at most the amount requested and at most the cap, and within what
/// remains of the year's budget unless `over_budget`. Returns the application, with warnings
/// when the year's awards pass its budget or the project's awards in the year pass the cap.
///
/// Errors: `NotFound`; `Conflict` for an application decided already (without `correct`), a
/// correction that would reject an award money was spent from, or an award beyond the year's
/// budget (without `over_budget`); `Invalid` for an award of nothing, over the cap, over the
/// amount requested or (correcting) below what was spent, a date before the application or
/// after `today`, or a note with control characters.
pub fn decide(
    conn: &mut Connection,
    id: i64,
    decision: NewDecision,
    today: NaiveDate,
) -> Result<Decided> {
    let tx = begin_write(conn)?;
    let decided = insert_decision(&tx, id, decision, today)?;
    tx.commit().context("cannot save the decision")?;
    Ok(decided)
}

/// Records a decision inside the caller's write transaction (for demo data and imports).
///
/// Errors: as [`decide`].
pub fn insert_decision(
    tx: &Connection,
    id: i64,
    decision: NewDecision,
    today: NaiveDate,
) -> Result<Decided> {
    let before = get(tx, id)?;
    match (before.decision, before.decided_on) {
        (Standing::Pending, _) | (_, None) => {}
        _ if decision.correct => check_correction(&before, &decision)?,
        (Standing::Awarded, Some(on)) => {
            return Err(Error::Conflict(format!(
                "application {id} was already awarded {} on {on}; a decision is made once (add --correct to replace a mistaken one)",
                before.awarded.unwrap_or_default()
            )));
        }
        (Standing::Rejected, Some(on)) => {
            return Err(Error::Conflict(format!(
                "application {id} was already rejected on {on}; a decision is made once (add --correct to replace a mistaken one, or apply again with \"spm fund apply {}\")",
                before.project
            )));
        }
    }
    // A correction keeps the day of the decision it corrects unless it gives another.
    let on = match (decision.on, before.decided_on) {
        (Some(on), _) => on,
        (None, Some(on)) if decision.correct => on,
        (None, _) => today,
    };
    if decision.correct {
        let first_spend: Option<NaiveDate> = tx
            .query_row(
                "SELECT min(on_date) FROM fund_spend WHERE application_id = ?1",
                [id],
                |r| r.get(0),
            )
            .context("cannot read the application's spend")?;
        if let Some(first) = first_spend.filter(|first| on > *first) {
            return Err(Error::Invalid(format!(
                "the decision date {on} is after money was spent from application {id} on {first}; check --on"
            )));
        }
    }
    let note = clean_text("decision note", decision.note.as_deref())?;
    if let Verdict::Award(amount) = decision.verdict {
        check_amount(tx, "award", amount)?;
        if amount > before.requested {
            return Err(Error::Invalid(format!(
                "the award, {amount}, is more than the {} requested in application {id}; award at most {}",
                before.requested, before.requested
            )));
        }
    }
    if on < before.applied_on {
        return Err(Error::Invalid(format!(
            "the decision date {} is before application {id} was made on {}; check --on",
            on, before.applied_on
        )));
    }
    not_future(
        "decision date",
        on,
        today,
        "record a decision on the day it is made",
    )?;
    let warnings = match decision.verdict {
        Verdict::Award(amount) => {
            super::budget::check_award(tx, &before, amount, decision.over_budget)?
        }
        Verdict::Reject => Vec::new(),
    };
    let (word, awarded) = match decision.verdict {
        Verdict::Award(amount) => ("awarded", Some(amount.pence())),
        Verdict::Reject => ("rejected", None),
    };
    tx.execute(
        "UPDATE fund_applications
         SET decision = ?2, awarded_pence = ?3, decided_on = ?4, decision_note = ?5,
             updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?1",
        params![id, word, awarded, on, note],
    )
    .context("cannot save the decision")?;
    let after = get(tx, id)?;
    let mut diff = changes::diff(&logged(&before), &logged(&after), &[]);
    if warnings.iter().any(|w| w.contains("over its budget")) {
        // Overspending was approved: the log keeps that it was deliberate.
        diff.insert("over_budget".into(), json!(true));
    }
    changes::record(tx, ENTITY, id, Action::Update, &Json::Object(diff))?;
    Ok(Decided {
        application: after,
        warnings,
    })
}

/// A corrected decision must leave room for the money spent from the award already.
fn check_correction(before: &Application, decision: &NewDecision) -> Result<()> {
    if before.spent.pence() == 0 {
        return Ok(());
    }
    match decision.verdict {
        Verdict::Reject => Err(Error::Conflict(format!(
            "application {} has {} spent from its award, so it cannot be rejected now",
            before.id, before.spent
        ))),
        Verdict::Award(amount) if amount.pence() < before.spent.pence() => {
            Err(Error::Invalid(format!(
                "the corrected award, {amount}, is less than the {} spent from application {} already",
                before.spent, before.id
            )))
        }
        Verdict::Award(_) => Ok(()),
    }
}

/// Records money spent from an award.
///
/// Errors: `NotFound`; `Invalid` for an application not awarded, an amount of nothing or beyond
/// what remains of the award, a date before the award or after `today`, or a blank note.
pub fn spend(
    conn: &mut Connection,
    id: i64,
    spend: NewSpend,
    today: NaiveDate,
) -> Result<Application> {
    let tx = begin_write(conn)?;
    let application = insert_spend(&tx, id, spend, today)?;
    tx.commit().context("cannot save the spend")?;
    Ok(application)
}

/// Records spend inside the caller's write transaction (for demo data and imports).
///
/// Errors: as [`spend`].
pub fn insert_spend(
    tx: &Connection,
    id: i64,
    spend: NewSpend,
    today: NaiveDate,
) -> Result<Application> {
    let before = get(tx, id)?;
    let (award, decided_on) = match (before.decision, before.awarded, before.decided_on) {
        (Standing::Awarded, Some(award), Some(on)) => (award, on),
        (Standing::Rejected, ..) => {
            return Err(Error::Invalid(format!(
                "application {id} was rejected, so nothing can be spent from it"
            )));
        }
        _ => {
            return Err(Error::Invalid(format!(
                "application {id} has no award yet; record one first with \"spm fund decide {id} --award AMOUNT\""
            )));
        }
    };
    let note = clean_text("note", Some(&spend.note))?.ok_or_else(|| {
        Error::Invalid("spend needs a note saying what the money went on, e.g. --note \"catering for the launch\"".into())
    })?;
    if spend.amount.pence() <= 0 {
        return Err(Error::Invalid(
            "the amount spent must be more than £0.00".into(),
        ));
    }
    let remaining = Money(award.pence() - before.spent.pence());
    if spend.amount > remaining {
        return Err(Error::Invalid(format!(
            "spending {} would go beyond the award of {award} to application {id}: {remaining} remains ({} spent)",
            spend.amount, before.spent
        )));
    }
    if spend.on < decided_on {
        return Err(Error::Invalid(format!(
            "the spend date {} is before application {id} was awarded on {decided_on}; check --on",
            spend.on
        )));
    }
    not_future(
        "spend date",
        spend.on,
        today,
        "record spend on or after the day it is made",
    )?;
    write::Writer::new(tx).spend(id, spend.amount.pence(), spend.on, &note, None)?;
    tx.execute(
        "UPDATE fund_applications SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?1",
        [id],
    )
    .context("cannot save the spend")?;
    let after = get(tx, id)?;
    let mut fields = changes::diff(&logged(&before), &logged(&after), &[]);
    fields.insert("spend_on".into(), json!(spend.on));
    fields.insert("spend_note".into(), json!(note));
    changes::record(tx, ENTITY, id, Action::Update, &Json::Object(fields))?;
    Ok(after)
}
