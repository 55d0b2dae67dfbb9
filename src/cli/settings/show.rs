//! `spm settings show`: how pages look.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::model::look::Colour;
use crate::output::{Doc, Record, Value};

pub const EXAMPLES: &str = "\
Without settings, pages have no institution's name or logo, and the accent is #1d4f91 (a
dark blue).

Examples:
  spm settings show
  spm settings show --format json";

#[derive(Debug, ClapArgs)]
pub struct Args {}

pub fn run(ctx: &Ctx, _args: Args) -> anyhow::Result<()> {
    let look = ctx.look()?;
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
    ctx.emit(&Doc::Record(rec))
}
