//! Value axis: the range shown (zero included, padded, or logarithmic), "nice" tick values
//! and their labels. Pure arithmetic, safe for any finite input.

use crate::chart::ChartSpec;

/// Share of the data span added as padding beyond the data.
const PAD: f64 = 0.08;

/// The mapping of values to the vertical extent of the plot.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ValueScale {
    /// Lowest value shown (log10 of it on a log scale).
    lo: f64,
    /// Highest value shown (log10 of it on a log scale).
    hi: f64,
    /// Whether the axis is logarithmic.
    pub log: bool,
}

impl ValueScale {
    /// The scale for every drawable value of `spec` (finite, and positive on a log scale),
    /// with the reference line; zero is included on a linear scale.
    pub fn for_spec(spec: &ChartSpec) -> Self {
        let log = spec.log_scale;
        let range = spec.scaled_range(|v| v.is_finite() && (!log || v > 0.0));
        if log {
            Self::log_range(range.unwrap_or((1.0, 10.0)))
        } else {
            Self::linear_range(range.unwrap_or((0.0, 1.0)))
        }
    }

    fn linear_range((min, max): (f64, f64)) -> Self {
        let (mut lo, mut hi) = (min.min(0.0), max.max(0.0));
        let span = hi - lo;
        if !span.is_finite() {
            // Beyond f64: halve everything rather than fail (only absurd input gets here).
            return Self {
                lo: lo.max(f64::MIN / 2.0),
                hi: hi.min(f64::MAX / 2.0),
                log: false,
            };
        }
        if span == 0.0 {
            // Only zeros.
            return Self {
                lo: 0.0,
                hi: 1.0,
                log: false,
            };
        }
        if hi > 0.0 {
            hi = (hi + span * PAD).min(f64::MAX / 2.0);
        }
        if lo < 0.0 {
            lo = (lo - span * PAD).max(f64::MIN / 2.0);
        }
        Self { lo, hi, log: false }
    }

    fn log_range((min, max): (f64, f64)) -> Self {
        let (l0, l1) = (min.log10(), max.log10());
        let pad = ((l1 - l0) * PAD).max(0.05);
        Self {
            lo: l0 - pad,
            hi: l1 + pad,
            log: true,
        }
    }

    /// Where `value` falls, from 0 (bottom) to 1 (top); outside for values outside the range.
    pub fn fraction(&self, value: f64) -> f64 {
        let v = if self.log {
            value.max(f64::MIN_POSITIVE).log10()
        } else {
            value
        };
        let span = self.hi - self.lo;
        if span > 0.0 && span.is_finite() {
            (v - self.lo) / span
        } else {
            (v / 2.0 - self.lo / 2.0) / (self.hi / 2.0 - self.lo / 2.0)
        }
    }

    /// The value bars grow from: zero (clamped into the range), or the bottom on a log scale.
    pub fn bar_base(&self) -> f64 {
        if self.log {
            10f64.powf(self.lo)
        } else {
            0.0f64.clamp(self.lo, self.hi)
        }
    }

    /// Tick values inside the range, about `target` of them, and their labels.
    pub fn ticks(&self, target: usize) -> Vec<(f64, String)> {
        let target = target.clamp(2, 12);
        if self.log {
            return self.log_ticks(target);
        }
        let ticks = linear_ticks(self.lo, self.hi, target);
        let step = if ticks.len() > 1 {
            ticks[1] - ticks[0]
        } else {
            self.hi - self.lo
        };
        let magnitude = self.lo.abs().max(self.hi.abs());
        ticks
            .into_iter()
            .map(|v| (v, tick_label(v, step, magnitude)))
            .collect()
    }

    fn log_ticks(&self, target: usize) -> Vec<(f64, String)> {
        let first = self.lo.ceil() as i64;
        let last = self.hi.floor() as i64;
        let decades = (last - first + 1).max(0);
        let label = |v: f64| tick_label(v, v, v);
        let ticks: Vec<f64> = if decades > 2 {
            // Powers of ten, thinned to about `target`.
            let every = (decades as usize).div_ceil(target).max(1);
            (first..=last)
                .step_by(every)
                .map(|d| 10f64.powi(d as i32))
                .collect()
        } else {
            // Few decades: 1, 2 and 5 × 10ⁿ.
            (first - 1..=last)
                .flat_map(|d| [1.0, 2.0, 5.0].map(|m| m * 10f64.powi(d as i32)))
                .filter(|v| self.contains(*v))
                .collect()
        };
        if ticks.len() >= 2 {
            return ticks.into_iter().map(|v| (v, label(v))).collect();
        }
        // Less than a factor of ~2.5 shown: linear ticks between the ends.
        let (lo, hi) = (10f64.powf(self.lo), 10f64.powf(self.hi));
        let ticks = linear_ticks(lo, hi, target.min(5));
        let step = if ticks.len() > 1 {
            ticks[1] - ticks[0]
        } else {
            hi - lo
        };
        ticks
            .into_iter()
            .map(|v| (v, tick_label(v, step, hi)))
            .collect()
    }

    fn contains(&self, value: f64) -> bool {
        (0.0..=1.0).contains(&self.fraction(value))
    }
}

/// The 1, 2 or 5 × 10ⁿ step nearest to `raw` (Heckbert's "nice numbers").
fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let power = 10f64.powf(raw.log10().floor());
    let m = raw / power;
    let nice = if m < 1.5 {
        1.0
    } else if m < 3.0 {
        2.0
    } else if m < 7.0 {
        5.0
    } else {
        10.0
    };
    nice * power
}

/// Multiples of a nice step within `lo..=hi`, about `target` of them (never more than 50).
fn linear_ticks(lo: f64, hi: f64, target: usize) -> Vec<f64> {
    let span = hi - lo;
    if !(span.is_finite() && span > 0.0) {
        return if lo.is_finite() { vec![lo] } else { Vec::new() };
    }
    let step = nice_step(span / target as f64);
    let first = (lo / step).ceil();
    (0..50)
        .map(|i| (first + f64::from(i)) * step)
        .take_while(|v| *v <= hi + step * 1e-9)
        .map(|v| if v.abs() < step * 1e-9 { 0.0 } else { v })
        .collect()
}

/// A tick label with as many decimals as the step needs; powers of ten beyond 10⁹ or below
/// 10⁻⁴ in scientific form (1.5e12).
fn tick_label(value: f64, step: f64, magnitude: f64) -> String {
    if value == 0.0 {
        return "0".to_owned();
    }
    if magnitude >= 1e9 || step.abs() < 1e-4 {
        let text = format!("{value:e}");
        // Rust writes 1.5e12 and 1e-5; trim long mantissas to 3 significant digits.
        return match text.split_once('e') {
            Some((mantissa, exp)) => {
                let m: f64 = mantissa.parse().unwrap_or(0.0);
                let m = format!("{m:.2}");
                format!("{}e{exp}", m.trim_end_matches('0').trim_end_matches('.'))
            }
            None => text,
        };
    }
    let decimals = (-step.abs().log10().floor()).clamp(0.0, 6.0) as usize;
    crate::chart::style::group_thousands(&format!("{value:.decimals$}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linear(lo: f64, hi: f64) -> ValueScale {
        ValueScale::linear_range((lo, hi))
    }

    #[test]
    fn linear_range_includes_zero_and_pads_by_eight_percent() {
        let s = linear(50.0, 100.0);
        assert_eq!(s.lo, 0.0);
        assert!((s.hi - 108.0).abs() < 1e-9);
        let s = linear(-10.0, 10.0);
        assert!((s.lo + 11.6).abs() < 1e-9 && (s.hi - 11.6).abs() < 1e-9);
        assert_eq!(
            linear(0.0, 0.0),
            ValueScale {
                lo: 0.0,
                hi: 1.0,
                log: false
            }
        );
    }

    #[test]
    fn ticks_are_round_and_inside_the_range() {
        let ticks = linear(0.0, 1234.0).ticks(6);
        let values: Vec<f64> = ticks.iter().map(|t| t.0).collect();
        assert_eq!(
            values,
            vec![0.0, 200.0, 400.0, 600.0, 800.0, 1000.0, 1200.0]
        );
        assert_eq!(ticks[1].1, "200");
        let small = linear(0.0, 0.03).ticks(5);
        assert_eq!(small[1].1, "0.005");
    }

    #[test]
    fn log_ticks_are_powers_of_ten() {
        let s = ValueScale::log_range((1.0, 100_000.0));
        let labels: Vec<String> = s.ticks(8).into_iter().map(|t| t.1).collect();
        assert_eq!(labels, ["1", "10", "100", "1,000", "10,000", "100,000"]);
        let narrow = ValueScale::log_range((300.0, 400.0)).ticks(5);
        assert!(narrow.len() >= 2, "{narrow:?}");
        assert!(narrow.iter().all(|(v, _)| *v > 200.0 && *v < 500.0));
    }

    #[test]
    fn huge_and_tiny_values_do_not_panic() {
        for (lo, hi) in [
            (0.0, 1e300),
            (-1e308, 1e308),
            (1e-300, 2e-300),
            (0.0, f64::MAX),
        ] {
            let s = linear(lo, hi);
            let ticks = s.ticks(6);
            assert!(ticks.len() <= 50);
            let _ = s.fraction(hi);
        }
        assert_eq!(tick_label(1.5e12, 1e11, 1.5e12), "1.5e12");
        let s = ValueScale::log_range((1e-300, 1e300));
        assert!(!s.ticks(8).is_empty());
    }
}
