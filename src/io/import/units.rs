//! Units import converts between, by an explicit listed factor (issue 11, item 6): a table in
//! 万元 into an indicator in 亿元 is divided by 10000 and the note says so. A pair not listed
//! here is never guessed: the import reports it.

/// One listed unit: its names, what it measures, and its size in that measure's base unit as
/// an exact fraction `numerator / denominator` (亩 = 10000/15 平方米).
struct Unit {
    names: &'static [&'static str],
    measure: &'static str,
    numerator: u64,
    denominator: u64,
}

const fn unit(
    names: &'static [&'static str],
    measure: &'static str,
    numerator: u64,
    denominator: u64,
) -> Unit {
    Unit {
        names,
        measure,
        numerator,
        denominator,
    }
}

/// Every unit import converts, grouped by measure; the first name is the one shown.
const UNITS: &[Unit] = &[
    unit(&["元", "yuan"], "money (yuan)", 1, 1),
    unit(&["千元"], "money (yuan)", 1_000, 1),
    unit(&["万元"], "money (yuan)", 10_000, 1),
    unit(&["百万元"], "money (yuan)", 1_000_000, 1),
    unit(&["千万元"], "money (yuan)", 10_000_000, 1),
    unit(&["亿元"], "money (yuan)", 100_000_000, 1),
    unit(&["万亿元"], "money (yuan)", 1_000_000_000_000, 1),
    unit(&["美元", "USD"], "money (US dollars)", 1, 1),
    unit(&["千美元"], "money (US dollars)", 1_000, 1),
    unit(&["万美元"], "money (US dollars)", 10_000, 1),
    unit(&["百万美元"], "money (US dollars)", 1_000_000, 1),
    unit(&["亿美元"], "money (US dollars)", 100_000_000, 1),
    unit(&["人"], "people", 1, 1),
    unit(&["千人"], "people", 1_000, 1),
    unit(&["万人"], "people", 10_000, 1),
    unit(&["亿人"], "people", 100_000_000, 1),
    unit(&["户"], "households", 1, 1),
    unit(&["万户"], "households", 10_000, 1),
    unit(&["米", "m"], "length", 1, 1),
    unit(&["千米", "公里", "km"], "length", 1_000, 1),
    unit(&["平方米", "m2", "m²", "㎡"], "area", 1, 1),
    unit(&["公顷", "ha"], "area", 10_000, 1),
    unit(
        &["平方千米", "平方公里", "km2", "km²", "㎢"],
        "area",
        1_000_000,
        1,
    ),
    unit(&["亩"], "area", 10_000, 15),
    unit(&["万亩"], "area", 100_000_000, 15),
    unit(&["千克", "公斤", "kg"], "mass", 1, 1),
    unit(&["吨", "t"], "mass", 1_000, 1),
    unit(&["万吨"], "mass", 10_000_000, 1),
    unit(&["千瓦时", "kWh", "度"], "energy", 1, 1),
    unit(&["万千瓦时"], "energy", 10_000, 1),
    unit(&["亿千瓦时"], "energy", 100_000_000, 1),
    unit(&["立方米", "m3", "m³"], "volume", 1, 1),
    unit(&["万立方米"], "volume", 10_000, 1),
    unit(&["亿立方米"], "volume", 100_000_000, 1),
];

fn find(name: &str) -> Option<&'static Unit> {
    let name = name.trim();
    UNITS.iter().find(|u| u.names.contains(&name))
}

/// How to turn a value in one unit into another: multiply by `multiply`, then divide by
/// `divide` (a reduced fraction, so 万元 → 亿元 is `÷ 10000` and rounds once, exactly as the
/// decimal division would).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Factor {
    /// Multiply by this first.
    pub multiply: u64,
    /// Then divide by this.
    pub divide: u64,
}

impl Factor {
    /// `value` in the target unit.
    pub fn apply(&self, value: f64) -> f64 {
        match (self.multiply, self.divide) {
            (1, 1) => value,
            (m, 1) => value * m as f64,
            (1, d) => value / d as f64,
            (m, d) => value * m as f64 / d as f64,
        }
    }

    /// `÷ 10000`, `× 15`, `× 2 ÷ 3`, or `= ` for two names of one unit.
    pub fn describe(&self) -> String {
        match (self.multiply, self.divide) {
            (1, 1) => "(the same unit)".to_owned(),
            (m, 1) => format!("× {m}"),
            (1, d) => format!("÷ {d}"),
            (m, d) => format!("× {m} ÷ {d}"),
        }
    }
}

/// The factor from `from` to `to`, if both are listed units of one measure; `None` otherwise
/// (unknown units, or different measures such as 万元 and 万人).
pub fn factor(from: &str, to: &str) -> Option<Factor> {
    let (a, b) = (find(from)?, find(to)?);
    if a.measure != b.measure {
        return None;
    }
    // from → to = (a.n / a.d) / (b.n / b.d) = (a.n · b.d) / (a.d · b.n).
    let multiply = u128::from(a.numerator) * u128::from(b.denominator);
    let divide = u128::from(a.denominator) * u128::from(b.numerator);
    let g = gcd(multiply, divide);
    Some(Factor {
        multiply: u64::try_from(multiply / g).ok()?,
        divide: u64::try_from(divide / g).ok()?,
    })
}

/// The units listed for the measure of `unit` (for a message), or every measure's first units.
pub fn listed_like(unit: &str) -> String {
    match find(unit) {
        Some(u) => UNITS
            .iter()
            .filter(|x| x.measure == u.measure)
            .map(|x| x.names[0])
            .collect::<Vec<_>>()
            .join("/"),
        None => {
            "元/万元/亿元, 人/万人, 米/千米, 平方米/公顷/平方千米/亩, 千克/吨/万吨 …".to_owned()
        }
    }
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_pairs_convert_by_exact_factors() {
        let f = factor("万元", "亿元").unwrap();
        assert_eq!(f.describe(), "÷ 10000");
        assert_eq!(f.apply(12345.0), 1.2345);
        assert_eq!(factor("亿元", "万元").unwrap().describe(), "× 10000");
        assert_eq!(factor("万人", "人").unwrap().apply(25.6), 256_000.0);
        assert_eq!(
            factor("公里", "千米").unwrap().describe(),
            "(the same unit)"
        );
        assert_eq!(factor("公顷", "亩").unwrap().describe(), "× 15");
        assert_eq!(factor("亩", "平方千米").unwrap().describe(), "÷ 1500");
        assert_eq!(factor("万亩", "公顷").unwrap().describe(), "× 2000 ÷ 3");
    }

    #[test]
    fn unknown_or_unlike_units_have_no_factor() {
        assert_eq!(factor("万元", "万人"), None);
        assert_eq!(factor("天", "日"), None);
        assert_eq!(factor("%", "‰"), None);
        assert_eq!(factor("万元", "万美元"), None);
    }
}
