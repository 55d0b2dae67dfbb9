//! `spm settings show`: how pages look and how reminders are mailed.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::model::look::Colour;
use crate::model::mail::SMTP_PASSWORD_VAR;
use crate::output::{Doc, Record, Value};
use crate::service::settings;

pub const EXAMPLES: &str = "\
Without settings, pages have no institution's name or logo, and the accent is #1d4f91 (a
dark blue). A blank is a setting not set. Mail goes by SMTP when smtp-host is set, else
through the sendmail program; SMTP uses port 587 and STARTTLS unless set otherwise. The
SMTP password is never kept: the last line says whether SPM_SMTP_PASSWORD is set now.

Examples:
  spm settings show
  spm settings show --format json";

#[derive(Debug, ClapArgs)]
pub struct Args {}

pub fn run(ctx: &Ctx, _args: Args) -> anyhow::Result<()> {
    let conn = ctx.read()?;
    let look = settings::look(&conn)?;
    let mut rec = Record::default();
    rec.field("institution", "Institution", Value::text(look.institution));
    let accent = look.accent.unwrap_or(Colour::DEFAULT_ACCENT);
    rec.field("accent", "Accent", Value::Text(accent.to_string()));
    rec.field(
        "accent_contrast",
        "Contrast against white",
        Value::Float((accent.contrast(Colour::WHITE) * 10.0).floor() / 10.0),
    );
    let (kind, bytes) = match &look.logo {
        Some(logo) => (
            Value::Text(logo.kind().media_type().to_string()),
            Value::Int(i64::try_from(logo.bytes()).unwrap_or(i64::MAX)),
        ),
        None => (Value::Null, Value::Null),
    };
    rec.field("logo", "Logo", kind);
    rec.field("logo_bytes", "Logo size (bytes)", bytes);

    let mail = settings::mail(&conn)?;
    rec.field(
        "coordinator_email",
        "Coordinator's email",
        Value::text(mail.coordinator.clone()),
    );
    rec.field("mail_from", "Mail from", Value::text(mail.from.clone()));
    rec.field("mail_via", "Mail via", Value::Text(mail.via().to_string()));
    rec.field(
        "smtp_host",
        "SMTP host",
        Value::text(mail.smtp_host.clone()),
    );
    rec.field(
        "smtp_port",
        "SMTP port",
        Value::Int(i64::from(mail.smtp_port)),
    );
    rec.field(
        "smtp_starttls",
        "SMTP STARTTLS",
        Value::Bool(mail.smtp_starttls),
    );
    rec.field(
        "smtp_user",
        "SMTP user",
        Value::text(mail.smtp_user.clone()),
    );
    let password = std::env::var_os(SMTP_PASSWORD_VAR).is_some_and(|p| !p.is_empty());
    rec.field(
        "smtp_password_set",
        "SPM_SMTP_PASSWORD set",
        Value::Bool(password),
    );
    rec.field("sendmail", "Sendmail program", Value::Text(mail.sendmail));
    ctx.emit(&Doc::Record(rec))
}
