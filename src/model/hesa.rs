//! The UK higher-education statistics rounding convention (HESA) for counts of people.
//!
//! Any count of people that leaves spm in a report is rounded to the nearest 5 (so 0, 1 and
//! 2 become 0); a percentage is suppressed where its population is under 22.5, and an
//! average where it is based on 7 or fewer people. Percentages and averages are computed
//! from the raw figures, never from rounded ones. A suppressed cell prints as [`SUPPRESSED`].

/// How a suppressed cell is printed.
pub const SUPPRESSED: &str = "..";

/// The smallest population a percentage may be shown for (a population under 22.5, that is
/// 22 people or fewer, is suppressed).
pub const MIN_PERCENTAGE_POPULATION: u64 = 23;

/// The fewest people an average may be shown for (7 or fewer is suppressed).
pub const MIN_AVERAGE_PEOPLE: u64 = 8;

/// `n` rounded to the nearest multiple of 5: 0, 1 and 2 become 0, 3 to 7 become 5, 8 becomes
/// 10. (A whole number is never exactly half way between two multiples of 5.)
pub fn round_count(n: u64) -> u64 {
    // Never overflows: u64::MAX is itself a multiple of 5, so its remainder is 0.
    let down = n - n % 5;
    if n % 5 >= 3 { down + 5 } else { down }
}

/// `part` as a percentage of `population`, or `None` (suppressed) when the population is
/// under 22.5 people. Computed from the raw figures.
pub fn percentage(part: u64, population: u64) -> Option<f64> {
    (population >= MIN_PERCENTAGE_POPULATION).then(|| 100.0 * part as f64 / population as f64)
}

/// `total` shared among `people`, or `None` (suppressed) when it is based on 7 or fewer
/// people.
pub fn average(total: f64, people: u64) -> Option<f64> {
    (people >= MIN_AVERAGE_PEOPLE).then(|| total / people as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_counts_become_zero() {
        for n in [0, 1, 2] {
            assert_eq!(round_count(n), 0, "{n}");
        }
    }

    #[test]
    fn counts_round_to_the_nearest_five() {
        assert_eq!(round_count(3), 5);
        assert_eq!(round_count(7), 5);
        assert_eq!(round_count(8), 10);
        assert_eq!(round_count(13), 15);
        assert_eq!(round_count(u64::MAX), u64::MAX);
    }

    #[test]
    fn percentages_need_a_population_over_22_and_a_half() {
        assert_eq!(percentage(11, 22), None);
        assert_eq!(percentage(0, 0), None);
        assert_eq!(percentage(23, 23), Some(100.0));
        let part = percentage(5, 23).unwrap_or(f64::NAN);
        assert!((part - 500.0 / 23.0).abs() < 1e-9, "{part}");
    }

    #[test]
    fn averages_need_more_than_seven_people() {
        assert_eq!(average(70.0, 7), None);
        assert_eq!(average(0.0, 0), None);
        assert_eq!(average(80.0, 8), Some(10.0));
    }

    proptest::proptest! {
        /// Every rounded count is a multiple of 5 within 2.5 of the raw count.
        #[test]
        fn a_rounded_count_is_a_near_multiple_of_five(n in proptest::num::u64::ANY) {
            let r = round_count(n);
            proptest::prop_assert_eq!(r % 5, 0);
            proptest::prop_assert!(r.abs_diff(n) <= 2, "{} rounded to {}", n, r);
        }

        #[test]
        fn small_rounded_counts_stay_near(n in 0u64..10_000) {
            let r = round_count(n);
            proptest::prop_assert_eq!(r % 5, 0);
            proptest::prop_assert!((r as f64 - n as f64).abs() < 2.5);
        }
    }
}
