//! `spm person list`: people, filtered.

use clap::Args as ClapArgs;

use super::{LIST_COLUMNS, cell};
use crate::cli::Ctx;
use crate::cli::args::{Choices, parse_opt};
use crate::cli::screen::Filters;
use crate::model::{PersonKind, Span};
use crate::output::{Column, Doc, Kind, Rows, col};
use crate::service::person::{self as svc, PersonFilter};

pub const EXAMPLES: &str = "\
Examples:
  spm person list
  spm person list --kind student --dept Economics
  spm person list --consent-expiring 30d
  spm person list --consent-expired -o renew.csv";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Only students, staff or external partners
    #[arg(long, value_parser = Choices(PersonKind::NAMES))]
    kind: Option<String>,
    /// Only people of this department (whole name, any case)
    #[arg(long, visible_alias = "department")]
    dept: Option<String>,
    /// Only people with this text in their name, email or department
    #[arg(long)]
    search: Option<String>,
    /// Only people whose consent runs out within this span, e.g. 30d
    #[arg(long, value_name = "SPAN", conflicts_with = "consent_expired")]
    consent_expiring: Option<String>,
    /// Only people whose consent has run out or been withdrawn
    #[arg(long)]
    consent_expired: bool,
}

/// A column as a table fitted to a terminal treats it: who the person is stays longest,
/// the dates of consent given or withdrawn and of being forgotten go first.
fn fitted(c: Column) -> Column {
    match c.key {
        "id" => c.kind(Kind::Id).key(),
        "name" => c.high(),
        "level" | "consent_given" | "consent_withdrawn" | "erased_on" => c.low(),
        _ => c,
    }
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let filter = PersonFilter {
        kind: parse_opt(args.kind.as_deref())?,
        department: args.dept,
        search: args.search,
        consent_expiring_by: parse_opt::<Span>(args.consent_expiring.as_deref())?
            .map(|s| s.after(today)),
        consent_expired: args.consent_expired,
    };
    let empty = Filters::default()
        .value("--kind", filter.kind.as_ref())
        .text("--dept", filter.department.as_deref())
        .text("--search", filter.search.as_deref())
        .value("--consent-expiring", args.consent_expiring.as_deref())
        .flag("--consent-expired", filter.consent_expired)
        .empty("people", "no people yet; add one with spm person add NAME");
    let conn = ctx.read()?;
    let people = svc::list(&conn, &filter, today)?;
    let columns: Vec<_> = LIST_COLUMNS
        .iter()
        .map(|&(k, h)| fitted(col(k, h)))
        .collect();
    let mut rows = Rows::new(&columns);
    for p in &people {
        rows.push(columns.iter().map(|c| cell(p, c.key)).collect());
    }
    ctx.emit_or(&Doc::Rows(rows), &empty)
}
