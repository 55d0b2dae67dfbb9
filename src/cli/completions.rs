//! `spm completions SHELL`: the completion script of every command, for a shell.

use clap::Args as ClapArgs;

use super::{Cli, Ctx, Noun};

pub const EXAMPLES: &str = "\
Examples:
  spm completions bash > ~/.local/share/bash-completion/completions/spm
  spm completions zsh > ~/.zfunc/_spm
  spm completions fish > ~/.config/fish/completions/spm.fish";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The shell to complete for
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let mut cmd = Noun::expand(<Cli as clap::CommandFactory>::command());
    // clap_complete panics when a write fails; write the script from memory instead.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "spm", &mut script);
    ctx.write_plain(|w| w.write_all(&script))
}
