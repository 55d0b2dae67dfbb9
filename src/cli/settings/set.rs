//! `spm settings set KEY VALUE`: the institution's name, the accent colour or the logo, or a
//! mail setting.

use std::path::Path;

use clap::Args as ClapArgs;

use super::{Key, Target};
use crate::cli::Ctx;
use crate::model::mail::{MailKey, SMTP_PASSWORD_VAR};
use crate::service::settings;

pub const EXAMPLES: &str = "\
The accent colour is #rrggbb, dark enough for text on white (a contrast of at least 4.5:1):
a lighter one is refused, with its contrast. The logo is read from an image file, a PNG,
JPEG or SVG (known by its first bytes, not its name) of at most 1 MB, and kept in the
database, so every page carries it; an SVG with a script in it is refused.

Reminders are mailed from mail-from; those nobody else can take go to coordinator-email.
Mail goes by SMTP when smtp-host is set (port 587 and STARTTLS unless smtp-port and
smtp-starttls say otherwise), else through the sendmail program; mail-via picks one. With
smtp-user set, spm logs in with the password in the environment variable
SPM_SMTP_PASSWORD; a password is never kept in the database.

Examples:
  spm settings set institution \"University of Exeter\"
  spm settings set accent \"#1d4f91\"
  spm settings set logo logo.png
  spm settings set coordinator-email sap@example.ac.uk
  spm settings set mail-from \"Students as Partners <sap@example.ac.uk>\"
  spm settings set smtp-host smtp.example.ac.uk
  spm settings set smtp-port 25
  spm settings set smtp-user sap
  spm settings set mail-via sendmail
  spm settings set sendmail /usr/sbin/sendmail";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// What to set: institution, accent, logo, coordinator-email, mail-from, mail-via,
    /// smtp-host, smtp-port, smtp-starttls, smtp-user or sendmail
    #[arg(value_enum, hide_possible_values = true)]
    key: Key,

    /// The value: a name, a colour (#rrggbb), the logo's image file, an address, ...
    #[arg(allow_hyphen_values = true)]
    value: String,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let mut conn = ctx.write()?;
    let said = match (args.key, args.key.target()) {
        (_, Target::Mail(key)) => {
            let value = settings::set_mail(&mut conn, key, &args.value)?;
            let said = format!("{} is now {}", key.name(), quoted(&value));
            if key == MailKey::SmtpUser {
                format!("{said}; the password is read from {SMTP_PASSWORD_VAR}")
            } else {
                said
            }
        }
        (Key::Institution, _) => {
            let name = settings::set_institution(&mut conn, &args.value)?;
            format!("pages now name the institution {}", quoted(&name))
        }
        (Key::Accent, _) => {
            let colour = settings::set_accent(&mut conn, &args.value)?;
            let contrast = colour.contrast(crate::model::look::Colour::WHITE);
            format!(
                "pages now have the accent {colour} ({:.1}:1 against white)",
                (contrast * 10.0).floor() / 10.0
            )
        }
        // The look's third setting: the logo.
        (_, Target::Look(_)) => {
            let logo = settings::set_logo(&mut conn, Path::new(&args.value))?;
            format!(
                "pages now carry the logo {} ({}, {} bytes)",
                quoted(&args.value),
                logo.kind().media_type(),
                logo.bytes()
            )
        }
    };
    ctx.note(&said);
    Ok(())
}

fn quoted(text: &str) -> String {
    crate::model::text::quoted(text)
}
