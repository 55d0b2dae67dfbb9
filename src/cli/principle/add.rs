//! `spm principle add CODE TITLE`: a principle of a framework of your own.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::service::principle as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm principle add OWN1 \"Students lead\" --framework our-values \\
      --framework-name \"Our values\" --institution \"Example University\" \\
      --year 2026
  spm principle add OWN1 \"Students lead\" --framework our-values && \\
      spm principle add OWN1.1 \"Student chairs\" --framework our-values \\
      --parent OWN1 --statement \"Student partners chair the steering group.\"

The first principle given a new --framework key creates the framework. Once a framework of
your own is adopted (spm principle adopt our-values), --framework may be left out. The
built-in frameworks keep the wording of their sources: retire their principles, but add to
a framework of your own.";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The new principle's code, e.g. CP11 (letters, digits, dots, hyphens)
    code: String,
    /// Its short title
    title: String,
    /// Its full statement
    #[arg(long)]
    statement: Option<String>,
    /// The framework to add it to [default: the adopted one]; a new key creates one
    #[arg(long)]
    framework: Option<String>,
    /// The value (top-level principle) it sits under
    #[arg(long, value_name = "CODE")]
    parent: Option<String>,
    /// The name of a new framework
    #[arg(long)]
    framework_name: Option<String>,
    /// The institution a new framework comes from
    #[arg(long)]
    institution: Option<String>,
    /// The document a new framework is published in
    #[arg(long)]
    document: Option<String>,
    /// The year a new framework dates from
    #[arg(long)]
    year: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let mut conn = ctx.write()?;
    let framework = match args.framework {
        Some(f) => f,
        None => svc::adopted(&conn)?.key,
    };
    let new = svc::NewPrinciple {
        framework,
        framework_name: args.framework_name,
        institution: args.institution,
        document: args.document,
        year: args.year,
        code: args.code,
        title: args.title,
        statement: args.statement,
        parent: args.parent,
    };
    let (p, created) = svc::add(&mut conn, new)?;
    if created {
        ctx.note(&format!("created framework {}", p.framework));
    }
    ctx.note(&format!("added principle {} to {}", p.code, p.framework));
    ctx.emit_line(&p.code)
}
