//! `spm settings ...`: how the pages spm writes look: the institution's name, an accent
//! colour and a logo.

mod clear;
mod set;
mod show;

use clap::{Subcommand, ValueEnum};

use super::Ctx;
use crate::service::settings;

pub const EXAMPLES: &str = "\
Examples:
  spm settings show
  spm settings set institution \"University of Exeter\"
  spm settings set accent \"#1d4f91\"
  spm settings set logo logo.png
  spm settings clear logo";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show how pages look: the institution's name, the accent colour and the logo
    #[command(after_help = show::EXAMPLES)]
    Show(show::Args),

    /// Set the institution's name, the accent colour or the logo of the pages
    #[command(after_help = set::EXAMPLES)]
    Set(set::Args),

    /// Clear the institution's name, the accent colour or the logo: pages go back to the
    /// default
    #[command(after_help = clear::EXAMPLES)]
    Clear(clear::Args),
}

/// The settings of the look, as `set` and `clear` name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Key {
    /// The institution's name, at the top of every page
    Institution,
    /// The accent colour of headings and the page's band, #rrggbb
    Accent,
    /// An image shown beside the institution's name: a PNG, JPEG or SVG of at most 1 MB
    Logo,
}

impl Key {
    /// The key the settings table keeps it under.
    fn setting(self) -> &'static str {
        match self {
            Key::Institution => settings::INSTITUTION,
            Key::Accent => settings::ACCENT,
            Key::Logo => settings::LOGO,
        }
    }

    /// What it is, in words.
    fn words(self) -> &'static str {
        match self {
            Key::Institution => "the institution's name",
            Key::Accent => "the accent colour",
            Key::Logo => "the logo",
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
