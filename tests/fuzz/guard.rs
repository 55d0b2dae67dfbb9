//! Running a case safely: under `catch_unwind` with its panic recorded rather than printed,
//! under a watchdog that saves the input of a case that hangs, in a process whose memory is
//! capped.

use std::cell::RefCell;
use std::collections::HashMap;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once, OnceLock};
use std::time::{Duration, Instant};

use crate::engine::{Target, Verdict};
use crate::input::{Input, Rng};
use crate::known;

/// Says something on the real stderr, which the test harness does not capture: the seed and
/// the figures show in CI's log, and still show when a case aborts the process.
pub fn say(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// Caps the process's address space (`SPM_FUZZ_MEMORY_MB`, 4096 by default), so an input that
/// makes spm ask for gigabytes fails that allocation at once (an abort that names the size)
/// instead of taking the machine's memory.
pub fn cap_memory() {
    static CAP: Once = Once::new();
    CAP.call_once(|| {
        let mb = env_number("SPM_FUZZ_MEMORY_MB", 4096.0) as u64;
        let bytes = mb.saturating_mul(1 << 20) as libc::rlim_t;
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit and setrlimit read or fill the struct we pass, and change only this
        // process's limit (never above the hard limit, which needs no privilege).
        let done = unsafe {
            if libc::getrlimit(libc::RLIMIT_AS, &mut limit) != 0 {
                -1
            } else {
                limit.rlim_cur = bytes.min(limit.rlim_max);
                libc::setrlimit(libc::RLIMIT_AS, &limit)
            }
        };
        assert_eq!(done, 0, "cannot cap the memory (RLIMIT_AS)");
    });
}

/// A number from the environment, or `default`.
pub fn env_number(name: &str, default: f64) -> f64 {
    match std::env::var(name) {
        Ok(v) => v
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v:?} is not a number")),
        Err(_) => default,
    }
}

thread_local! {
    /// Set while a case runs: its panic is recorded here instead of printed.
    static CAUGHT: RefCell<Option<(String, std::backtrace::Backtrace)>> = const { RefCell::new(None) };
    static GUARDING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

pub fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let before = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if GUARDING.with(std::cell::Cell::get) {
                let message = info.to_string().replace('\n', " ");
                let trace = std::backtrace::Backtrace::force_capture();
                CAUGHT.with(|c| *c.borrow_mut() = Some((message, trace)));
            } else {
                before(info);
            }
        }));
    });
}

/// The case each fuzzing thread is running, for the watchdog.
type Running = HashMap<String, (Instant, Input, Option<&'static str>)>;

fn running() -> &'static Mutex<Running> {
    static RUNNING: OnceLock<Mutex<Running>> = OnceLock::new();
    RUNNING.get_or_init(|| {
        let limit = Duration::from_secs_f64(env_number("SPM_FUZZ_CASE_SECONDS", 300.0));
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(Duration::from_millis(250));
                let map = running().lock().unwrap_or_else(|e| e.into_inner());
                for (target, (started, input, ext)) in map.iter() {
                    if started.elapsed() > limit {
                        let path = found_path(target, input, *ext);
                        input.save(&path, ext.is_some());
                        eprintln!(
                            "fuzz {target}: a case ran for more than {limit:?} (a hang?); input saved at {}",
                            path.display()
                        );
                        std::process::abort();
                    }
                }
            }
        });
        Mutex::new(HashMap::new())
    })
}

/// Where a finding is saved: `target/tmp/fuzz-found/<target>/<hash>[.ext]`.
pub fn found_path(target: &str, input: &Input, ext: Option<&str>) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("fuzz-found")
        .join(target);
    std::fs::create_dir_all(&dir).expect("a folder for findings");
    let name = format!("{:016x}", input.hash());
    dir.join(match ext {
        Some(e) => format!("{name}.{e}"),
        None => name,
    })
}

/// Runs one case under `catch_unwind` and the watchdog.
pub fn guarded(target: &mut dyn Target, input: &Input, way: usize) -> Verdict {
    let name = target.name().to_string();
    if let Some(bug) = known::aborts(&name, input) {
        return Err(format!("known, not run: {bug}"));
    }
    running().lock().unwrap_or_else(|e| e.into_inner()).insert(
        name.clone(),
        (Instant::now(), input.clone(), target.extension()),
    );
    GUARDING.with(|g| g.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(|| target.run(input, way)));
    GUARDING.with(|g| g.set(false));
    running()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .remove(&name);
    match result {
        Ok(verdict) => verdict,
        Err(_) => {
            let (message, trace) = CAUGHT.with(|c| c.borrow_mut().take()).map_or_else(
                || ("a panic".to_string(), String::new()),
                |(m, t)| (m, t.to_string()),
            );
            Err(format!("panic: {message}\n{}", short_trace(&trace)))
        }
    }
}

/// A mutation, under `catch_unwind`: the mutators read workbooks with calamine, which has
/// panics of its own; such a mutation gives the parent back unchanged.
pub fn mutated(target: &mut dyn Target, rng: &mut Rng, parent: &Input, pool: &[Input]) -> Input {
    GUARDING.with(|g| g.set(true));
    let child = panic::catch_unwind(AssertUnwindSafe(|| target.mutate(rng, parent, pool)));
    GUARDING.with(|g| g.set(false));
    CAUGHT.with(|c| c.borrow_mut().take());
    child.unwrap_or_else(|_| parent.clone())
}

/// The frames of a backtrace that are spm's or its dependencies', without std's machinery.
pub fn short_trace(trace: &str) -> String {
    let lines: Vec<&str> = trace.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let frame = line.trim_start();
        let ours = frame.contains("spm::")
            || frame.contains("calamine::")
            || frame.contains("csv::")
            || frame.contains("fuzz::");
        if ours && frame.split_once(": ").is_some() {
            out.push(format!("    {}", frame));
            if let Some(at) = lines
                .get(i + 1)
                .filter(|l| l.trim_start().starts_with("at "))
            {
                out.push(format!("      {}", at.trim()));
            }
        }
        if out.len() >= 40 {
            break;
        }
    }
    out.join("\n")
}
