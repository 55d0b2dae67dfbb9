//! `spm db ...`: where the database is, whether it is sound, and backing it up.

use std::path::PathBuf;

use clap::Subcommand;

use super::Ctx;
use crate::error::Error;
use crate::output::{Doc, Record, Value};
use crate::service::{database, project, review};

pub const EXAMPLES: &str = "\
Examples:
  spm db path
  spm db check
  spm db backup ~/backups/spm-$(date +%F).db";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the database file's path (without creating it)
    #[command(after_help = PATH_EXAMPLES)]
    Path,

    /// Check the database's integrity and foreign keys
    #[command(after_help = CHECK_EXAMPLES)]
    Check,

    /// Copy the database to FILE with SQLite's online backup API (safe while spm runs)
    #[command(after_help = BACKUP_EXAMPLES)]
    Backup {
        /// Where to write the copy
        file: PathBuf,
        /// Replace FILE if it exists
        #[arg(long)]
        force: bool,
    },
}

const PATH_EXAMPLES: &str = "\
Examples:
  spm db path
  SPM_DB=/srv/spm/spm.db spm db path";

const CHECK_EXAMPLES: &str = "\
Examples:
  spm db check
  spm db check --db /srv/spm/spm.db || echo \"restore from a backup\"";

const BACKUP_EXAMPLES: &str = "\
Examples:
  spm db backup ~/backups/spm-$(date +%F).db
  spm db backup /mnt/share/spm.db --force";

pub fn run(ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Path => {
            let path = ctx.path()?;
            ctx.emit_line(&path.display().to_string())
        }
        Command::Check => check(ctx),
        Command::Backup { file, force } => {
            let source = ctx.path()?;
            let conn = ctx.open()?;
            database::backup(&conn, &source, &file, force)?;
            ctx.note(&format!(
                "backed up {} to {}",
                source.display(),
                file.display()
            ));
            Ok(())
        }
    }
}

fn check(ctx: &Ctx) -> anyhow::Result<()> {
    let path = ctx.path()?;
    let conn = ctx.open()?;
    let report = database::check(&conn)?;
    let mut rec = Record::default();
    rec.field("path", "Path", Value::Text(path.display().to_string()));
    rec.field(
        "schema_version",
        "Schema version",
        Value::Int(report.schema_version),
    );
    rec.field(
        "integrity",
        "Integrity",
        Value::Text(report.integrity.join("; ")),
    );
    rec.field(
        "foreign_keys",
        "Foreign keys",
        Value::Text(if report.foreign_keys.is_empty() {
            "ok".into()
        } else {
            report.foreign_keys.join("; ")
        }),
    );
    rec.field("projects", "Projects", Value::Int(project::count(&conn)?));
    rec.field("reviews", "Reviews", Value::Int(review::count(&conn)?));
    ctx.emit(&Doc::Record(rec))?;
    if report.is_ok() {
        Ok(())
    } else {
        Err(Error::BadDatabase(format!(
            "{} failed its check; restore it from a backup taken before the damage",
            path.display()
        ))
        .into())
    }
}
