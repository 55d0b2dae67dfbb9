//! Tables fitted to a real terminal (a pseudo-terminal of a given size, driven by Python's pty
//! module): codes, ids, dates, money and statuses are never broken, no line is wider than the
//! terminal, and the columns left out to fit are named on stderr with how to see them.

use std::process::Command;

use serde_json::Value;

use crate::common::{Env, TODAY};

/// Runs `spm ARGS` with stdout on a pseudo-terminal `COLS` columns wide and stderr on a pipe,
/// so the table and the notes can be told apart. Prints stdout, then `\0`, then stderr; the
/// exit status is spm's.
const DRIVER: &str = r#"
import fcntl, os, pty, select, struct, sys, termios
cols, spm, args = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
r, w = os.pipe()
pid, fd = pty.fork()
if pid == 0:
    os.close(r)
    os.dup2(w, 2)
    fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", 40, cols, 0, 0))
    os.execv(spm, [spm] + args)
os.close(w)
out, err, open_ = b"", b"", {fd, r}
while open_:
    ready, _, _ = select.select(list(open_), [], [], 60)
    if not ready:
        break
    for f in ready:
        try:
            data = os.read(f, 65536)
        except OSError:
            data = b""
        if not data:
            open_.discard(f)
        elif f == fd:
            out += data
        else:
            err += data
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(out.replace(b"\r\n", b"\n") + b"\0" + err)
sys.exit(os.waitstatus_to_exitcode(status))
"#;

/// What spm wrote to the terminal (stdout) and to stderr, and how it exited.
#[derive(Debug)]
pub struct Screen {
    pub out: String,
    pub err: String,
    pub status: Option<i32>,
}

/// Runs `spm ARGS` on a terminal `cols` columns wide, with `vars` set (and no `COLUMNS`
/// unless `vars` sets it).
pub fn at_terminal(env: &Env, cols: u16, vars: &[(&str, &str)], args: &[&str]) -> Screen {
    let spm = assert_cmd::cargo::cargo_bin("spm");
    let out = Command::new("python3")
        .arg("-c")
        .arg(DRIVER)
        .arg(cols.to_string())
        .arg(&spm)
        .args(args)
        .current_dir(env.dir.path())
        .env("SPM_DB", &env.db)
        .env("SPM_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .env("USER", "tester")
        .env("TERM", "xterm")
        .env_remove("COLUMNS")
        .env_remove("SPM_USER")
        .env_remove("SPM_FORMAT")
        .envs(vars.iter().copied())
        .output()
        .expect("python3 runs");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (screen, err) = text.split_once('\0').unwrap_or((&text, ""));
    Screen {
        out: screen.to_string(),
        err: err.to_string(),
        status: out.status.code(),
    }
}

/// Runs `spm ARGS` on a terminal and expects it to succeed.
pub fn screen(env: &Env, cols: u16, args: &[&str]) -> Screen {
    let s = at_terminal(env, cols, &[], args);
    assert_eq!(s.status, Some(0), "spm {args:?} at {cols} columns: {s:?}");
    s
}

/// The width of a line as a terminal shows it (every character of the demo data, the rules
/// included, takes one column).
fn width(line: &str) -> usize {
    line.chars().count()
}

/// Money as a table shows it: 2500.0 is `£2,500.00`.
fn pounds(v: &Value) -> Option<String> {
    let pence = (v.as_f64()? * 100.0).round() as i64;
    let pounds = (pence / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in pounds.chars().enumerate() {
        if i > 0 && (pounds.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    Some(format!("£{grouped}.{:02}", pence % 100))
}

/// A JSON value as the table shows it, for the columns that are kept whole.
fn shown(v: &Value, money: bool) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) if s.is_empty() => None,
        Value::String(s) => Some(s.clone()),
        Value::Number(_) if money => pounds(v),
        // As spm writes a measure: up to two decimals, no trailing zeros.
        Value::Number(n) => n.as_i64().map(|i| i.to_string()).or_else(|| {
            let text = format!("{:.2}", n.as_f64()?);
            Some(text.trim_end_matches('0').trim_end_matches('.').to_string())
        }),
        _ => None,
    }
}

/// Checks a fitted screen: no line wider than the terminal; each value of `whole` (a header
/// and the JSON key of its column) shown unbroken on one line unless the note on stderr names
/// its column as left out; the note, when there is one, names the width and the way out.
fn check(screen: &Screen, cols: usize, items: &[Value], whole: &[(&str, &str)], what: &str) {
    for line in screen.out.lines() {
        assert!(
            width(line) <= cols,
            "{what} at {cols}: a line of {} columns:\n{}",
            width(line),
            screen.out
        );
    }
    assert!(!screen.out.contains("left out"), "the note is for stderr");
    if !screen.err.is_empty() {
        assert!(
            screen
                .err
                .contains(&format!("left out to fit {cols} columns: "))
                && screen.err.contains("add --wide or use --format"),
            "{what} at {cols}: {}",
            screen.err
        );
    }
    for (header, key) in whole {
        if screen.err.contains(header) {
            continue;
        }
        for item in items {
            if let Some(value) = shown(&item[*key], *key == "budget") {
                assert!(
                    screen.out.lines().any(|l| l.contains(&value)),
                    "{what} at {cols}: {value:?} ({header}) is not whole:\n{}",
                    screen.out
                );
            }
        }
    }
}

/// A command, and the columns it keeps whole: (header, JSON key).
type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)]);

#[test]
fn lists_keep_codes_dates_money_and_statuses_whole_at_80_100_and_120_columns() {
    let env = Env::demo();
    let cases: [Case<'_>; 4] = [
        (
            &["project", "list"],
            &[
                ("Code", "code"),
                ("Status", "status"),
                ("Year", "academic_year"),
                ("Budget", "budget"),
                ("Planned level", "level_planned"),
            ],
        ),
        (
            &["review", "due"],
            &[
                ("Project", "project"),
                ("Due", "due"),
                ("Last review", "last_review"),
                ("Status", "status"),
            ],
        ),
        (
            &["person", "list"],
            &[
                ("Id", "id"),
                ("Email", "email"),
                ("Kind", "kind"),
                ("Consent expires", "consent_expires"),
            ],
        ),
        (
            &["report", "principles"],
            &[
                ("Principle", "principle"),
                ("Projects scored", "projects"),
                ("Staff average", "staff_average"),
            ],
        ),
    ];
    for (args, whole) in cases {
        let items = env.json_list(args);
        assert!(!items.is_empty(), "{args:?}");
        let mut notes = Vec::new();
        for cols in [80, 100, 120] {
            let s = screen(&env, cols, args);
            check(&s, cols.into(), &items, whole, &args.join(" "));
            // The column that names the row is always there.
            let first = whole[0].0;
            assert!(s.out.lines().nth(1).is_some_and(|l| l.contains(first)));
            notes.push(s.err);
        }
        // At 80 columns these lists are too wide to show whole: the note says what went.
        assert!(!notes[0].is_empty(), "{args:?}: no note at 80 columns");
    }
}

#[test]
fn a_record_and_its_sections_fit_the_terminal() {
    let env = Env::demo();
    let project = env.show("project", "mh-peer-2025");
    let partners = project["partners"].as_array().cloned().unwrap_or_default();
    assert!(!partners.is_empty());
    for cols in [80, 100, 120] {
        let s = screen(&env, cols, &["project", "show", "mh-peer-2025"]);
        for line in s.out.lines() {
            assert!(width(line) <= cols.into(), "{cols}:\n{}", s.out);
        }
        for value in [
            "mh-peer-2025",
            "2025-10-01",
            "£2,500.00",
            "wider-student-experience",
        ] {
            assert!(s.out.contains(value), "{cols}: {value}\n{}", s.out);
        }
        // The partners' roles are kept whole, or their column is named as left out.
        check(
            &s,
            cols.into(),
            &partners,
            &[("Role", "role"), ("From", "from")],
            "show",
        );
        if !s.err.is_empty() {
            assert!(s.err.contains("(in Partners)"), "{}", s.err);
            assert!(s.err.contains("--format json"), "{}", s.err);
        }
    }
}

#[test]
fn report_all_fits_each_report_and_names_what_each_left_out() {
    let env = Env::demo();
    let s = screen(&env, 80, &["report", "all", "--year", "2025/26"]);
    for line in s.out.lines() {
        assert!(width(line) <= 80, "{}", s.out);
    }
    assert!(s.err.contains("(in Principles)"), "{}", s.err);
}

#[test]
fn columns_sets_the_width_on_a_terminal_but_never_for_a_pipe() {
    let env = Env::demo();
    let s = at_terminal(&env, 80, &[("COLUMNS", "120")], &["project", "list"]);
    assert_eq!(s.status, Some(0));
    let widest = s.out.lines().map(width).max().unwrap_or(0);
    assert!(widest > 80 && widest <= 120, "{}", s.out);
    // To a pipe the table is written whole, whatever the width.
    let piped = env.run_with(&[("COLUMNS", "40")], &["project", "list"]);
    let whole = String::from_utf8_lossy(&piped.stdout).into_owned();
    assert_eq!(whole, env.ok(&["project", "list"]));
    assert!(whole.lines().any(|l| width(l) > 120), "{whole}");
    assert!(piped.stderr.is_empty(), "no note for a pipe");
    assert!(whole.contains("mh-peer-2025") && whole.contains("Themes"));
}

#[test]
fn wide_shows_every_column() {
    let env = Env::demo();
    let s = screen(&env, 80, &["--wide", "project", "list"]);
    assert!(s.err.is_empty(), "{}", s.err);
    for header in ["Summary", "Themes", "Budget", "Created"] {
        assert!(s.out.contains(header), "{header}");
    }
    // Codes are whole even so.
    assert!(s.out.contains("intern-archives-2025"));
    // To a pipe, --wide gives the table the columns csv has.
    let piped = env.ok(&["--wide", "project", "list"]);
    assert!(piped.contains("Summary") && piped.contains("Lead's email"));
    let narrow = env.ok(&["project", "list"]);
    assert!(!narrow.contains("Summary"));
    // The other lists that leave long columns to `show` give them too.
    assert!(env.ok(&["--wide", "review", "list"]).contains("Title"));
    assert!(env.ok(&["--wide", "panel", "list"]).contains("Question"));
    assert!(
        env.ok(&["--wide", "rec", "list"])
            .contains("Recommendation")
    );
    // A flag takes no value.
    env.clap_fails(&["--wide=yes", "project", "list"], "");
}

#[test]
fn quiet_keeps_the_note_to_itself() {
    let env = Env::demo();
    let s = screen(&env, 80, &["-q", "project", "list"]);
    assert!(s.err.is_empty(), "{}", s.err);
    assert!(s.out.contains("mh-peer-2025"));
}
