//! `spm publish -o DIR`: the public site, a folder of self-contained pages made from what
//! `crate::service::publish` vetted, written whole or not at all.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

use clap::{Args as ClapArgs, ValueEnum};

use super::write::cannot;
use super::{Ctx, FormatArg};
use crate::error::Error;
use crate::model::AcademicYear;
use crate::output::html::Page;
use crate::output::html::site::{self, Entry, Site};
use crate::service::{publish, settings};

pub const EXAMPLES: &str = "\
Examples:
  spm publish -o site/                 every page, for this academic year
  spm publish -o site/ --year 2025/26  the gallery and priorities of 2025/26
  spm publish -o site/ --only board    the board alone (and the index)
  spm publish -o site/ --only gallery,panel --year 2025/26

Pages: index.html; board.html (you said, we did); gallery-YYYY-YY.html (the
year's Change Makers projects by theme), archive.html and a gallery page for each
earlier year; panel-YYYY-YY.html (the panel's sessions and insights);
priorities-YYYY-YY.html (the year's priority projects). The board holds every
published recommendation, whatever the year; the other pages are of --year.

Nothing reaches a page unvetted: a recommendation only after \"spm rec publish\",
an insight after \"spm panel insight publish\", a project after \"spm project
publish\", and a student is named only with their consent to be named
(\"spm person edit --consent-to-name\"). Counts of people are rounded.

The pages are written to a temporary folder beside DIR, then moved into it. A
folder that holds other files is refused unless spm made it (it holds
.spm-site, which lists the pages, so publishing again replaces them and removes
pages no longer written) or --force is given (the pages go in beside the files).";

/// The file that marks a folder as made by `spm publish`, listing the pages it wrote.
const MARKER: &str = ".spm-site";

/// The first line of the marker.
const MARKER_HEAD: &str = "spm publish made this folder; publishing again replaces these pages:";

/// `spm publish`: where it goes is `--output`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The academic year of the gallery, panel and priority pages, e.g. 2025/26 [default:
    /// this academic year]
    #[arg(long, value_name = "YEAR")]
    year: Option<String>,

    /// Only these pages (and the index): board, gallery (with the archive), panel,
    /// priorities; repeat it or give a comma list [default: all]
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        value_name = "PAGES",
        hide_possible_values = true
    )]
    only: Vec<Part>,

    /// Write into a folder that holds other files, beside them
    #[arg(long)]
    force: bool,
}

/// The parts of the site `--only` chooses from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
enum Part {
    // You said, we did
    Board,
    // The year's Change Makers projects, and the archive of earlier years
    Gallery,
    // The Student Education Panel's insights
    Panel,
    // The year's priority projects
    Priorities,
}

/// How to say where the site goes.
const WHERE: &str = "give the folder with -o, e.g. \"spm publish -o site/\"";

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let Some(dir) = ctx.output.as_deref() else {
        return Err(Error::Usage(format!("publish writes a folder of pages: {WHERE}")).into());
    };
    if ctx.format_given && ctx.written != FormatArg::Html {
        return Err(Error::Usage(format!(
            "publish writes HTML pages, not {}: leave --format out",
            ctx.written.name()
        ))
        .into());
    }
    let year: Option<AcademicYear> = args.year.as_deref().map(str::parse).transpose()?;
    let parts: BTreeSet<Part> = match args.only.is_empty() {
        true => Part::value_variants().iter().copied().collect(),
        false => args.only.iter().copied().collect(),
    };
    let old = existing(dir, args.force)?;
    let conn = ctx.read()?;
    let today = ctx.today()?;
    let year = match year {
        Some(y) => y,
        None => settings::current_year(&conn, today)?,
    };

    let mut entries = vec![Entry {
        file: site::INDEX.into(),
        label: "Home".into(),
        about: String::new(),
    }];
    let entry = |file: String, label: String, about: &str| Entry {
        file,
        label,
        about: about.to_string(),
    };
    for part in &parts {
        entries.extend(match part {
            Part::Board => vec![entry(
                site::BOARD.into(),
                "You said, we did".into(),
                "what students told us, and what became of it",
            )],
            Part::Gallery => vec![
                entry(
                    site::gallery_file(year),
                    format!("Change Makers {year}"),
                    "the year's Change Makers projects by theme",
                ),
                entry(
                    site::ARCHIVE.into(),
                    "Archive".into(),
                    "Change Makers projects of earlier years",
                ),
            ],
            Part::Panel => vec![entry(
                site::panel_file(year),
                format!("Student Education Panel {year}"),
                "the panel's sessions and what it said",
            )],
            Part::Priorities => vec![entry(
                site::priorities_file(year),
                format!("Priorities {year}"),
                "the year's priority projects and their objectives",
            )],
        });
    }
    let site = Site {
        look: settings::look(&conn)?,
        today,
        entries,
    };

    let mut pages: Vec<(String, Page)> = vec![(site::INDEX.into(), site.index())];
    if parts.contains(&Part::Board) {
        let board = publish::board(&conn, None, today)?;
        pages.push((site::BOARD.into(), site.board(&board)));
    }
    if parts.contains(&Part::Gallery) {
        let gallery = publish::gallery(&conn, year, today)?;
        pages.push((site::gallery_file(year), site.gallery(&gallery)));
        let earlier = publish::archive(&conn, year, today)?;
        let years: Vec<(AcademicYear, usize)> = earlier
            .iter()
            .map(|g| (g.year, g.projects().len()))
            .collect();
        pages.push((site::ARCHIVE.into(), site.archive(&years)));
        for g in &earlier {
            pages.push((site::gallery_file(g.year), site.gallery(g)));
        }
    }
    if parts.contains(&Part::Panel) {
        let panel = publish::panel(&conn, year)?;
        pages.push((site::panel_file(year), site.panel(&panel)));
    }
    if parts.contains(&Part::Priorities) {
        let priorities = publish::priorities(&conn, year)?;
        pages.push((
            site::priorities_file(year),
            site.priorities(year, &priorities),
        ));
    }
    drop(conn);

    let db = ctx.path()?;
    for (file, _) in &pages {
        crate::db::refuse_database(&db, &dir.join(file))?;
    }
    let files: Vec<(String, String)> = pages
        .into_iter()
        .map(|(file, page)| {
            let mut text = page.markup().into_string();
            text.push('\n');
            (file, text)
        })
        .collect();
    write_site(dir, &files, old)?;
    ctx.note(&format!(
        "published {} pages to {}",
        files.len(),
        dir.display()
    ));
    Ok(())
}

/// What is in `dir` now: `None` when there is no folder or an empty one; the pages an
/// earlier `spm publish` listed in its marker; an empty list for a folder of other files
/// under `--force`.
///
/// Errors: `CannotCreate` when `dir` is a file or cannot be read, `Conflict` when it holds
/// files but no marker and `force` is not given.
fn existing(dir: &Path, force: bool) -> anyhow::Result<Option<Vec<String>>> {
    if !dir.exists() {
        return Ok(None);
    }
    if !dir.is_dir() {
        return Err(cannot(dir, "it is a file; give a folder for the pages").into());
    }
    let marker = dir.join(MARKER);
    if marker.is_file() {
        let text = fs::read_to_string(&marker).map_err(|e| cannot(dir, &e.to_string()))?;
        return Ok(Some(listed(&text)));
    }
    let mut entries = fs::read_dir(dir).map_err(|e| cannot(dir, &e.to_string()))?;
    if entries.next().is_none() {
        return Ok(None);
    }
    if !force {
        return Err(Error::Conflict(format!(
            "the folder {} holds other files and spm did not make it (no {MARKER}); give a new or empty folder, or add --force to put the pages beside them",
            dir.display()
        ))
        .into());
    }
    Ok(Some(Vec::new()))
}

/// The pages a marker lists: plain file names only, never a path.
fn listed(marker: &str) -> Vec<String> {
    marker
        .lines()
        .skip(1)
        .map(str::trim)
        .filter(|name| {
            name.ends_with(".html") && !name.contains(['/', '\\']) && !name.starts_with('.')
        })
        .map(str::to_string)
        .collect()
}

/// Writes `files` (name, text) and the marker to a temporary folder beside `dir`, each
/// synced to disk, then moves them into place: the temporary folder becomes `dir` when
/// there is none; else each page replaces its namesake in `dir` by a rename, the marker
/// last, and pages an earlier publish wrote (`old`) that are no longer written are removed.
///
/// Errors: `CannotCreate` when the temporary folder cannot be made or moved, `Io` when
/// writing fails.
fn write_site(
    dir: &Path,
    files: &[(String, String)],
    old: Option<Vec<String>>,
) -> anyhow::Result<()> {
    let parent = dir
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    if !parent.is_dir() {
        return Err(cannot(
            dir,
            &format!("the folder {} does not exist", parent.display()),
        )
        .into());
    }
    let temp = tempfile::Builder::new()
        .prefix(".spm-site-")
        .tempdir_in(parent)
        .map_err(|e| cannot(dir, &e.to_string()))?;
    let mut marker = format!("{MARKER_HEAD}\n");
    for (name, _) in files {
        marker.push_str(name);
        marker.push('\n');
    }
    let all = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .chain([(MARKER, marker.as_str())]);
    for (name, text) in all.clone() {
        let path = temp.path().join(name);
        let failed = |e: io::Error| Error::write_failed(&dir.join(name).display().to_string(), &e);
        let mut file = fs::File::create(&path).map_err(failed)?;
        file.write_all(text.as_bytes()).map_err(failed)?;
        file.sync_all().map_err(failed)?;
    }
    if !dir.exists() {
        // A public site: readable by the web server that serves it.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(temp.path(), fs::Permissions::from_mode(0o755))
                .map_err(|e| cannot(dir, &e.to_string()))?;
        }
        fs::rename(temp.path(), dir).map_err(|e| cannot(dir, &e.to_string()))?;
        // Moved: nothing is left for the temporary folder to remove.
        let _ = temp.keep();
        return Ok(());
    }
    // The marker last: a publish cut short leaves the earlier marker, listing the pages
    // that are the earlier site's.
    for (name, _) in all {
        fs::rename(temp.path().join(name), dir.join(name))
            .map_err(|e| cannot(&dir.join(name), &e.to_string()))?;
    }
    let written: BTreeSet<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    for stale in old.unwrap_or_default() {
        if written.contains(stale.as_str()) {
            continue;
        }
        let path = dir.join(&stale);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                return Err(Error::write_failed(&path.display().to_string(), &e).into());
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_lists_only_plain_page_names() {
        let text =
            format!("{MARKER_HEAD}\nindex.html\n../x.html\n.spm-site\nboard.html\nnotes.txt\n");
        assert_eq!(listed(&text), vec!["index.html", "board.html"]);
    }
}
