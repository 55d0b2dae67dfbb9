//! Commands at a real terminal: spm run in a pseudo-terminal (Python's pty module drives it,
//! as a person would type), for what only happens when someone is there to answer.

use std::process::Command;

use crate::common::{Env, TODAY};

/// Drives `spm ARGS` in a pseudo-terminal: types `answer` at the first prompt that contains
/// `at`, and presses enter at every other pause. Prints the terminal's text and, last,
/// `STATUS n`.
const DRIVER: &str = r#"
import os, pty, select, sys, time
spm, at, answer = sys.argv[1], sys.argv[2], sys.argv[3]
pid, fd = pty.fork()
if pid == 0:
    os.execv(spm, [spm] + sys.argv[4:])
out, typed, deadline = b"", False, time.time() + 60
while time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.4)
    if ready:
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        out += data
    elif not typed and at.encode() in out:
        os.write(fd, answer.encode() + b"\r")
        typed = True
    else:
        os.write(fd, b"\r")
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode("utf-8", "replace"))
print("STATUS", os.waitstatus_to_exitcode(status))
"#;

fn in_terminal(env: &Env, vars: &[(&str, &str)], at: &str, answer: &str, args: &[&str]) -> String {
    let spm = assert_cmd::cargo::cargo_bin("spm");
    let out = Command::new("python3")
        .arg("-c")
        .arg(DRIVER)
        .arg(&spm)
        .arg(at)
        .arg(answer)
        .args(args)
        .env("SPM_DB", &env.db)
        .env("SPM_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env_remove("VISUAL")
        .envs(vars.iter().copied())
        .output()
        .expect("python3 runs");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn an_editor_that_cannot_run_keeps_the_review_and_asks_on_one_line() {
    for editor in ["#", "no-such-editor-spm", "'unclosed"] {
        let env = Env::demo();
        let screen = in_terminal(
            &env,
            &[("EDITOR", editor)],
            "What went well (blank to skip)",
            "Peer sessions were full",
            &["review", "add", "mh-peer-2025"],
        );
        assert!(!screen.contains("panicked"), "{screen}");
        assert!(screen.contains("cannot run the editor"), "{screen}");
        assert!(screen.trim_end().ends_with("STATUS 0"), "{screen}");
        let reviews = env.json_list(&["review", "list", "--project", "mh-peer-2025"]);
        let newest = reviews
            .iter()
            .filter_map(|r| r["id"].as_i64())
            .max()
            .expect("a review");
        let review = env.show("review", &newest.to_string());
        assert_eq!(review["went_well"], "Peer sessions were full", "{editor}");
    }
}
