//! The fuzzing loop: replay the seed corpus and the regressions, then mutate inputs until the
//! time budget is spent. Every case runs under `catch_unwind` and a watchdog; a case whose
//! outcome (an error message with the particulars taken out, or the shape of a success) has
//! not been seen before joins the pool that mutations start from, so the search goes on from
//! the inputs that got furthest (a cheap stand-in for coverage feedback, which needs a nightly
//! compiler).

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once, OnceLock};
use std::time::{Duration, Instant, SystemTime};

use crate::known;

/// An input: one file (the importers, a workbook) or several (a folder of CSV files).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    pub files: Vec<(String, Vec<u8>)>,
}

impl Input {
    pub fn one(name: &str, bytes: Vec<u8>) -> Input {
        Input {
            files: vec![(name.to_string(), bytes)],
        }
    }

    /// The bytes of a one-file input (the first file's).
    pub fn bytes(&self) -> &[u8] {
        self.files.first().map_or(&[], |f| f.1.as_slice())
    }

    /// FNV-1a of names and bytes: names the files a finding is saved as.
    pub fn hash(&self) -> u64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for (name, bytes) in &self.files {
            for b in name
                .bytes()
                .chain([0])
                .chain(bytes.iter().copied())
                .chain([0])
            {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        h
    }

    /// Reads a file (one-file input) or every file of a folder.
    pub fn load(path: &Path) -> Input {
        if path.is_dir() {
            let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(path)
                .expect("a corpus folder")
                .map(|e| {
                    let p = e.expect("a corpus entry").path();
                    let name = p
                        .file_name()
                        .expect("a name")
                        .to_string_lossy()
                        .into_owned();
                    (name, std::fs::read(&p).expect("a corpus file"))
                })
                .collect();
            files.sort();
            Input { files }
        } else {
            let name = path.file_name().expect("a name").to_string_lossy();
            Input::one(&name, std::fs::read(path).expect("a corpus file"))
        }
    }

    /// Writes the input at `path`: a file, or a folder of files.
    pub fn save(&self, path: &Path, one_file: bool) {
        if one_file {
            std::fs::write(path, self.bytes()).expect("the finding is saved");
        } else {
            std::fs::create_dir_all(path).expect("a folder for the finding");
            for (name, bytes) in &self.files {
                std::fs::write(path.join(name), bytes).expect("the finding is saved");
            }
        }
    }
}

/// splitmix64: small, fast, and the same sequence on every platform and version.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// True `num` times in `den`.
    pub fn chance(&mut self, num: u64, den: u64) -> bool {
        self.next() % den < num
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// What a case came to: fine (with its outcome, for novelty), or a broken rule.
pub type Verdict = Result<String, String>;

/// One thing to fuzz.
pub trait Target {
    /// Its name: the folder of its corpus and regressions.
    fn name(&self) -> &'static str;
    /// Whether an input is one file (saved as `<hash>.<ext>`), else a folder.
    fn extension(&self) -> Option<&'static str>;
    /// How many ways (options, starting databases) each input can be run.
    fn ways(&self) -> usize;
    /// A new input made from `parent`, maybe with pieces of others from the pool.
    fn mutate(&mut self, rng: &mut Rng, parent: &Input, pool: &[Input]) -> Input;
    /// Runs one case and checks every rule: `Err` names the rule it broke.
    fn run(&mut self, input: &Input, way: usize) -> Verdict;
    /// Where it writes each case's input (left behind when a case aborts the process).
    fn work_dir(&self) -> &Path;
}

/// A new folder under `target/tmp/fuzz-work/` for a target's inputs: unlike a folder in the
/// system's temporary space, it is where a developer looks after a crash.
pub fn work_dir(target: &str) -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz-work");
    std::fs::create_dir_all(&root).expect("a folder for the fuzz inputs");
    tempfile::Builder::new()
        .prefix(&format!("{target}-"))
        .tempdir_in(root)
        .expect("a folder for the fuzz inputs")
}

/// Says something on the real stderr, which the test harness does not capture: the seed and
/// the figures show in CI's log, and still show when a case aborts the process.
pub fn say(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// Caps the process's address space (`SPM_FUZZ_MEMORY_MB`, 4096 by default), so an input that
/// makes spm ask for gigabytes fails that allocation at once (an abort that names the size)
/// instead of taking the machine's memory.
fn cap_memory() {
    static CAP: Once = Once::new();
    CAP.call_once(|| {
        let mb = env_number("SPM_FUZZ_MEMORY_MB", 4096.0) as u64;
        let bytes = mb.saturating_mul(1 << 20) as libc::rlim_t;
        let limit = libc::rlimit {
            rlim_cur: bytes,
            rlim_max: libc::RLIM_INFINITY,
        };
        // SAFETY: setrlimit reads the struct we pass and changes only this process's limit.
        let done = unsafe { libc::setrlimit(libc::RLIMIT_AS, &limit) };
        assert_eq!(done, 0, "setrlimit(RLIMIT_AS) failed");
    });
}

/// The folder of the repository's fuzz files: `tests/fuzz/<kind>/<target>`.
pub fn repo_dir(kind: &str, target: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz")
        .join(kind)
        .join(target)
}

/// Every input in a folder of the repository's fuzz files, by name.
pub fn inputs_in(kind: &str, target: &str) -> Vec<(String, Input)> {
    let dir = repo_dir(kind, target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut out: Vec<(String, Input)> = entries
        .map(|e| {
            let p = e.expect("an entry").path();
            let name = p
                .file_name()
                .expect("a name")
                .to_string_lossy()
                .into_owned();
            (name, Input::load(&p))
        })
        .filter(|(name, _)| !name.starts_with('.') && name != "README.md")
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// A number from the environment, or `default`.
fn env_number(name: &str, default: f64) -> f64 {
    match std::env::var(name) {
        Ok(v) => v
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v:?} is not a number")),
        Err(_) => default,
    }
}

/// What went wrong in one case, for the report.
struct Found {
    what: String,
    saved: PathBuf,
    way: usize,
    times: u64,
}

thread_local! {
    /// Set while a case runs: its panic is recorded here instead of printed.
    static CAUGHT: RefCell<Option<(String, std::backtrace::Backtrace)>> = const { RefCell::new(None) };
    static GUARDING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn install_panic_hook() {
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
        let limit = Duration::from_secs_f64(env_number("SPM_FUZZ_CASE_SECONDS", 60.0));
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
fn found_path(target: &str, input: &Input, ext: Option<&str>) -> PathBuf {
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
fn guarded(target: &mut dyn Target, input: &Input, way: usize) -> Verdict {
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
fn mutated(target: &mut dyn Target, rng: &mut Rng, parent: &Input, pool: &[Input]) -> Input {
    GUARDING.with(|g| g.set(true));
    let child = panic::catch_unwind(AssertUnwindSafe(|| target.mutate(rng, parent, pool)));
    GUARDING.with(|g| g.set(false));
    CAUGHT.with(|c| c.borrow_mut().take());
    child.unwrap_or_else(|_| parent.clone())
}

/// The largest input that joins the pool: bigger ones are tried once, not bred from.
const POOL_INPUT_BYTES: usize = 256 * 1024;

/// The frames of a backtrace that are spm's or its dependencies', without std's machinery.
fn short_trace(trace: &str) -> String {
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

/// The first line of a finding, with numbers and quoted text taken out: one entry per bug.
fn finding_key(what: &str) -> String {
    let first = what.lines().next().unwrap_or("");
    crate::oracle::shape(first)
}

/// Replays the corpus and the regressions, then fuzzes for `SPM_FUZZ_SECONDS` (2 by default);
/// panics listing every distinct finding, each saved under `target/tmp/fuzz-found/`.
pub fn fuzz(target: &mut dyn Target) {
    install_panic_hook();
    cap_memory();
    let name = target.name();
    let seconds = env_number("SPM_FUZZ_SECONDS", 2.0);
    let seed = match std::env::var("SPM_FUZZ_SEED") {
        Ok(v) => v.trim().parse().expect("SPM_FUZZ_SEED is a number"),
        Err(_) => SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64),
    };
    let mut rng = Rng::new(seed ^ u64::from(name.len() as u32) << 32);
    say(&format!(
        "fuzz {name}: SPM_FUZZ_SEED={seed} SPM_FUZZ_SECONDS={seconds}; each input is written to {} before it runs",
        target.work_dir().display()
    ));
    let mut found: BTreeMap<String, Found> = BTreeMap::new();
    let mut known_hits: BTreeMap<String, u64> = BTreeMap::new();
    let mut outcomes: HashSet<String> = HashSet::new();
    let started = Instant::now();
    let mut cases: u64 = 0;
    let mut slowest = Duration::ZERO;

    let mut record =
        |input: &Input, way: usize, verdict: Verdict, target: &dyn Target| -> Option<String> {
            match verdict {
                Ok(outcome) => Some(outcome),
                Err(what) => {
                    let bug = known::matches(name, &what).map(str::to_string).or_else(|| {
                        what.strip_prefix("known, not run: ")
                            .map(|b| format!("not run: {b}"))
                    });
                    if let Some(bug) = bug {
                        *known_hits.entry(bug).or_default() += 1;
                        return None;
                    }
                    let key = finding_key(&what);
                    let entry = found.entry(key).or_insert_with(|| {
                        let saved = found_path(name, input, target.extension());
                        input.save(&saved, target.extension().is_some());
                        Found {
                            what,
                            saved,
                            way,
                            times: 0,
                        }
                    });
                    entry.times += 1;
                    None
                }
            }
        };

    let corpus: Vec<Input> = inputs_in("corpus", name)
        .into_iter()
        .map(|(_, i)| i)
        .collect();
    assert!(
        !corpus.is_empty(),
        "tests/fuzz/corpus/{name} holds no seeds"
    );
    let regressions = inputs_in("regressions", name);
    let mut pool: Vec<Input> = Vec::new();
    for input in corpus.iter().chain(regressions.iter().map(|(_, i)| i)) {
        for way in 0..target.ways() {
            let verdict = guarded(target, input, way);
            cases += 1;
            if let Some(outcome) = record(input, way, verdict, target) {
                outcomes.insert(outcome);
            }
        }
        pool.push(input.clone());
    }
    let replayed = cases;
    let seeds = pool.len();
    let deadline = Duration::from_secs_f64(seconds);
    while started.elapsed() < deadline {
        let parent = rng.below(pool.len());
        let child = mutated(target, &mut rng, &pool[parent], &pool);
        let way = rng.below(target.ways());
        let t = Instant::now();
        let verdict = guarded(target, &child, way);
        slowest = slowest.max(t.elapsed());
        cases += 1;
        if let Some(outcome) = record(&child, way, verdict, target) {
            let size: usize = child.files.iter().map(|f| f.1.len()).sum();
            if size <= POOL_INPUT_BYTES && outcomes.len() < 20_000 && outcomes.insert(outcome) {
                if pool.len() < 400 {
                    pool.push(child);
                } else {
                    let replaced = seeds + rng.below(pool.len() - seeds);
                    pool[replaced] = child;
                }
            }
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    say(&format!(
        "fuzz {name}: seed {seed}: {cases} cases ({replayed} replayed) in {elapsed:.1} s, {:.0}/s, slowest {:.2} s, {} outcomes, pool {}, known bugs hit {known_hits:?}",
        cases as f64 / elapsed.max(0.001),
        slowest.as_secs_f64(),
        outcomes.len(),
        pool.len()
    ));
    if !found.is_empty() {
        let mut report = format!(
            "fuzz {name} (SPM_FUZZ_SEED={seed}) found {} problem(s):\n",
            found.len()
        );
        for f in found.values() {
            report.push_str(&format!(
                "\n- {} time(s), way {}, input saved at {}\n  {}\n",
                f.times,
                f.way,
                f.saved.display(),
                f.what.replace('\n', "\n  ")
            ));
        }
        panic!("{report}");
    }
}

/// Runs one saved input every way, as the fuzzer would: the findings, or none.
pub fn replay(target: &mut dyn Target, input: &Input) -> Vec<String> {
    install_panic_hook();
    cap_memory();
    (0..target.ways())
        .filter_map(|way| {
            guarded(target, input, way)
                .err()
                .map(|e| format!("way {way}: {e}"))
        })
        .collect()
}
