//! `spm principle ...`: frameworks, their principles, adding, retiring and adopting.

use clap::{Args as ClapArgs, Subcommand};

use super::Ctx;
use super::args::{Date, parse_opt};
use crate::model::Principle;
use crate::output::{Doc, Record, Rows, Value, col};
use crate::service::principle as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm principle frameworks
  spm principle list
  spm principle list --framework spa
  spm principle show CP9
  spm principle adopt spa";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the frameworks, their sources and which one is adopted
    #[command(after_help = FRAMEWORKS_EXAMPLES)]
    Frameworks,

    /// List a framework's principles (the adopted framework's by default)
    #[command(visible_alias = "ls", after_help = LIST_EXAMPLES)]
    List {
        /// The framework's key (see "spm principle frameworks")
        #[arg(long)]
        framework: Option<String>,
        /// Include retired principles
        #[arg(long)]
        all: bool,
    },

    /// Show one principle whole, with its framework and source
    #[command(after_help = SHOW_EXAMPLES)]
    Show {
        /// The principle's code, e.g. CP9 or SPA1.2
        code: String,
    },

    /// Add a principle to a framework of your own, creating it if its key is new
    #[command(after_help = ADD_EXAMPLES)]
    Add(AddArgs),

    /// Retire a principle: it leaves the list but is never deleted
    #[command(after_help = RETIRE_EXAMPLES)]
    Retire {
        /// The principle's code
        code: String,
        /// The principle of the same framework that replaces it
        #[arg(long, value_name = "CODE")]
        replaced_by: Option<String>,
        /// The day it was retired, YYYY-MM-DD [default: today]
        #[arg(long)]
        on: Option<String>,
    },

    /// Choose the framework that reviews score against
    #[command(after_help = ADOPT_EXAMPLES)]
    Adopt {
        /// The framework's key
        framework: String,
    },
}

const FRAMEWORKS_EXAMPLES: &str = "\
Examples:
  spm principle frameworks
  spm --format json principle frameworks";

const LIST_EXAMPLES: &str = "\
Examples:
  spm principle list
  spm principle list --framework hfh-2014
  spm principle list --all  retired principles too";

const SHOW_EXAMPLES: &str = "\
Examples:
  spm principle show CP9
  spm principle show spa1.2";

const ADD_EXAMPLES: &str = "\
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

const RETIRE_EXAMPLES: &str = "\
Examples:
  spm principle retire CP3
  spm principle retire CP4 --replaced-by CP2 --on 2026-09-01";

const ADOPT_EXAMPLES: &str = "\
Examples:
  spm principle adopt spa
  spm principle adopt hfh-2014";

#[derive(Debug, ClapArgs)]
pub struct AddArgs {
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

pub fn run(ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Frameworks => frameworks(ctx),
        Command::List { framework, all } => list(ctx, framework.as_deref(), all),
        Command::Show { code } => show(ctx, &code),
        Command::Add(args) => add(ctx, args),
        Command::Retire {
            code,
            replaced_by,
            on,
        } => retire(ctx, &code, replaced_by.as_deref(), on.as_deref()),
        Command::Adopt { framework } => adopt(ctx, &framework),
    }
}

fn frameworks(ctx: &Ctx) -> anyhow::Result<()> {
    let conn = ctx.read()?;
    let mut rows = Rows::new(&[
        col("key", "Key"),
        col("name", "Name"),
        col("source", "Source"),
        col("principles", "Principles"),
        col("retired", "Retired"),
        col("builtin", "Built in"),
        col("adopted", "Adopted"),
    ]);
    for s in svc::frameworks(&conn)? {
        rows.push(vec![
            Value::Text(s.framework.key.clone()),
            Value::Text(s.framework.name.clone()),
            Value::Text(s.framework.source()),
            Value::Int(s.active),
            Value::Int(s.retired),
            Value::Bool(s.framework.builtin),
            Value::Bool(s.adopted),
        ]);
    }
    ctx.emit(&Doc::Rows(rows))
}

fn list(ctx: &Ctx, framework: Option<&str>, all: bool) -> anyhow::Result<()> {
    let conn = ctx.read()?;
    let (fw, principles) = svc::list(&conn, framework, all)?;
    let empty = if all {
        format!(
            "the framework {} has no principles yet; add one with spm principle add CODE TITLE --framework {}",
            fw.key, fw.key
        )
    } else {
        format!(
            "the framework {} has no principles in use (retired ones show with --all)",
            fw.key
        )
    };
    let mut columns = vec![
        col("code", "Code"),
        col("title", "Title"),
        col("statement", "Statement"),
        col("parent", "Under"),
    ];
    if all {
        columns.push(col("retired_on", "Retired"));
        columns.push(col("replaced_by", "Replaced by"));
    }
    let mut rows = Rows::new(&columns);
    for p in principles {
        let mut row = vec![
            Value::Text(p.code),
            Value::Text(p.title),
            Value::text(p.statement),
            Value::text(p.parent),
        ];
        if all {
            row.push(Value::date(p.retired_on));
            row.push(Value::text(p.replaced_by));
        }
        rows.push(row);
    }
    ctx.emit_or(&Doc::Rows(rows), &empty)
}

fn show(ctx: &Ctx, code: &str) -> anyhow::Result<()> {
    let conn = ctx.read()?;
    let p = svc::get(&conn, code)?;
    let fw = svc::framework(&conn, &p.framework)?;
    let children = svc::children(&conn, &p)?;
    let mut rec = Record::default();
    rec.field("code", "Code", Value::Text(p.code.clone()));
    rec.field("title", "Title", Value::Text(p.title.clone()));
    rec.field("statement", "Statement", Value::text(p.statement.clone()));
    rec.field("framework", "Framework", Value::Text(fw.key.clone()));
    rec.field(
        "framework_name",
        "Framework name",
        Value::Text(fw.name.clone()),
    );
    rec.field("source", "Source", Value::Text(fw.source()));
    rec.field("parent", "Under", Value::text(p.parent.clone()));
    rec.field("position", "Position", Value::Int(p.position));
    rec.field(
        "status",
        "Status",
        Value::Text(
            if p.retired_on.is_some() {
                "retired"
            } else {
                "in use"
            }
            .into(),
        ),
    );
    rec.field("retired_on", "Retired on", Value::date(p.retired_on));
    rec.field(
        "replaced_by",
        "Replaced by",
        Value::text(p.replaced_by.clone()),
    );
    if !children.is_empty() {
        rec.section(
            "principles",
            "Underlying principles",
            principle_rows(&children),
        );
    }
    ctx.emit(&Doc::Record(rec))
}

fn principle_rows(principles: &[Principle]) -> Rows {
    let mut rows = Rows::new(&[
        col("code", "Code"),
        col("title", "Title"),
        col("statement", "Statement"),
        col("retired_on", "Retired"),
    ]);
    for p in principles {
        rows.push(vec![
            Value::Text(p.code.clone()),
            Value::Text(p.title.clone()),
            Value::text(p.statement.clone()),
            Value::date(p.retired_on),
        ]);
    }
    rows
}

fn add(ctx: &Ctx, args: AddArgs) -> anyhow::Result<()> {
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

fn retire(
    ctx: &Ctx,
    code: &str,
    replaced_by: Option<&str>,
    on: Option<&str>,
) -> anyhow::Result<()> {
    let on = match parse_opt::<Date>(on)? {
        Some(d) => d.0,
        None => ctx.today()?,
    };
    let mut conn = ctx.write()?;
    let p = svc::retire(&mut conn, code, replaced_by, on)?;
    match &p.replaced_by {
        Some(r) => ctx.note(&format!(
            "retired principle {} on {on}, replaced by {r}",
            p.code
        )),
        None => ctx.note(&format!("retired principle {} on {on}", p.code)),
    }
    Ok(())
}

fn adopt(ctx: &Ctx, key: &str) -> anyhow::Result<()> {
    let mut conn = ctx.write()?;
    let (fw, already) = svc::adopt(&mut conn, key)?;
    if already {
        ctx.note(&format!("{} ({}) was already adopted", fw.key, fw.name));
    } else {
        ctx.note(&format!(
            "reviews now score against {} ({})",
            fw.key, fw.name
        ));
    }
    Ok(())
}
