//! `spm restore FILE.xlsx|DIR` (the whole-database restore) as fuzz targets: the manifest is
//! read and the export restored by the service's own functions, into an in-memory database
//! made by the real open-and-migrate path, as `spm --db new.db restore` does.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use spm::service::archive::{self, CsvFolder, Restored, Source, WorkbookFile};
use tempfile::TempDir;

use crate::engine::{Target, Verdict};
use crate::import::copy_into;
use crate::input::{Input, Rng};
use crate::oracle::{clean_error, error_outcome, fingerprint, no_open_transaction, sound};
use crate::{mutate, sheets};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Workbook,
    Folder,
}

pub struct Restore {
    form: Form,
    dir: TempDir,
    base: Connection,
    print: u64,
    schema: Vec<(String, String, Option<String>)>,
    conn: Connection,
    clean: bool,
}

/// The schema: every table, index and trigger, with its SQL.
fn schema(conn: &Connection) -> Vec<(String, String, Option<String>)> {
    conn.prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
        .and_then(|mut s| {
            s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect()
        })
        .expect("the schema")
}

/// Every row of every table but SQLite's own.
fn rows(conn: &Connection) -> u64 {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("the tables");
    tables
        .iter()
        .map(|t| crate::import::count(conn, &format!("\"{t}\"")) as u64)
        .sum()
}

impl Restore {
    pub fn new(form: Form) -> Restore {
        let base = spm::service::database::open_in_memory().expect("a new database");
        Restore {
            form,
            dir: crate::input::work_dir(match form {
                Form::Workbook => "restore-xlsx",
                Form::Folder => "restore-folder",
            }),
            print: fingerprint(&base),
            schema: schema(&base),
            base,
            conn: spm::service::database::open_in_memory().expect("a database"),
            clean: true,
        }
    }

    /// Restores the export `input` into a new database, as `spm restore` does.
    pub fn restore(&mut self, input: &Input, dry_run: bool) -> spm::Result<Restored> {
        if !self.clean {
            copy_into(&self.base, &mut self.conn);
            self.clean = true;
        }
        let mut source: Box<dyn Source> = match self.form {
            Form::Workbook => {
                let path = self.dir.path().join("input.xlsx");
                std::fs::write(&path, input.bytes()).expect("the input is written");
                Box::new(WorkbookFile::open(&path)?)
            }
            Form::Folder => {
                let case: PathBuf = self.dir.path().join("export");
                if case.exists() {
                    std::fs::remove_dir_all(&case).expect("the last case is cleared");
                }
                input.save(&case, false);
                Box::new(CsvFolder::new(&case))
            }
        };
        let manifest = archive::read_manifest(source.as_mut())?;
        let result = archive::restore(&mut self.conn, source.as_mut(), &manifest, dry_run);
        if result.is_ok() && !dry_run {
            self.clean = false;
        }
        result
    }
}

impl Target for Restore {
    fn name(&self) -> &'static str {
        match self.form {
            Form::Workbook => "restore-xlsx",
            Form::Folder => "restore-folder",
        }
    }

    fn extension(&self) -> Option<&'static str> {
        match self.form {
            Form::Workbook => Some("xlsx"),
            Form::Folder => None,
        }
    }

    fn ways(&self) -> usize {
        2
    }

    fn work_dir(&self) -> &Path {
        self.dir.path()
    }

    fn mutate(&mut self, rng: &mut Rng, parent: &Input, pool: &[Input]) -> Input {
        let other = rng.pick(pool);
        match self.form {
            Form::Workbook => Input::one(
                "input.xlsx",
                sheets::xlsx(rng, parent.bytes(), other.bytes()),
            ),
            Form::Folder => {
                let mut files = parent.files.clone();
                if files.is_empty() {
                    return other.clone();
                }
                for _ in 0..1 + rng.below(2) {
                    let i = if rng.chance(1, 5) {
                        files.iter().position(|f| f.0 == "_spm.csv").unwrap_or(0)
                    } else {
                        rng.below(files.len())
                    };
                    match rng.below(20) {
                        0 if files.len() > 1 => {
                            files.remove(i);
                        }
                        1 => {
                            // A continuation file: the table's rows again (header included).
                            let (name, bytes) = files[i].clone();
                            let stem = name.trim_end_matches(".csv");
                            files.push((format!("{stem}.2.csv"), bytes));
                        }
                        _ => {
                            let theirs = other
                                .files
                                .iter()
                                .find(|f| f.0 == files[i].0)
                                .map_or(&[][..], |f| &f.1);
                            files[i].1 = mutate::csv(rng, &files[i].1, theirs);
                        }
                    }
                }
                Input { files }
            }
        }
    }

    fn run(&mut self, input: &Input, way: usize) -> Verdict {
        let dry_run = way == 1;
        let result = self.restore(input, dry_run);
        no_open_transaction(&self.conn)?;
        match result {
            Ok(r) => {
                sound(&self.conn)?;
                if schema(&self.conn) != self.schema {
                    return Err(
                        "the schema (tables, indexes, triggers) differs after a restore".into(),
                    );
                }
                if dry_run {
                    if fingerprint(&self.conn) != self.print {
                        return Err("a dry run changed the database".into());
                    }
                } else if rows(&self.conn) != r.rows {
                    return Err(format!(
                        "the restore says {} rows but the database holds {}",
                        r.rows,
                        rows(&self.conn)
                    ));
                }
                Ok(format!("ok {}", u8::from(r.rows > 0)))
            }
            Err(e) => {
                clean_error(&e)?;
                if fingerprint(&self.conn) != self.print {
                    return Err(format!("a failed restore changed the database: {e}"));
                }
                Ok(error_outcome(&e))
            }
        }
    }
}
