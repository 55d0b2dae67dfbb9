//! `spm project import` and `spm person import` as fuzz targets: the service's entry points,
//! called on an in-memory database made by the real open-and-migrate path (empty, or holding
//! the demo programme), with and without `--update` and `--dry-run`.

use std::path::PathBuf;

use chrono::NaiveDate;
use rusqlite::Connection;
use spm::service::import::{self, ImportOptions, Summary};
use tempfile::TempDir;

use crate::engine::{Target, Verdict};
use crate::input::{Input, Rng};
use crate::oracle::{clean_error, error_outcome, fingerprint, no_open_transaction, sound};
use crate::{mutate, sheets};

/// The day every case runs on.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date")
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Projects,
    People,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Csv,
    Xlsx,
}

/// A database a case starts from: its content's fingerprint and record count.
pub struct Base {
    pub conn: Connection,
    pub print: u64,
    pub count: i64,
}

/// An empty database and one with the demo programme, as `spm init [--demo]` make them.
pub fn bases(table: &str) -> [Base; 2] {
    let empty = spm::service::database::open_in_memory().expect("an empty database");
    let mut demo = spm::service::database::open_in_memory().expect("a database for the demo");
    spm::service::demo::load(&mut demo, today()).expect("the demo loads");
    [empty, demo].map(|conn| Base {
        print: fingerprint(&conn),
        count: count(&conn, table),
        conn,
    })
}

pub fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .expect("a count")
}

/// Makes `conn` a copy of `base` (SQLite's backup API), keeping its connection settings.
pub fn copy_into(base: &Connection, conn: &mut Connection) {
    rusqlite::backup::Backup::new(base, conn)
        .and_then(|b| b.run_to_completion(1 << 16, std::time::Duration::ZERO, None))
        .expect("the starting database is copied");
}

pub struct Import {
    name: &'static str,
    kind: Kind,
    form: Form,
    dir: TempDir,
    path: PathBuf,
    bases: [Base; 2],
    conn: Connection,
    /// The base `conn` holds, unless a case changed it.
    holds: Option<usize>,
}

impl Import {
    pub fn new(kind: Kind, form: Form) -> Import {
        let name = match (kind, form) {
            (Kind::Projects, Form::Csv) => "project-csv",
            (Kind::Projects, Form::Xlsx) => "project-xlsx",
            (Kind::People, Form::Csv) => "person-csv",
            (Kind::People, Form::Xlsx) => "person-xlsx",
        };
        let dir = crate::input::work_dir(name);
        let path = dir.path().join(match form {
            Form::Csv => "input.csv",
            Form::Xlsx => "input.xlsx",
        });
        Import {
            name,
            kind,
            form,
            path,
            dir,
            bases: bases(table(kind)),
            conn: spm::service::database::open_in_memory().expect("a database"),
            holds: None,
        }
    }

    /// Imports `bytes` into a copy of base `base` with `opts`.
    pub fn import(
        &mut self,
        bytes: &[u8],
        base: usize,
        opts: &ImportOptions,
    ) -> spm::Result<Summary> {
        if self.holds != Some(base) {
            copy_into(&self.bases[base].conn, &mut self.conn);
            self.holds = Some(base);
        }
        std::fs::write(&self.path, bytes).expect("the input is written");
        let run = match self.kind {
            Kind::Projects => import::projects,
            Kind::People => import::people,
        };
        let result = run(&mut self.conn, &self.path, opts, today(), &mut |_, _| {});
        if result.is_ok() && !opts.dry_run {
            self.holds = None;
        }
        result
    }
}

fn table(kind: Kind) -> &'static str {
    match kind {
        Kind::Projects => "projects",
        Kind::People => "people",
    }
}

/// Way `w` of running a case: bit 0 the demo database, bit 1 `--update`, bit 2 `--dry-run`.
pub fn options(way: usize) -> (usize, ImportOptions) {
    (
        way & 1,
        ImportOptions {
            update: way & 2 != 0,
            dry_run: way & 4 != 0,
            sheet: None,
        },
    )
}

impl Target for Import {
    fn name(&self) -> &'static str {
        self.name
    }

    fn extension(&self) -> Option<&'static str> {
        Some(match self.form {
            Form::Csv => "csv",
            Form::Xlsx => "xlsx",
        })
    }

    fn ways(&self) -> usize {
        8
    }

    fn work_dir(&self) -> &std::path::Path {
        self.dir.path()
    }

    fn mutate(&mut self, rng: &mut Rng, parent: &Input, pool: &[Input]) -> Input {
        let other = rng.pick(pool).bytes();
        let bytes = match self.form {
            Form::Csv => mutate::csv(rng, parent.bytes(), other),
            Form::Xlsx => sheets::xlsx(rng, parent.bytes(), other),
        };
        Input::one(&parent.files[0].0, bytes)
    }

    fn run(&mut self, input: &Input, way: usize) -> Verdict {
        let (base, opts) = options(way);
        let result = self.import(input.bytes(), base, &opts);
        no_open_transaction(&self.conn)?;
        let before = &self.bases[base];
        match result {
            Ok(s) => {
                sound(&self.conn)?;
                let grew = count(&self.conn, table(self.kind)) - before.count;
                if opts.dry_run && fingerprint(&self.conn) != before.print {
                    return Err(format!("a dry run changed the database ({s:?})"));
                }
                if !opts.dry_run && grew != s.added as i64 {
                    return Err(format!(
                        "the import says it added {} but the {} grew by {grew}",
                        s.added,
                        table(self.kind)
                    ));
                }
                let some = |n: u64| u8::from(n > 0);
                Ok(format!(
                    "ok {}{}{}{}{}{}",
                    some(s.added),
                    some(s.updated),
                    some(s.unchanged),
                    some(s.kept),
                    some(s.skipped),
                    some(s.new_leads.len() as u64)
                ))
            }
            Err(e) => {
                clean_error(&e)?;
                if fingerprint(&self.conn) != before.print {
                    return Err(format!("a failed import changed the database: {e}"));
                }
                Ok(error_outcome(&e))
            }
        }
    }
}
