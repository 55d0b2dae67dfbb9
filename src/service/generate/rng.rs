//! The generator's own PRNG: every record is drawn from a stream of its own.

/// A small, fast, well-mixed PRNG (splitmix64): enough for test data, and no dependency.
pub(super) struct Rng(u64);

impl Rng {
    /// A generator for record `index` of `stream`, so each record can be made again alone.
    pub(super) fn new(seed: u64, stream: u64, index: u64) -> Rng {
        let mut rng = Rng(seed
            ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03));
        rng.next();
        rng
    }

    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub(super) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    pub(super) fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    pub(super) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.index(items.len())]
    }

    pub(super) fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// An index drawn with the given relative weights.
    pub(super) fn weighted(&mut self, weights: &[u64]) -> usize {
        let mut n = self.below(weights.iter().sum());
        for (i, w) in weights.iter().enumerate() {
            if n < *w {
                return i;
            }
            n -= w;
        }
        weights.len() - 1
    }
}

pub(super) const PROJECTS: u64 = 1;
pub(super) const REVIEWS: u64 = 2;
pub(super) const PEOPLE: u64 = 3;
