//! How reminders go out by mail: the coordinator's address, the sender, and the way to the
//! mail server (SMTP, or the local sendmail program), kept in the settings table. Each value
//! is checked here, where it is made, so the settings kept are always ones spm can use. The
//! SMTP password is never kept: it is read from `SPM_SMTP_PASSWORD` when mail is sent.

use std::fmt;
use std::str::FromStr;

use lettre::Address;
use lettre::message::Mailbox;

use crate::error::{Error, Result};
use crate::model::text::quoted;

/// The SMTP port used when none is set: the submission port.
pub const DEFAULT_SMTP_PORT: u16 = 587;

/// The sendmail program used when none is set, looked up on `PATH`.
pub const DEFAULT_SENDMAIL: &str = "sendmail";

/// The environment variable the SMTP password is read from.
pub const SMTP_PASSWORD_VAR: &str = "SPM_SMTP_PASSWORD";

/// The longest host name (RFC 1035).
const MAX_HOST: usize = 253;

/// The longest sender, login or program path accepted.
const MAX_VALUE: usize = 1000;

/// How mail leaves: straight to an SMTP server, or handed to the local sendmail program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailVia {
    Smtp,
    Sendmail,
}

impl MailVia {
    /// The word a person types and the settings table keeps.
    pub fn as_str(self) -> &'static str {
        match self {
            MailVia::Smtp => "smtp",
            MailVia::Sendmail => "sendmail",
        }
    }
}

impl fmt::Display for MailVia {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for MailVia {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "smtp" => Ok(MailVia::Smtp),
            "sendmail" => Ok(MailVia::Sendmail),
            _ => Err(Error::Invalid(format!(
                "mail-via {} is neither smtp nor sendmail",
                quoted(s)
            ))),
        }
    }
}

/// One of the mail settings, as `spm settings set` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailKey {
    /// The coordinator's email address.
    CoordinatorEmail,
    /// The From of reminders: `Name <address>` or `address`.
    MailFrom,
    /// The SMTP server's host name.
    SmtpHost,
    /// The SMTP server's port (default 587).
    SmtpPort,
    /// Whether SMTP upgrades to TLS with STARTTLS, `yes` or `no` (default yes).
    SmtpStarttls,
    /// The SMTP login, if the server wants one.
    SmtpUser,
    /// `smtp` or `sendmail`.
    MailVia,
    /// The sendmail program.
    Sendmail,
}

impl MailKey {
    /// Every mail setting, in the order `spm settings show` lists them.
    pub const ALL: [MailKey; 8] = [
        MailKey::CoordinatorEmail,
        MailKey::MailFrom,
        MailKey::MailVia,
        MailKey::SmtpHost,
        MailKey::SmtpPort,
        MailKey::SmtpStarttls,
        MailKey::SmtpUser,
        MailKey::Sendmail,
    ];

    /// The name a person types, e.g. `coordinator-email`.
    pub fn name(self) -> &'static str {
        match self {
            MailKey::CoordinatorEmail => "coordinator-email",
            MailKey::MailFrom => "mail-from",
            MailKey::SmtpHost => "smtp-host",
            MailKey::SmtpPort => "smtp-port",
            MailKey::SmtpStarttls => "smtp-starttls",
            MailKey::SmtpUser => "smtp-user",
            MailKey::MailVia => "mail-via",
            MailKey::Sendmail => "sendmail",
        }
    }

    /// The key the settings table keeps it under, e.g. `coordinator_email`.
    pub fn key(self) -> &'static str {
        match self {
            MailKey::CoordinatorEmail => "coordinator_email",
            MailKey::MailFrom => "mail_from",
            MailKey::SmtpHost => "smtp_host",
            MailKey::SmtpPort => "smtp_port",
            MailKey::SmtpStarttls => "smtp_starttls",
            MailKey::SmtpUser => "smtp_user",
            MailKey::MailVia => "mail_via",
            MailKey::Sendmail => "sendmail",
        }
    }

    /// Checks a value for this setting; returns it as it is kept (trimmed, and for some keys
    /// written one standard way: `yes`/`no`, a port's digits, a host in lower case).
    ///
    /// Errors: `Invalid`, one sentence naming the setting and an example of a good value.
    pub fn check(self, value: &str) -> Result<String> {
        let text = value.trim();
        let name = self.name();
        if text.is_empty() {
            return Err(Error::Invalid(format!(
                "{name} is empty; give a value, or clear it with spm settings clear {name}"
            )));
        }
        if text.chars().count() > MAX_VALUE || text.chars().any(char::is_control) {
            return Err(Error::Invalid(format!(
                "{name} {} is not one line of at most {MAX_VALUE} characters",
                quoted(value)
            )));
        }
        match self {
            MailKey::CoordinatorEmail => parse_address(text).map(|a| a.to_string()),
            MailKey::MailFrom => parse_mailbox(text).map(|m| m.to_string()),
            MailKey::SmtpHost => parse_host(text),
            MailKey::SmtpPort => parse_port(text).map(|p| p.to_string()),
            MailKey::SmtpStarttls => parse_yes_no(text).map(|b| yes_no(b).to_string()),
            MailKey::SmtpUser => Ok(text.to_string()),
            MailKey::MailVia => text.parse::<MailVia>().map(|v| v.to_string()),
            MailKey::Sendmail => Ok(text.to_string()),
        }
    }
}

/// `yes` or `no`.
pub fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// Reads a plain email address, e.g. `sap@example.ac.uk`: one spm keeps for a person
/// ([`crate::model::parse_email`]) that the mail library can also send to.
///
/// Errors: `Invalid` for anything else, with an example.
pub fn parse_address(text: &str) -> Result<Address> {
    let bad = || {
        Error::Invalid(format!(
            "{} is not an email address; write it like sap@example.ac.uk",
            quoted(text)
        ))
    };
    let plain = crate::model::parse_email(text).map_err(|_| bad())?;
    plain.parse::<Address>().map_err(|_| bad())
}

/// Reads a sender: `Name <address>` or `address`.
///
/// Errors: `Invalid` for anything else, with an example.
pub fn parse_mailbox(text: &str) -> Result<Mailbox> {
    let bad = || {
        Error::Invalid(format!(
            "mail-from {} is not an address with an optional name; write it like \"Students as Partners <sap@example.ac.uk>\"",
            quoted(text)
        ))
    };
    let mailbox = text.trim().parse::<Mailbox>().map_err(|_| bad())?;
    crate::model::parse_email(mailbox.email.as_ref()).map_err(|_| bad())?;
    Ok(mailbox)
}

/// Reads a host name or an IP address: letters, digits, dots, hyphens (and colons for IPv6),
/// returned in lower case.
///
/// Errors: `Invalid` for spaces, other characters, or a name too long.
pub fn parse_host(text: &str) -> Result<String> {
    let host = text.trim().to_ascii_lowercase();
    let ok = !host.is_empty()
        && host.len() <= MAX_HOST
        && !host.starts_with(['-', '.'])
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b':'));
    if !ok {
        return Err(Error::Invalid(format!(
            "smtp-host {} is not a host name; give the mail server's name, e.g. smtp.example.ac.uk",
            quoted(text)
        )));
    }
    Ok(host)
}

/// Reads a TCP port, 1 to 65535.
///
/// Errors: `Invalid` for anything else.
pub fn parse_port(text: &str) -> Result<u16> {
    text.trim()
        .parse::<u16>()
        .ok()
        .filter(|p| *p > 0)
        .ok_or_else(|| {
            Error::Invalid(format!(
                "smtp-port {} is not a port; give a number from 1 to 65535, e.g. 587",
                quoted(text)
            ))
        })
}

/// Reads `yes` or `no` (in any case).
///
/// Errors: `Invalid` for anything else.
pub fn parse_yes_no(text: &str) -> Result<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "yes" => Ok(true),
        "no" => Ok(false),
        _ => Err(Error::Invalid(format!(
            "smtp-starttls {} is neither yes nor no",
            quoted(text)
        ))),
    }
}

/// The mail settings as kept, with the defaults in place of those not set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailSettings {
    /// The coordinator's address: reminders nobody else can take go there.
    pub coordinator: Option<String>,
    /// The From of reminders, `Name <address>` or `address`.
    pub from: Option<String>,
    /// `smtp` or `sendmail` as set; see [`MailSettings::via`] for the way actually used.
    pub via_set: Option<MailVia>,
    pub smtp_host: Option<String>,
    pub smtp_port: u16,
    pub smtp_starttls: bool,
    pub smtp_user: Option<String>,
    /// The sendmail program: a path, or a name looked up on `PATH`.
    pub sendmail: String,
}

impl Default for MailSettings {
    fn default() -> Self {
        MailSettings {
            coordinator: None,
            from: None,
            via_set: None,
            smtp_host: None,
            smtp_port: DEFAULT_SMTP_PORT,
            smtp_starttls: true,
            smtp_user: None,
            sendmail: DEFAULT_SENDMAIL.to_string(),
        }
    }
}

impl MailSettings {
    /// How mail leaves: as set, or else by SMTP when a host is set and by sendmail when not.
    pub fn via(&self) -> MailVia {
        self.via_set.unwrap_or(if self.smtp_host.is_some() {
            MailVia::Smtp
        } else {
            MailVia::Sendmail
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_checked_and_kept_one_way() {
        let ok = |k: MailKey, v: &str| k.check(v).expect(v);
        assert_eq!(
            ok(MailKey::CoordinatorEmail, " sap@example.ac.uk "),
            "sap@example.ac.uk"
        );
        assert_eq!(
            ok(
                MailKey::MailFrom,
                "Students as Partners <sap@example.ac.uk>"
            ),
            "Students as Partners <sap@example.ac.uk>"
        );
        assert_eq!(
            ok(MailKey::MailFrom, "sap@example.ac.uk"),
            "sap@example.ac.uk"
        );
        assert_eq!(
            ok(MailKey::MailFrom, "Zoë Ç <z@example.ac.uk>"),
            "Zoë Ç <z@example.ac.uk>"
        );
        assert_eq!(
            ok(MailKey::SmtpHost, "SMTP.Example.ac.uk"),
            "smtp.example.ac.uk"
        );
        assert_eq!(ok(MailKey::SmtpHost, "127.0.0.1"), "127.0.0.1");
        assert_eq!(ok(MailKey::SmtpPort, "2525"), "2525");
        assert_eq!(ok(MailKey::SmtpStarttls, "NO"), "no");
        assert_eq!(ok(MailKey::MailVia, "Sendmail"), "sendmail");
        assert_eq!(
            ok(MailKey::Sendmail, "/usr/sbin/sendmail"),
            "/usr/sbin/sendmail"
        );

        let bad = [
            (MailKey::CoordinatorEmail, "not an address"),
            (MailKey::CoordinatorEmail, "Sap <sap@example.ac.uk>"),
            (MailKey::CoordinatorEmail, "sap@localhost"),
            (MailKey::MailFrom, "Students <nowhere>"),
            (MailKey::MailFrom, "a@b"),
            (MailKey::SmtpHost, "smtp example"),
            (MailKey::SmtpHost, "-x"),
            (MailKey::SmtpPort, "0"),
            (MailKey::SmtpPort, "65536"),
            (MailKey::SmtpPort, "smtp"),
            (MailKey::SmtpStarttls, "maybe"),
            (MailKey::MailVia, "pigeon"),
            (MailKey::SmtpUser, " "),
            (MailKey::Sendmail, "a\nb"),
        ];
        for (key, value) in bad {
            let err = key.check(value).expect_err(value).to_string();
            assert!(!err.contains('\n'), "{err}");
        }
    }

    #[test]
    fn mail_goes_by_smtp_when_a_host_is_set() {
        let mut s = MailSettings::default();
        assert_eq!(s.via(), MailVia::Sendmail);
        s.smtp_host = Some("smtp.example.ac.uk".into());
        assert_eq!(s.via(), MailVia::Smtp);
        s.via_set = Some(MailVia::Sendmail);
        assert_eq!(s.via(), MailVia::Sendmail);
    }
}
