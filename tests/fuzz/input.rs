//! What the fuzzer feeds the targets: inputs (a file, or a folder of files), the seeded
//! random numbers that mutate them, and where they are kept.

use std::path::{Path, PathBuf};

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
