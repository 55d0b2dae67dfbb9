//! The walk of `spm review add` at a terminal: scores against each principle of the adopted
//! framework, the outcomes seen, the reflections and the decision, then a summary to confirm.
//! It asks through [`Ask`], so the tests below drive it from a script.

use crate::cli::prompt::Ask;
use crate::error::Result;
use crate::model::{
    Decision, Framework, Outcome, OutcomeInput, Principle, Project, Rating, ReviewKind, ScoreInput,
    ScoredBy,
};
use crate::service::review::NewReview;

/// How much of a reflection or of evidence the summary shows.
const SHOWN: usize = 60;

/// Asks for what `review` still lacks and returns it completed, or `None` when the person
/// declines to save it at the summary.
///
/// What flags already gave is not asked again: reviewers when some are given, each reflection
/// that is set, outcomes when some are given, and scores when some are given. The kind and the
/// decision are always asked, with the values in `review` as defaults. A closing review's
/// decision is `close` (the service refuses anything else), so it is set without asking; a
/// `close` decision on another kind asks whether this is the closing review.
///
/// Errors: `Io` when an answer cannot be read.
pub fn fill(
    ask: &mut dyn Ask,
    project: &Project,
    framework: &Framework,
    principles: &[Principle],
    mut review: NewReview,
) -> Result<Option<NewReview>> {
    ask.say(&format!(
        "Review of {} {}, held on {}",
        project.code, project.title, review.on
    ));
    review.kind = choose(
        ask,
        "Kind of review",
        ReviewKind::ALL,
        ReviewKind::NAMES,
        review.kind,
    )?;
    if review.reviewers.is_empty() {
        let names = ask.text("Reviewers (separate with ;)", false, None)?;
        review.reviewers = names
            .split(';')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect();
    }
    if review.scores.is_empty() && !principles.is_empty() {
        review.scores = scores(ask, framework, principles)?;
    }
    if review.outcomes.is_empty() {
        review.outcomes = outcomes(ask)?;
    }
    for (field, prompt) in [
        (&mut review.went_well, "What went well"),
        (&mut review.to_change, "What to change"),
        (&mut review.lessons, "Lessons from mistakes"),
    ] {
        if field.is_none() {
            *field = ask.long_text(prompt)?;
        }
    }
    decide(ask, &mut review)?;
    for line in summary(project, &review) {
        ask.say(&line);
    }
    if ask.confirm("Save this review?", true)? {
        Ok(Some(review))
    } else {
        Ok(None)
    }
}

/// Asks for one of an enum's values, with `current` as the default.
fn choose<T: Copy + PartialEq>(
    ask: &mut dyn Ask,
    prompt: &str,
    all: &[T],
    names: &[&str],
    current: T,
) -> Result<T> {
    let default = all.iter().position(|v| *v == current).unwrap_or(0);
    let i = ask.select(prompt, names, default)?;
    Ok(all.get(i).copied().unwrap_or(current))
}

/// A text answer trimmed, `None` when blank.
fn non_blank(answer: String) -> Option<String> {
    Some(answer.trim().to_string()).filter(|a| !a.is_empty())
}

/// Reads a score as typed: `None` for blank (skip), else a whole number from 1 to 5.
fn read_score(answer: &str) -> std::result::Result<Option<u8>, String> {
    let answer = answer.trim();
    if answer.is_empty() {
        return Ok(None);
    }
    match answer.parse::<u8>() {
        Ok(n @ 1..=5) => Ok(Some(n)),
        _ => Err(format!(
            "{answer:?} is not a score: give a whole number from 1 to 5, or leave it blank to skip"
        )),
    }
}

/// Asks who is scoring, then a score (and its evidence) for each principle in turn.
fn scores(
    ask: &mut dyn Ask,
    framework: &Framework,
    principles: &[Principle],
) -> Result<Vec<ScoreInput>> {
    let by = choose(
        ask,
        "Who is scoring?",
        ScoredBy::ALL,
        ScoredBy::NAMES,
        ScoredBy::Staff,
    )?;
    ask.say(&format!(
        "Score each principle of {} from 1 to 5, or leave it blank to skip it.",
        framework.name
    ));
    let mut out = Vec::new();
    for p in principles {
        // Principles under a value are indented beneath it.
        let indent = if p.parent.is_some() { "  " } else { "" };
        ask.say("");
        ask.say(&format!("{indent}{} {}", p.code, p.title));
        if let Some(statement) = p.statement.as_deref().filter(|s| !s.trim().is_empty()) {
            ask.say(&format!("{indent}  {}", statement.trim()));
        }
        let prompt = format!("Score {} (1-5, blank to skip)", p.code);
        let score = loop {
            match read_score(&ask.text(&prompt, false, None)?) {
                Ok(score) => break score,
                Err(message) => ask.say(&message),
            }
        };
        let Some(score) = score else { continue };
        let evidence = non_blank(ask.text("Evidence (blank for none)", false, None)?);
        out.push(ScoreInput {
            principle: p.code.clone(),
            score,
            by,
            evidence,
        });
    }
    Ok(out)
}

/// Asks which outcomes the review looked at, then a rating (and evidence) for each.
fn outcomes(ask: &mut dyn Ask) -> Result<Vec<OutcomeInput>> {
    let items: Vec<String> = Outcome::ALL
        .iter()
        .map(|o| format!("{} — {} ({})", o.as_str(), o.description(), o.group()))
        .collect();
    let items: Vec<&str> = items.iter().map(String::as_str).collect();
    let chosen = ask.multi_select("Outcomes to rate (none to skip)", &items)?;
    let mut out = Vec::new();
    for outcome in chosen
        .into_iter()
        .filter_map(|i| Outcome::ALL.get(i).copied())
    {
        let rating = choose(
            ask,
            &format!("How clearly was {outcome} seen?"),
            Rating::ALL,
            Rating::NAMES,
            Rating::Emerging,
        )?;
        let evidence = non_blank(ask.text("Evidence (blank for none)", false, None)?);
        out.push(OutcomeInput {
            outcome,
            rating,
            evidence,
        });
    }
    Ok(out)
}

/// Settles the decision, and whether a `close` makes this the closing review.
fn decide(ask: &mut dyn Ask, review: &mut NewReview) -> Result<()> {
    if review.kind != ReviewKind::Closing {
        review.decision = choose(
            ask,
            "Decision",
            Decision::ALL,
            Decision::NAMES,
            review.decision,
        )?;
        if review.decision == Decision::Close
            && ask.confirm(
                "Is this the closing review? Saving it completes the project",
                false,
            )?
        {
            review.kind = ReviewKind::Closing;
        }
    }
    if review.kind == ReviewKind::Closing {
        review.decision = Decision::Close;
        ask.say("A closing review ends the project, so the decision is close.");
    }
    Ok(())
}

/// `text` on one line, cut to `max` characters with an ellipsis when longer.
fn shorten(text: &str, max: usize) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        let cut: String = one_line.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The review as it will be saved, one line per item, for the person to check.
fn summary(project: &Project, review: &NewReview) -> Vec<String> {
    let or_none = |items: Vec<String>, sep: &str| {
        if items.is_empty() {
            "none".to_string()
        } else {
            items.join(sep)
        }
    };
    let scores = review
        .scores
        .iter()
        .map(|s| {
            let evidence = s
                .evidence
                .as_deref()
                .map(|e| format!(" {}", shorten(e, SHOWN)))
                .unwrap_or_default();
            format!("{} {} ({}){evidence}", s.principle, s.score, s.by)
        })
        .collect::<Vec<_>>();
    let outcomes = review
        .outcomes
        .iter()
        .map(|o| format!("{}={}", o.outcome, o.rating))
        .collect::<Vec<_>>();
    let reflection = |r: &Option<String>| match r {
        Some(text) => shorten(text, SHOWN),
        None => "-".to_string(),
    };
    let mut lines = vec![
        String::new(),
        format!("Project:    {} {}", project.code, project.title),
        format!("Date:       {}", review.on),
        format!("Kind:       {}", review.kind),
        format!("Decision:   {}", review.decision),
        format!("Reviewers:  {}", or_none(review.reviewers.clone(), "; ")),
        format!("Outcomes:   {}", or_none(outcomes, ", ")),
        format!("Went well:  {}", reflection(&review.went_well)),
        format!("To change:  {}", reflection(&review.to_change)),
        format!("Lessons:    {}", reflection(&review.lessons)),
    ];
    if scores.is_empty() {
        lines.insert(6, "Scores:     none".to_string());
    } else {
        for (i, s) in scores.into_iter().enumerate() {
            let label = if i == 0 { "Scores:" } else { "" };
            lines.insert(6 + i, format!("{label:<12}{s}"));
        }
    }
    lines
}

#[cfg(test)]
mod tests;
