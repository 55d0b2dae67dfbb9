//! Mail: letters composed as plain UTF-8 text and sent by SMTP or by the local sendmail
//! program, as the mail settings say (`spm settings set mail-from ...`).
//!
//! A [`Letter`] is what a caller wants said to one person; a [`Mailer`], made from the
//! settings, turns each letter into a message (From, To, an encoded Subject, Date,
//! Message-ID, `Auto-Submitted: auto-generated`, a `text/plain; charset=utf-8` body) and
//! either shows it ([`Mailer::preview`], for a dry run) or sends it ([`Mailer::send`]).
//!
//! By SMTP, the connection is upgraded with STARTTLS (certificates checked against the
//! Mozilla roots built in) unless `smtp-starttls` is `no`; with `smtp-user` set, spm logs in
//! with the password in `SPM_SMTP_PASSWORD`, which is never kept in the database. Every step
//! waits at most [`TIMEOUT`].

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, Message};
use lettre::transport::sendmail::SendmailTransport;
use lettre::transport::smtp::SmtpTransport;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Address, Transport as _};
use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::model::mail::{MailSettings, MailVia, SMTP_PASSWORD_VAR, parse_address, parse_mailbox};
use crate::model::text::{escaped, quoted};
use crate::service::settings;

/// The longest an SMTP connection, command or reply is waited for.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// The longest subject kept; a longer one is cut with `…`.
const MAX_SUBJECT: usize = 200;

/// The longest reason given for a letter that could not be sent.
const MAX_REASON: usize = 300;

/// What to say to one person: plain text, one subject line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    /// The person's name, shown with the address in the To header.
    pub to_name: Option<String>,
    /// The address to send to, e.g. `a.hassan@example.ac.uk`.
    pub to: String,
    /// One line; line breaks and other control characters become spaces.
    pub subject: String,
    /// Plain text; lines end with `\n`.
    pub body: String,
}

/// Sends letters as the mail settings say. Made once with [`Mailer::from_settings`], it holds
/// no connection: each letter is sent on a connection of its own.
pub struct Mailer {
    from: Mailbox,
    way: Way,
}

/// The way mail leaves.
enum Way {
    Smtp {
        transport: Box<SmtpTransport>,
        host: String,
        port: u16,
    },
    Sendmail {
        transport: SendmailTransport,
        program: String,
    },
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("from", &self.from.to_string())
            .field("way", &self.describe())
            .finish()
    }
}

impl Mailer {
    /// A mailer made from the mail settings, with the SMTP password (when `smtp-user` is set)
    /// read from `SPM_SMTP_PASSWORD`. Nothing is sent or connected to yet.
    ///
    /// Errors (one sentence each, saying how to fix it): `Invalid` when `mail-from` is not
    /// set, when mail is to go by SMTP with no `smtp-host`, or when `smtp-user` is set but
    /// `SPM_SMTP_PASSWORD` is missing or empty; `BadDatabase` when a mail setting kept is not
    /// one spm can use.
    pub fn from_settings(conn: &Connection) -> Result<Mailer> {
        let password = std::env::var(SMTP_PASSWORD_VAR).ok();
        Mailer::new(&settings::mail(conn)?, password.as_deref())
    }

    /// A mailer made from `settings` and the SMTP `password`, for callers (and tests) that
    /// have them in hand; [`Mailer::from_settings`] is the usual way.
    ///
    /// Errors: as [`Mailer::from_settings`].
    pub fn new(settings: &MailSettings, password: Option<&str>) -> Result<Mailer> {
        let from = settings.from.as_deref().ok_or_else(|| {
            Error::Invalid(
                "mail-from is not set; set who reminders come from with spm settings set mail-from \"Name <address>\"".into(),
            )
        })?;
        let from = parse_mailbox(from)?;
        let way = match settings.via() {
            MailVia::Sendmail => Way::Sendmail {
                transport: SendmailTransport::new_with_command(&settings.sendmail),
                program: settings.sendmail.clone(),
            },
            MailVia::Smtp => {
                let host = settings.smtp_host.clone().ok_or_else(|| {
                    Error::Invalid(
                        "mail-via is smtp but smtp-host is not set; set it with spm settings set smtp-host HOST".into(),
                    )
                })?;
                let mut builder = if settings.smtp_starttls {
                    SmtpTransport::starttls_relay(&host).map_err(|e| {
                        Error::Invalid(format!(
                            "cannot use TLS with smtp-host {}: {}",
                            quoted(&host),
                            reason(&e)
                        ))
                    })?
                } else {
                    SmtpTransport::builder_dangerous(&host)
                };
                builder = builder.port(settings.smtp_port).timeout(Some(TIMEOUT));
                if let Some(user) = &settings.smtp_user {
                    let password = password.filter(|p| !p.is_empty()).ok_or_else(|| {
                        Error::Invalid(format!(
                            "smtp-user is set but {SMTP_PASSWORD_VAR} is not; put the SMTP password in that environment variable"
                        ))
                    })?;
                    builder = builder.credentials(Credentials::new(user.clone(), password.into()));
                }
                Way::Smtp {
                    transport: Box::new(builder.build()),
                    host,
                    port: settings.smtp_port,
                }
            }
        };
        Ok(Mailer { from, way })
    }

    /// Who the letters are from, as the From header gives it before encoding.
    pub fn sender(&self) -> String {
        self.from.to_string()
    }

    /// Where mail goes, in words: `SMTP at HOST:PORT` or `the sendmail program PROGRAM`.
    pub fn describe(&self) -> String {
        match &self.way {
            Way::Smtp { host, port, .. } => format!("SMTP at {host}:{port}"),
            Way::Sendmail { program, .. } => format!("the sendmail program {}", quoted(program)),
        }
    }

    /// The whole message as it would be sent, headers and body (lines end with CRLF, the
    /// body's transfer encoding is applied), for a dry run. Its Date and Message-ID differ
    /// from those of the message [`Mailer::send`] makes.
    ///
    /// Errors: `Invalid` when the letter's address is not one mail can go to.
    pub fn preview(&self, letter: &Letter) -> Result<String> {
        let message = self.compose(letter)?;
        let mut text = String::from_utf8_lossy(&message.formatted()).into_owned();
        // As SMTP ends it (see `compose`).
        text.push_str("\r\n");
        Ok(text)
    }

    /// Sends each letter, in order; one that fails does not stop the others. Returns one
    /// outcome per letter, in the same order, an `Err` holding one line that says why.
    ///
    /// By SMTP, spm first connects (and logs in) once: when that fails, no letter is tried
    /// and each outcome gives that reason, so a server that is down costs one wait, not one
    /// per letter, and a wrong password is tried once.
    pub fn send(&self, letters: &[Letter]) -> Vec<std::result::Result<(), String>> {
        if letters.is_empty() {
            return Vec::new();
        }
        if let Way::Smtp { transport, .. } = &self.way {
            let failed = match transport.test_connection() {
                Ok(true) => None,
                Ok(false) => Some("the server did not answer".to_string()),
                Err(e) => Some(reason(&e)),
            };
            if let Some(failed) = failed {
                let why = format!("cannot reach {}: {failed}", self.describe());
                return letters.iter().map(|_| Err(why.clone())).collect();
            }
        }
        letters.iter().map(|letter| self.send_one(letter)).collect()
    }

    fn send_one(&self, letter: &Letter) -> std::result::Result<(), String> {
        let message = self.compose(letter).map_err(|e| e.to_string())?;
        match &self.way {
            Way::Smtp { transport, .. } => transport
                .send(&message)
                .map(drop)
                .map_err(|e| format!("the server did not take it: {}", reason(&e))),
            Way::Sendmail { transport, .. } => transport
                .send(&message)
                .map_err(|e| format!("{} did not take it: {}", self.describe(), reason(&e))),
        }
    }

    /// The message for one letter.
    fn compose(&self, letter: &Letter) -> Result<Message> {
        let to: Address = parse_address(&letter.to)?;
        let name = letter
            .to_name
            .as_deref()
            .map(one_line)
            .filter(|n| !n.is_empty());
        let auto = HeaderValue::new(
            HeaderName::new_from_ascii_str("Auto-Submitted"),
            "auto-generated".to_string(),
        );
        Message::builder()
            .from(self.from.clone())
            .to(Mailbox::new(name, to))
            .subject(subject_line(&letter.subject))
            .message_id(Some(message_id(&self.from)))
            .raw_header(auto)
            .header(ContentType::TEXT_PLAIN)
            // SMTP ends the message with a line break of its own, so one at the end of the
            // body would show as an extra blank line.
            .body(letter.body.trim_end_matches(['\r', '\n']).to_string())
            .map_err(|e| {
                Error::Invalid(format!(
                    "cannot compose the letter to {}: {}",
                    quoted(&letter.to),
                    reason(&e)
                ))
            })
    }
}

/// The coordinator's address (the `coordinator-email` setting), if it is set.
///
/// Errors: `BadDatabase` when a mail setting kept is not one spm can use.
pub fn coordinator(conn: &Connection) -> Result<Option<String>> {
    Ok(settings::mail(conn)?.coordinator)
}

/// Text on one line: control characters (line breaks among them) become spaces, runs of
/// spaces one space.
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_control() || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A subject on one line, cut at [`MAX_SUBJECT`] characters.
fn subject_line(subject: &str) -> String {
    let line = one_line(subject);
    if line.chars().count() <= MAX_SUBJECT {
        return line;
    }
    let mut cut: String = line.chars().take(MAX_SUBJECT - 1).collect();
    cut.push('…');
    cut
}

/// A Message-ID unique to this message, in the sender's domain (so no machine's name is
/// given away): the time, the process and a counter.
fn message_id(from: &Mailbox) -> String {
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let n = COUNT.fetch_add(1, Ordering::Relaxed);
    format!(
        "<spm.{nanos:x}.{:x}.{n}@{}>",
        std::process::id(),
        from.email.domain()
    )
}

/// An error and its causes, on one line and cut short.
fn reason(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let said = cause.to_string();
        if !text.contains(&said) {
            text.push_str(": ");
            text.push_str(&said);
        }
        source = cause.source();
    }
    escaped(&one_line(&text), MAX_REASON)
}

#[cfg(test)]
mod tests;
