//! `spm settings set KEY VALUE`: the institution's name, the accent colour or the logo.

use std::path::Path;

use clap::Args as ClapArgs;

use super::Key;
use crate::cli::Ctx;
use crate::service::settings;

pub const EXAMPLES: &str = "\
The accent colour is #rrggbb, dark enough for text on white (a contrast of at least 4.5:1):
a lighter one is refused, with its contrast. The logo is read from an image file, a PNG,
JPEG or SVG (known by its first bytes, not its name) of at most 1 MB, and kept in the
database, so every page carries it; an SVG with a script in it is refused.

Examples:
  spm settings set institution \"University of Exeter\"
  spm settings set accent \"#1d4f91\"
  spm settings set logo logo.png";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// What to set: institution, accent or logo
    #[arg(value_enum, hide_possible_values = true)]
    key: Key,

    /// The name, the colour (#rrggbb), or the logo's image file
    #[arg(allow_hyphen_values = true)]
    value: String,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let mut conn = ctx.write()?;
    let said = match args.key {
        Key::Institution => {
            let name = settings::set_institution(&mut conn, &args.value)?;
            format!("pages now name the institution {}", quoted(&name))
        }
        Key::Accent => {
            let colour = settings::set_accent(&mut conn, &args.value)?;
            let contrast = colour.contrast(crate::model::look::Colour::WHITE);
            format!(
                "pages now have the accent {colour} ({:.1}:1 against white)",
                (contrast * 10.0).floor() / 10.0
            )
        }
        Key::Logo => {
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
