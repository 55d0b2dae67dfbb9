//! The fuzzing loop: replay the seed corpus and the regressions, then mutate inputs until the
//! time budget is spent. Every case runs under `catch_unwind` and a watchdog; a case whose
//! outcome (an error message with the particulars taken out, or the shape of a success) has
//! not been seen before joins the pool that mutations start from, so the search goes on from
//! the inputs that got furthest (a cheap stand-in for coverage feedback, which needs a nightly
//! compiler).

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use crate::guard::{cap_memory, env_number, found_path, guarded, install_panic_hook, mutated, say};
use crate::input::{Input, Rng, inputs_in};
use crate::known;

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

/// What went wrong in one case, for the report.
struct Found {
    what: String,
    saved: PathBuf,
    way: usize,
    times: u64,
}

/// The largest input that joins the pool (or twice the largest seed): bigger ones are tried
/// once, not bred from.
const POOL_INPUT_BYTES: usize = 64 * 1024;

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
    // Each target its own stream, from one seed.
    let mut rng = Rng::new(seed ^ Input::one(name, Vec::new()).hash());
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
    let mut slow: Option<(Input, usize, String)> = None;

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
    let size = |i: &Input| i.files.iter().map(|f| f.1.len()).sum::<usize>();
    let pool_limit = pool
        .iter()
        .map(size)
        .max()
        .unwrap_or(0)
        .saturating_mul(2)
        .max(POOL_INPUT_BYTES);
    let deadline = Duration::from_secs_f64(seconds);
    while started.elapsed() < deadline {
        let parent = rng.below(pool.len());
        let child = mutated(target, &mut rng, &pool[parent], &pool);
        let way = rng.below(target.ways());
        let t = Instant::now();
        let verdict = guarded(target, &child, way);
        if t.elapsed() > slowest {
            slowest = t.elapsed();
            let outcome = match &verdict {
                Ok(o) | Err(o) => o.chars().take(200).collect::<String>(),
            };
            slow = Some((child.clone(), way, outcome));
        }
        cases += 1;
        if let Some(outcome) = record(&child, way, verdict, target)
            && size(&child) <= pool_limit
            && outcomes.len() < 20_000
            && outcomes.insert(outcome)
        {
            if pool.len() < 400 {
                pool.push(child);
            } else {
                let replaced = seeds + rng.below(pool.len() - seeds);
                pool[replaced] = child;
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
    if let Some((input, way, outcome)) = slow.filter(|_| slowest > Duration::from_secs(2)) {
        let path = found_path(&format!("{name}-slowest"), &input, target.extension());
        input.save(&path, target.extension().is_some());
        say(&format!(
            "fuzz {name}: the slowest case ({:.1} s, way {way}, {} bytes) is saved at {}: {outcome}",
            slowest.as_secs_f64(),
            input.files.iter().map(|f| f.1.len()).sum::<usize>(),
            path.display()
        ));
    }
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
                cut(&f.what, 1500).replace('\n', "\n  ")
            ));
        }
        panic!("{report}");
    }
}

/// At most `most` characters of `text`, marked when cut.
fn cut(text: &str, most: usize) -> String {
    match text.char_indices().nth(most) {
        Some((at, _)) => format!(
            "{}… ({} characters in all)",
            &text[..at],
            text.chars().count()
        ),
        None => text.to_string(),
    }
}
