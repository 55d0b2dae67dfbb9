//! The mail settings: who the coordinator is, who reminders come from, and the way to the
//! mail server. Values are checked by [`MailKey::check`] when set and again when read, so a
//! value damaged in the database is named rather than used.

use rusqlite::Connection;

use super::{get, save};
use crate::error::{Context, Error, Result};
use crate::model::mail::{MailKey, MailSettings, parse_port, parse_yes_no};
use crate::model::text::quoted;

/// The mail settings, with the defaults in place of those not set.
///
/// Errors: `BadDatabase` when a value kept is not one spm can use, naming the setting and
/// how to set it again.
pub fn mail(conn: &Connection) -> Result<MailSettings> {
    let read = |key: MailKey| -> Result<Option<String>> {
        let Some(value) = get(conn, key.key())? else {
            return Ok(None);
        };
        key.check(&value).map(Some).map_err(|_| {
            Error::BadDatabase(format!(
                "the setting {} is {}, which spm cannot use; set it again with spm settings set {}",
                key.name(),
                quoted(&value),
                key.name()
            ))
        })
    };
    let mut settings = MailSettings {
        coordinator: read(MailKey::CoordinatorEmail)?,
        from: read(MailKey::MailFrom)?,
        smtp_host: read(MailKey::SmtpHost)?,
        smtp_user: read(MailKey::SmtpUser)?,
        ..MailSettings::default()
    };
    // Each was checked by `read`, so these parse.
    if let Some(port) = read(MailKey::SmtpPort)? {
        settings.smtp_port = parse_port(&port)?;
    }
    if let Some(tls) = read(MailKey::SmtpStarttls)? {
        settings.smtp_starttls = parse_yes_no(&tls)?;
    }
    if let Some(via) = read(MailKey::MailVia)? {
        settings.via_set = Some(via.parse()?);
    }
    if let Some(program) = read(MailKey::Sendmail)? {
        settings.sendmail = program;
    }
    Ok(settings)
}

/// Sets one mail setting; returns the value as kept (see [`MailKey::check`]).
///
/// Errors: `Invalid` for a value the setting cannot take, one sentence with an example.
pub fn set_mail(conn: &mut Connection, key: MailKey, value: &str) -> Result<String> {
    let value = key.check(value)?;
    save(conn, key.key(), &value)?;
    Ok(value)
}

/// Removes one mail setting, so its default applies again; says whether it was set.
pub fn clear_mail(conn: &mut Connection, key: MailKey) -> Result<bool> {
    let tx = crate::db::begin_write(conn)?;
    let removed = tx
        .execute("DELETE FROM settings WHERE key = ?1", [key.key()])
        .context("cannot clear a setting")?;
    tx.commit().context("cannot clear a setting")?;
    Ok(removed > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::mail::MailVia;

    #[test]
    fn mail_settings_are_kept_read_and_cleared() -> anyhow::Result<()> {
        let mut conn = crate::service::database::open_in_memory()?;
        assert_eq!(mail(&conn)?, MailSettings::default());
        set_mail(&mut conn, MailKey::CoordinatorEmail, "sap@example.ac.uk")?;
        set_mail(&mut conn, MailKey::MailFrom, "SaP <sap@example.ac.uk>")?;
        set_mail(&mut conn, MailKey::SmtpHost, "Smtp.Example.ac.uk")?;
        set_mail(&mut conn, MailKey::SmtpPort, "25")?;
        set_mail(&mut conn, MailKey::SmtpStarttls, "no")?;
        set_mail(&mut conn, MailKey::SmtpUser, "sap")?;
        let s = mail(&conn)?;
        assert_eq!(s.coordinator.as_deref(), Some("sap@example.ac.uk"));
        assert_eq!(s.from.as_deref(), Some("SaP <sap@example.ac.uk>"));
        assert_eq!(s.smtp_host.as_deref(), Some("smtp.example.ac.uk"));
        assert_eq!((s.smtp_port, s.smtp_starttls), (25, false));
        assert_eq!(s.smtp_user.as_deref(), Some("sap"));
        assert_eq!(s.via(), MailVia::Smtp);

        // A refusal keeps what was there.
        assert!(set_mail(&mut conn, MailKey::SmtpPort, "0").is_err());
        assert_eq!(mail(&conn)?, s);

        assert!(clear_mail(&mut conn, MailKey::SmtpPort)?);
        assert!(!clear_mail(&mut conn, MailKey::SmtpPort)?);
        assert_eq!(mail(&conn)?.smtp_port, 587);

        // A damaged value is named, not used.
        super::super::set(&conn, MailKey::SmtpPort.key(), "seventy")?;
        let err = mail(&conn).expect_err("a damaged port");
        assert!(matches!(err, Error::BadDatabase(_)));
        assert!(err.to_string().contains("smtp-port"), "{err}");
        Ok(())
    }
}
