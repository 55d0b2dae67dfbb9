//! Settings kept in the database: the adopted framework, the academic year's first day, the
//! fund's cap, the terms, how pages look (the institution's name, accent and logo), and how
//! reminders go out by mail (`mail.rs`).

mod mail;

pub use mail::{clear_mail, mail, set_mail};

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use crate::error::{Context, Error, Result};
use crate::model::AcademicYear;
use crate::model::look::{Colour, Logo, Look};

/// The key of the framework that reviews score against.
pub const ADOPTED_FRAMEWORK: &str = "adopted_framework";
/// The first day of the academic year, `MM-DD` (default `09-01`).
pub const YEAR_START: &str = "year_start";

/// The enhancement fund's cap on a request or award, in pence (default GBP 10,000).
pub const FUND_CAP: &str = "fund_cap_pence";
/// The names of the terms, in order, separated by commas (default `autumn,winter,spring`).
pub const TERMS: &str = "terms";

/// The institution's name, at the top of every page.
pub const INSTITUTION: &str = "institution";
/// The pages' accent colour, `#rrggbb`.
pub const ACCENT: &str = "accent";
/// The logo pages carry, as a `data:` URI: its first part; the others, if any, are kept
/// under `logo.2`, `logo.3`, ... (see `LOGO_PART`).
pub const LOGO: &str = "logo";

/// The most characters of the logo kept in one row: a spreadsheet cell holds 32,767, so a
/// logo of any size allowed survives `spm export -o FILE.xlsx` and comes back whole.
const LOGO_PART: usize = 32_000;

/// SQL: the rows of the logo's later parts.
const LOGO_PARTS: &str = "key GLOB 'logo.[0-9]*'";

/// The longest institution name accepted.
const MAX_INSTITUTION: usize = 200;

/// A setting's value, if it is set.
pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
        r.get(0)
    })
    .optional()
    .context("cannot read the settings")
}

/// Sets a setting, inside the caller's transaction.
pub fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )
    .context("cannot save a setting")?;
    Ok(())
}

/// The (month, day) the academic year starts on.
pub fn year_start(conn: &Connection) -> Result<(u32, u32)> {
    let Some(value) = get(conn, YEAR_START)? else {
        return Ok((9, 1));
    };
    let bad = || Error::BadDatabase(format!("the setting {YEAR_START} is {value:?}, not MM-DD"));
    let (m, d) = value.split_once('-').ok_or_else(bad)?;
    let (m, d): (u32, u32) = (m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?);
    // 2024 is a leap year, so 02-29 is accepted as a start day.
    NaiveDate::from_ymd_opt(2024, m, d).ok_or_else(bad)?;
    Ok((m, d))
}

/// The academic year that `today` falls in.
pub fn current_year(conn: &Connection, today: NaiveDate) -> Result<AcademicYear> {
    Ok(AcademicYear::containing(today, year_start(conn)?))
}

/// The enhancement fund's cap on one request or award.
///
/// Errors: `BadDatabase` when the setting is not a whole number of pence.
pub fn fund_cap(conn: &Connection) -> Result<crate::model::Money> {
    match get(conn, FUND_CAP)? {
        None => Ok(crate::model::Money(1_000_000)),
        Some(v) => v
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|p| *p > 0)
            .map(crate::model::Money)
            .ok_or_else(|| {
                Error::BadDatabase(format!(
                    "the setting {FUND_CAP} is {v:?}, not an amount in pence"
                ))
            }),
    }
}

/// The names of the academic year's terms, in order.
///
/// Errors: `BadDatabase` when the setting is empty.
pub fn terms(conn: &Connection) -> Result<Vec<String>> {
    let Some(v) = get(conn, TERMS)? else {
        return Ok(["autumn", "winter", "spring"].map(str::to_string).to_vec());
    };
    let terms: Vec<String> = v
        .split(',')
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty())
        .collect();
    if terms.is_empty() {
        return Err(Error::BadDatabase(format!(
            "the setting {TERMS} is {v:?}, with no term names"
        )));
    }
    Ok(terms)
}

/// Sets the enhancement fund's cap on one request or award (more than zero).
///
/// Errors: `Invalid` for a cap of zero.
pub fn set_fund_cap(conn: &mut Connection, cap: crate::model::Money) -> Result<()> {
    if cap.pence() <= 0 {
        return Err(Error::Invalid(
            "the fund's cap must be more than zero, e.g. 10000".into(),
        ));
    }
    let tx = crate::db::begin_write(conn)?;
    set(&tx, FUND_CAP, &cap.pence().to_string())?;
    tx.commit().context("cannot save the fund's cap")
}

/// Sets the names of the terms, in order: one to six short kebab-case names, each once.
///
/// Errors: `Invalid` for a name that is not a short kebab-case word, a repeated name, or none.
pub fn set_terms(conn: &mut Connection, names: &[String]) -> Result<Vec<String>> {
    let mut terms: Vec<String> = Vec::new();
    for name in names {
        let t = name.trim().to_lowercase();
        if t.is_empty() {
            continue;
        }
        let ok = t.len() <= 20
            && t.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !ok {
            return Err(Error::Invalid(format!(
                "term {name:?} is not a short name of letters, digits and hyphens, e.g. michaelmas"
            )));
        }
        if terms.contains(&t) {
            return Err(Error::Invalid(format!("term {t:?} is named twice")));
        }
        terms.push(t);
    }
    if terms.is_empty() || terms.len() > 6 {
        return Err(Error::Invalid(
            "give one to six term names, in order, e.g. autumn,winter,spring".into(),
        ));
    }
    let tx = crate::db::begin_write(conn)?;
    set(&tx, TERMS, &terms.join(","))?;
    tx.commit().context("cannot save the terms")?;
    Ok(terms)
}

/// How pages look: the institution's name, accent colour and logo, each `None` when not set.
///
/// Errors: `BadDatabase` when the accent or the logo kept is damaged.
pub fn look(conn: &Connection) -> Result<Look> {
    let accent = match get(conn, ACCENT)? {
        None => None,
        Some(v) => Some(Colour::accent(&v).map_err(|_| {
            Error::BadDatabase(format!(
                "the setting {ACCENT} is {v:?}, not a colour pages can use; set it again with spm settings set accent"
            ))
        })?),
    };
    Ok(Look {
        institution: get(conn, INSTITUTION)?,
        accent,
        logo: logo(conn)?.as_deref().map(Logo::from_uri).transpose()?,
    })
}

/// The logo's data: URI, its parts joined in order.
fn logo(conn: &Connection) -> Result<Option<String>> {
    let Some(first) = get(conn, LOGO)? else {
        return Ok(None);
    };
    let rows: Vec<(String, String)> = crate::db::rows(
        conn,
        "cannot read the logo",
        &format!("SELECT key, value FROM settings WHERE {LOGO_PARTS}"),
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut parts: Vec<(u64, String)> = Vec::with_capacity(rows.len());
    for (key, value) in rows {
        let n = key[LOGO.len() + 1..].parse::<u64>().map_err(|_| {
            Error::BadDatabase(format!(
                "the setting {key:?} is not a part of the logo; set it again with spm settings set logo FILE"
            ))
        })?;
        parts.push((n, value));
    }
    parts.sort_unstable_by_key(|(n, _)| *n);
    let mut uri = first;
    for (i, (n, part)) in parts.into_iter().enumerate() {
        // Parts are numbered from 2 with none missing.
        if n != i as u64 + 2 {
            return Err(Error::BadDatabase(
                "a part of the logo is missing from the settings; set it again with spm settings set logo FILE"
                    .into(),
            ));
        }
        uri.push_str(&part);
    }
    Ok(Some(uri))
}

/// Sets the institution's name: one line of text, at most 200 characters.
///
/// Errors: `Invalid` for an empty name, one too long, or one with control characters.
pub fn set_institution(conn: &mut Connection, name: &str) -> Result<String> {
    let name = crate::service::clean_text("institution's name", Some(name))?.ok_or_else(|| {
        Error::Invalid(
            "the institution's name is empty; give it, e.g. \"University of Exeter\"".into(),
        )
    })?;
    if name.chars().count() > MAX_INSTITUTION || name.contains(['\n', '\t']) {
        return Err(Error::Invalid(format!(
            "the institution's name must be one line of at most {MAX_INSTITUTION} characters"
        )));
    }
    save(conn, INSTITUTION, &name)?;
    Ok(name)
}

/// Sets the accent colour: `#rrggbb`, with at least 4.5:1 against white.
///
/// Errors: `Invalid` for anything else, naming the colour's contrast.
pub fn set_accent(conn: &mut Connection, text: &str) -> Result<Colour> {
    let colour = Colour::accent(text)?;
    save(conn, ACCENT, &colour.to_string())?;
    Ok(colour)
}

/// Sets the logo from the image file at `path`: a PNG, JPEG or SVG (without scripts) of at
/// most 1 MB, kept in the database so a page can carry it.
///
/// Errors: `NotFound` when there is no such file; `Permission` or `Io` when it cannot be
/// read; `Invalid` for a folder, or a file that is not such an image.
pub fn set_logo(conn: &mut Connection, path: &std::path::Path) -> Result<Logo> {
    use std::io::Read as _;
    let shown = path.display().to_string();
    let cannot = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => Error::not_found("file", shown.clone(), "check the path"),
        std::io::ErrorKind::PermissionDenied => {
            Error::Permission(format!("cannot read {shown}: permission denied"))
        }
        _ => Error::Io(format!("cannot read {shown}: {e}")),
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    if file.metadata().map_err(cannot)?.is_dir() {
        return Err(Error::Invalid(format!(
            "{shown} is a folder; give the logo's image file"
        )));
    }
    // One byte more than a logo may have, so a larger file is known without reading it all.
    let mut bytes = Vec::new();
    file.take(Logo::MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    let logo = Logo::from_bytes(&shown, &bytes)?;
    let tx = crate::db::begin_write(conn)?;
    clear_logo(&tx)?;
    // A data: URI is ASCII, so it splits anywhere.
    let uri = logo.uri().as_bytes();
    for (i, part) in uri.chunks(LOGO_PART).enumerate() {
        let key = match i {
            0 => LOGO.to_string(),
            i => format!("{LOGO}.{}", i + 1),
        };
        set(&tx, &key, &String::from_utf8_lossy(part))?;
    }
    tx.commit().context("cannot save the logo")?;
    Ok(logo)
}

/// Removes a setting of the look (`INSTITUTION`, `ACCENT` or `LOGO`), so pages go back to
/// the default; says whether it was set.
///
/// Errors: `Invalid` for a key that is not part of the look.
pub fn clear_look(conn: &mut Connection, key: &str) -> Result<bool> {
    if ![INSTITUTION, ACCENT, LOGO].contains(&key) {
        return Err(Error::Invalid(format!(
            "{key:?} is not a setting of the look"
        )));
    }
    let tx = crate::db::begin_write(conn)?;
    let removed = if key == LOGO {
        clear_logo(&tx)?
    } else {
        tx.execute("DELETE FROM settings WHERE key = ?1", [key])
            .context("cannot clear a setting")?
    };
    tx.commit().context("cannot clear a setting")?;
    Ok(removed > 0)
}

/// Removes the logo, every part of it; returns how many rows went.
fn clear_logo(tx: &Connection) -> Result<usize> {
    tx.execute(
        &format!("DELETE FROM settings WHERE key = '{LOGO}' OR {LOGO_PARTS}"),
        [],
    )
    .context("cannot clear the logo")
}

/// Saves one setting in a transaction of its own.
fn save(conn: &mut Connection, key: &str, value: &str) -> Result<()> {
    let tx = crate::db::begin_write(conn)?;
    set(&tx, key, value)?;
    tx.commit().context("cannot save a setting")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_look_is_kept_checked_and_cleared() -> anyhow::Result<()> {
        let mut conn = crate::service::database::open_in_memory()?;
        assert_eq!(look(&conn)?, Look::default());
        assert_eq!(
            set_institution(&mut conn, "  University of X ")?,
            "University of X"
        );
        assert_eq!(set_accent(&mut conn, "#1D4F91")?, Colour::DEFAULT_ACCENT);
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("logo.png");
        std::fs::write(&file, b"\x89PNG\r\n\x1a\nrest")?;
        let logo = set_logo(&mut conn, &file)?;
        let kept = look(&conn)?;
        assert_eq!(kept.institution.as_deref(), Some("University of X"));
        assert_eq!(kept.accent, Some(Colour::DEFAULT_ACCENT));
        assert_eq!(kept.logo, Some(logo));

        // Refusals leave what was kept.
        assert!(set_accent(&mut conn, "#ffff00").is_err());
        assert!(set_institution(&mut conn, " ").is_err());
        assert!(set_institution(&mut conn, &"x".repeat(201)).is_err());
        assert!(set_institution(&mut conn, "a\nb").is_err());
        std::fs::write(&file, b"GIF89a")?;
        assert!(matches!(set_logo(&mut conn, &file), Err(Error::Invalid(_))));
        assert!(matches!(
            set_logo(&mut conn, &dir.path().join("none.png")),
            Err(Error::NotFound { .. })
        ));
        assert!(matches!(
            set_logo(&mut conn, dir.path()),
            Err(Error::Invalid(_))
        ));
        std::fs::write(&file, vec![0xff; Logo::MAX_BYTES + 1])?;
        assert!(set_logo(&mut conn, &file).is_err());
        assert_eq!(look(&conn)?, kept);

        // A logo longer than a spreadsheet cell is kept in parts, and read back whole.
        let mut big = b"\x89PNG\r\n\x1a\n".to_vec();
        big.resize(100_000, 7);
        std::fs::write(&file, &big)?;
        let logo = set_logo(&mut conn, &file)?;
        let parts: i64 = conn.query_row(
            &format!("SELECT count(*) FROM settings WHERE {LOGO_PARTS}"),
            [],
            |r| r.get(0),
        )?;
        assert_eq!(
            parts, 4,
            "over 133,000 characters: a first part and four more"
        );
        let longest: i64 =
            conn.query_row("SELECT max(length(value)) FROM settings", [], |r| r.get(0))?;
        assert!(longest <= 32_000);
        assert_eq!(look(&conn)?.logo.as_ref(), Some(&logo));
        assert_eq!(logo.bytes(), 100_000);
        // A smaller logo leaves no part of the larger behind.
        std::fs::write(&file, b"\x89PNG\r\n\x1a\nsmall")?;
        let small = set_logo(&mut conn, &file)?;
        assert_eq!(look(&conn)?.logo, Some(small));

        assert!(clear_look(&mut conn, LOGO)?);
        assert!(!clear_look(&mut conn, LOGO)?);
        let left: i64 = conn.query_row(
            "SELECT count(*) FROM settings WHERE key LIKE 'logo%'",
            [],
            |r| r.get(0),
        )?;
        assert_eq!(left, 0);
        assert!(clear_look(&mut conn, TERMS).is_err());
        assert_eq!(look(&conn)?.logo, None);
        Ok(())
    }

    #[test]
    fn a_damaged_look_is_said_to_be() -> anyhow::Result<()> {
        let conn = crate::service::database::open_in_memory()?;
        set(&conn, ACCENT, "#ffffff")?;
        assert!(matches!(look(&conn), Err(Error::BadDatabase(_))));
        set(&conn, ACCENT, "#000000")?;
        set(&conn, LOGO, "data:text/html;base64,PHNjcmlwdD4=")?;
        assert!(matches!(look(&conn), Err(Error::BadDatabase(_))));
        set(&conn, LOGO, "data:image/png;base64,iVBO")?;
        set(&conn, "logo.3", "Rw0K")?;
        assert!(matches!(look(&conn), Err(Error::BadDatabase(_))));
        set(&conn, "logo.2", "Gg")?;
        assert_eq!(
            look(&conn)?.logo.map(|l| l.uri().to_string()).as_deref(),
            Some("data:image/png;base64,iVBOGgRw0K")
        );
        Ok(())
    }
}
