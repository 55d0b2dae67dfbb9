//! A real SMTP server for tests of mail: Python's `aiosmtpd`, run by `smtp_handler.py` on
//! 127.0.0.1 (the only place a test sends mail). It keeps every message it accepts, refuses
//! (550) any recipient whose address contains "refused", accepts the login "spm" with the
//! password "secret", and offers no STARTTLS.
//!
//! `aiosmtpd` is installed with pip into the target folder the first time a test needs it
//! (once, under a lock, however many tests start at once).
//!
//! ```ignore
//! let smtp = Smtp::start();
//! smtp.configure(&env);                  // spm settings set smtp-host 127.0.0.1, ...
//! // ... run spm, which sends mail ...
//! let got = smtp.messages();             // what the server accepted, in order
//! ```

use std::fs;
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use tempfile::TempDir;

use crate::common::Env;

/// The handler script the server runs.
const HANDLER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cli/smtp_handler.py");

/// The login and password the server accepts.
pub const LOGIN: &str = "spm";
pub const PASSWORD: &str = "secret";

/// The From every test sends with (see [`Smtp::configure`]).
pub const FROM: &str = "Students as Partners <sap@example.ac.uk>";

/// The longest a server may take to start.
const START: Duration = Duration::from_secs(60);

/// A running SMTP server; stopped when dropped.
pub struct Smtp {
    /// The port it listens on, on 127.0.0.1.
    pub port: u16,
    folder: TempDir,
    child: Child,
}

/// A message the server accepted.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Received {
    /// The envelope's MAIL FROM.
    pub from: String,
    /// The envelope's RCPT TOs that were accepted.
    pub to: Vec<String>,
    /// The login the client gave, if it logged in.
    pub login: Option<String>,
    /// The message as sent, headers and body.
    pub raw: String,
    /// The Subject, From and To headers, decoded by Python's mail parser.
    pub subject: Option<String>,
    pub from_header: Option<String>,
    pub to_header: Option<String>,
    /// The body as text, its transfer encoding undone.
    pub body: String,
}

impl Smtp {
    /// Starts a server on a free port of 127.0.0.1 and waits until it takes connections.
    pub fn start() -> Smtp {
        let folder = tempfile::tempdir().expect("a folder for the messages");
        let mut cmd = Command::new("python3");
        cmd.arg(HANDLER)
            .arg(folder.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        if let Some(path) = python_path() {
            cmd.env("PYTHONPATH", path);
        }
        let mut child = cmd.spawn().expect("python3 runs");
        let stdout = child.stdout.take().expect("the server's stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = match rx.recv_timeout(START) {
            Ok(line) => line,
            Err(_) => {
                let _ = child.kill();
                panic!("the SMTP server did not start within {START:?}");
            }
        };
        let Ok(port) = line.trim().parse::<u16>() else {
            let _ = child.kill();
            let status = child.wait();
            panic!("the SMTP server did not start ({status:?}); it said {line:?}");
        };
        let smtp = Smtp {
            port,
            folder,
            child,
        };
        let deadline = Instant::now() + START;
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "the SMTP server takes no connections on port {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        smtp
    }

    /// Every message accepted so far, in the order it came.
    pub fn messages(&self) -> Vec<Received> {
        let mut names: Vec<PathBuf> = fs::read_dir(self.folder.path())
            .expect("the messages' folder")
            .map(|e| e.expect("a message").path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        names.sort();
        names
            .iter()
            .map(|p| {
                let text = fs::read_to_string(p).expect("a message's file");
                serde_json::from_str(&text).expect("a message's record")
            })
            .collect()
    }

    /// Points `env`'s database at this server through `spm settings set`: smtp-host
    /// 127.0.0.1, this port, no STARTTLS, and mail-from [`FROM`]. (No login: set smtp-user
    /// to [`LOGIN`] and pass `SPM_SMTP_PASSWORD` = [`PASSWORD`] for one.)
    pub fn configure(&self, env: &Env) {
        let port = self.port.to_string();
        for (key, value) in [
            ("smtp-host", "127.0.0.1"),
            ("smtp-port", port.as_str()),
            ("smtp-starttls", "no"),
            ("mail-from", FROM),
        ] {
            env.run_ok(&["settings", "set", key, value]);
        }
    }
}

impl Drop for Smtp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Where `aiosmtpd` is, for PYTHONPATH: `None` when python3 has it already, else the folder
/// under the target directory it was installed in (by pip, the first time, under a lock).
fn python_path() -> Option<PathBuf> {
    static PATH: OnceLock<Option<PathBuf>> = OnceLock::new();
    PATH.get_or_init(|| {
        if imports(None) {
            return None;
        }
        let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
        fs::create_dir_all(tmp).expect("the target's temporary folder");
        let target = tmp.join("python");
        // Other test processes may install at the same moment: one at a time.
        let lock = fs::File::create(tmp.join("python.lock")).expect("a lock file");
        let _held = Flock::hold(&lock);
        if !imports(Some(&target)) {
            let out = Command::new("python3")
                .args([
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                ])
                .arg("--target")
                .arg(&target)
                .arg("aiosmtpd")
                .output()
                .expect("python3 runs");
            assert!(
                out.status.success() && imports(Some(&target)),
                "cannot install aiosmtpd with pip: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Some(target)
    })
    .clone()
}

/// Whether python3 can import aiosmtpd (from `path` as well, when given).
fn imports(path: Option<&Path>) -> bool {
    let mut cmd = Command::new("python3");
    cmd.args(["-c", "import aiosmtpd.controller"])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if let Some(path) = path {
        cmd.env("PYTHONPATH", path);
    }
    cmd.status().is_ok_and(|s| s.success())
}

/// An exclusive lock on a file, held until dropped.
struct Flock<'a>(&'a fs::File);

impl<'a> Flock<'a> {
    fn hold(file: &'a fs::File) -> Flock<'a> {
        use std::os::fd::AsRawFd;
        // SAFETY: flock on a file descriptor this process owns for the lock's lifetime.
        let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) };
        assert_eq!(rc, 0, "cannot lock {file:?}");
        Flock(file)
    }
}

impl Drop for Flock<'_> {
    fn drop(&mut self) {
        use std::os::fd::AsRawFd;
        // SAFETY: as in `hold`.
        unsafe { libc::flock(self.0.as_raw_fd(), libc::LOCK_UN) };
    }
}

/// Sends one message with Python's own SMTP client (logged in as `login`, when given);
/// returns what smtplib said of the recipients it refused.
fn python_sends(port: u16, login: Option<(&str, &str)>, to: &[&str], message: &str) -> String {
    let script = r#"
import smtplib, sys, json
port, login, password, to, message = int(sys.argv[1]), sys.argv[2], sys.argv[3], json.loads(sys.argv[4]), sys.argv[5]
with smtplib.SMTP("127.0.0.1", port, timeout=30) as s:
    if login:
        s.login(login, password)
    refused = s.sendmail("sender@example.ac.uk", to, message.encode("utf-8"))
print(json.dumps({k: v[0] for k, v in refused.items()}))
"#;
    let (user, password) = login.unwrap_or(("", ""));
    let out = Command::new("python3")
        .args(["-c", script, &port.to_string(), user, password])
        .arg(serde_json::to_string(to).expect("JSON"))
        .arg(message)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "smtplib failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn the_server_keeps_what_it_accepts_and_refuses_what_it_should() {
    let smtp = Smtp::start();
    assert!(smtp.messages().is_empty());
    let message = "From: sender@example.ac.uk\r\nSubject: =?utf-8?q?caf=C3=A9?=\r\n\r\nhello\r\n";
    let refused = python_sends(
        smtp.port,
        Some((LOGIN, PASSWORD)),
        &["ok@example.ac.uk", "refused@example.ac.uk"],
        message,
    );
    assert_eq!(refused, r#"{"refused@example.ac.uk": 550}"#);
    python_sends(smtp.port, None, &["second@example.ac.uk"], message);
    let got = smtp.messages();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].from, "sender@example.ac.uk");
    assert_eq!(got[0].to, ["ok@example.ac.uk"]);
    assert_eq!(got[0].login.as_deref(), Some(LOGIN));
    assert_eq!(got[0].subject.as_deref(), Some("café"));
    assert!(got[0].raw.starts_with("From: sender@example.ac.uk\r\n"));
    assert_eq!(got[1].to, ["second@example.ac.uk"]);
    assert_eq!(got[1].login, None);
}

#[test]
fn servers_run_side_by_side_and_stop_when_dropped() {
    let (a, b) = (Smtp::start(), Smtp::start());
    assert_ne!(a.port, b.port);
    let port = a.port;
    drop(a);
    assert!(TcpStream::connect(("127.0.0.1", port)).is_err());
    assert!(TcpStream::connect(("127.0.0.1", b.port)).is_ok());
}
