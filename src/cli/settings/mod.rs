//! `spm settings ...`: how the pages spm writes look (the institution's name, an accent
//! colour and a logo), and how reminders go out by mail (the coordinator's address, the
//! sender, and the SMTP server or sendmail program).

mod clear;
mod set;
mod show;

use clap::{Subcommand, ValueEnum};

use super::Ctx;
use crate::model::mail::MailKey;
use crate::service::settings;

pub const EXAMPLES: &str = "\
Examples:
  spm settings show
  spm settings set institution \"University of Exeter\"
  spm settings set accent \"#1d4f91\"
  spm settings set logo logo.png
  spm settings set coordinator-email sap@example.ac.uk
  spm settings set mail-from \"Students as Partners <sap@example.ac.uk>\"
  spm settings set smtp-host smtp.example.ac.uk
  spm settings clear logo";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show how pages look and how reminders are mailed
    #[command(after_help = show::EXAMPLES)]
    Show(show::Args),

    /// Set how pages look (institution, accent, logo) or how reminders are mailed
    #[command(after_help = set::EXAMPLES)]
    Set(set::Args),

    /// Clear a setting: it goes back to its default
    #[command(after_help = clear::EXAMPLES)]
    Clear(clear::Args),
}

/// The settings, as `set` and `clear` name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Key {
    /// The institution's name, at the top of every page
    Institution,
    /// The accent colour of headings and the page's band, #rrggbb
    Accent,
    /// An image shown beside the institution's name: a PNG, JPEG or SVG of at most 1 MB
    Logo,
    /// The coordinator's email address: reminders nobody else can take go there
    CoordinatorEmail,
    /// Who reminders come from: "Name <address>" or an address
    MailFrom,
    /// How mail leaves: smtp or sendmail (default: smtp when smtp-host is set)
    MailVia,
    /// The SMTP server's host name
    SmtpHost,
    /// The SMTP server's port (default 587)
    SmtpPort,
    /// Whether SMTP is upgraded to TLS with STARTTLS: yes or no (default yes)
    SmtpStarttls,
    /// The SMTP login; the password is read from SPM_SMTP_PASSWORD, never kept
    SmtpUser,
    /// The sendmail program (default: sendmail, found on PATH)
    Sendmail,
}

/// Where a setting is kept: a setting of the look under its key, or a mail setting.
#[derive(Debug, Clone, Copy)]
enum Target {
    Look(&'static str),
    Mail(MailKey),
}

impl Key {
    /// Where the setting is kept.
    fn target(self) -> Target {
        Target::Mail(match self {
            Key::Institution => return Target::Look(settings::INSTITUTION),
            Key::Accent => return Target::Look(settings::ACCENT),
            Key::Logo => return Target::Look(settings::LOGO),
            Key::CoordinatorEmail => MailKey::CoordinatorEmail,
            Key::MailFrom => MailKey::MailFrom,
            Key::MailVia => MailKey::MailVia,
            Key::SmtpHost => MailKey::SmtpHost,
            Key::SmtpPort => MailKey::SmtpPort,
            Key::SmtpStarttls => MailKey::SmtpStarttls,
            Key::SmtpUser => MailKey::SmtpUser,
            Key::Sendmail => MailKey::Sendmail,
        })
    }

    /// What it is, in words.
    fn words(self) -> &'static str {
        match self {
            Key::Institution => "the institution's name",
            Key::Accent => "the accent colour",
            Key::Logo => "the logo",
            Key::CoordinatorEmail => "the coordinator's email address",
            Key::MailFrom => "the sender of reminders",
            Key::MailVia => "the way mail leaves",
            Key::SmtpHost => "the SMTP server",
            Key::SmtpPort => "the SMTP port",
            Key::SmtpStarttls => "STARTTLS",
            Key::SmtpUser => "the SMTP login",
            Key::Sendmail => "the sendmail program",
        }
    }
}

pub fn run(ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Show(args) => show::run(ctx, args),
        Command::Set(args) => set::run(ctx, args),
        Command::Clear(args) => clear::run(ctx, args),
    }
}
