//! Reading an export's manifest (`_spm`): what it holds, and whether this spm can restore it.

use super::source::{Cell, Source};
use super::{
    FORMAT, FORMAT_VERSION, MANIFEST, MANIFEST_COLUMNS, Manifest, OLDEST_RESTORABLE, Table,
};
use crate::db::VERSION;
use crate::error::{Error, Result};
use crate::model::formula;
use crate::model::text::quoted;

/// Reads and checks the manifest: an spm export, of this schema version.
///
/// Errors: `Invalid` when there is no manifest or it is malformed, or the export is from
/// another schema version (with the way to restore it).
pub fn read_manifest(source: &mut dyn Source) -> Result<Manifest> {
    let place = source.manifest_place();
    if !source.has(MANIFEST) {
        return Err(Error::Invalid(format!(
            "{} is not an spm export: it has no {place}; make one with \"spm export -o FILE.xlsx\"",
            source.shown()
        )));
    }
    let unit = source.unit();
    let mut format: Option<i64> = None;
    let mut manifest = Manifest {
        spm_version: String::new(),
        schema_version: -1,
        exported_at: String::new(),
        tables: Vec::new(),
        sequences: Vec::new(),
    };
    let mut first = true;
    source.read(MANIFEST, &mut |n, cells| {
        let text = |i: usize| match cells.get(i) {
            Some(Cell::Text(t)) => Ok(formula::archive::unguard(t).to_string()),
            Some(Cell::Int(v)) => Ok(v.to_string()),
            Some(Cell::Number(v)) if v.fract() == 0.0 && v.abs() < 9.0e15 => {
                Ok((*v as i64).to_string())
            }
            Some(Cell::Empty) | None => Ok(String::new()),
            Some(Cell::Number(_) | Cell::Other(_)) => Err(Error::Invalid(format!(
                "{place}, {unit} {n}, column {}: not a value spm writes; nothing was imported",
                MANIFEST_COLUMNS[i]
            ))),
        };
        if first {
            first = false;
            let header: Vec<String> = (0..cells.len()).map(text).collect::<Result<_>>()?;
            if header != MANIFEST_COLUMNS {
                return Err(Error::Invalid(format!(
                    "{place}, {unit} 1: the header is not {}; this is not an spm export",
                    MANIFEST_COLUMNS.join(",")
                )));
            }
            return Ok(());
        }
        let (entry, name, value) = (text(0)?, text(1)?, text(2)?);
        let number = || {
            value.parse::<i64>().map_err(|_| {
                Error::Invalid(format!(
                    "{place}, {unit} {n}: the {entry} entry's value {} is not a whole number; nothing was imported",
                    quoted(&value)
                ))
            })
        };
        match entry.as_str() {
            "format" if name == FORMAT => format = Some(number()?),
            "spm_version" => manifest.spm_version = value.clone(),
            "schema_version" => manifest.schema_version = number()?,
            "exported_at" => manifest.exported_at = value.clone(),
            "table" => manifest.tables.push(Table {
                name: name.clone(),
                columns: Vec::new(),
                order: String::new(),
                rows: number()?.max(0) as u64,
            }),
            "sequence" => manifest.sequences.push((name.clone(), number()?)),
            _ => {}
        }
        Ok(())
    })?;
    match format {
        None => Err(Error::Invalid(format!(
            "{} is not an spm export: its {place} has no format entry",
            source.shown()
        ))),
        Some(v) if v != FORMAT_VERSION => Err(Error::Invalid(format!(
            "{} is an spm export of layout {v}, and this spm reads layout {FORMAT_VERSION}; restore it with a newer spm",
            source.shown()
        ))),
        Some(_) if manifest.schema_version > VERSION => Err(Error::Invalid(format!(
            "{} was exported by a newer spm (schema version {}; this spm knows up to {VERSION}); upgrade spm to restore it",
            source.shown(),
            manifest.schema_version
        ))),
        Some(_) if manifest.schema_version < OLDEST_RESTORABLE => Err(Error::Invalid(format!(
            "{} was exported by an older spm (schema version {}; this spm restores exports of version {OLDEST_RESTORABLE} and later); restore it with the spm that made it, then open that database with this spm to upgrade it",
            source.shown(),
            manifest.schema_version
        ))),
        Some(_) => Ok(manifest),
    }
}
