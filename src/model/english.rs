//! English optional (dataset format 2): `title_en`, `name_en` and `unit_en` may be left out
//! and fall back to the Chinese text. A dataset remembers which were left out, so that it
//! writes them back left out and a file round-trips.

use super::records::DatasetParts;

/// Which English fields of a dataset's file were left out (empty).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct EnglishOmitted {
    title: bool,
    region_names: Vec<usize>,
    indicator_names: Vec<usize>,
    indicator_units: Vec<usize>,
}

impl EnglishOmitted {
    /// Fills every empty English field of `parts` with its Chinese text; returns which.
    pub(crate) fn fill(parts: &mut DatasetParts) -> Self {
        let mut omitted = Self::default();
        if parts.title_en.is_empty() {
            omitted.title = true;
            parts.title_en = parts.title.clone();
        }
        for (i, r) in parts.regions.iter_mut().enumerate() {
            if r.name_en.is_empty() {
                omitted.region_names.push(i);
                r.name_en = r.name.clone();
            }
        }
        for (i, ind) in parts.indicators.iter_mut().enumerate() {
            if ind.name_en.is_empty() {
                omitted.indicator_names.push(i);
                ind.name_en = ind.name.clone();
            }
            if ind.unit_en.is_empty() {
                omitted.indicator_units.push(i);
                ind.unit_en = ind.unit.clone();
            }
        }
        omitted
    }

    /// Empties again, in `parts` (as [`super::Dataset::to_parts`] gives them), the fields
    /// that were left out.
    pub(crate) fn empty_again(&self, parts: &mut DatasetParts) {
        if self.title {
            parts.title_en.clear();
        }
        for &i in &self.region_names {
            if let Some(r) = parts.regions.get_mut(i) {
                r.name_en.clear();
            }
        }
        for &i in &self.indicator_names {
            if let Some(ind) = parts.indicators.get_mut(i) {
                ind.name_en.clear();
            }
        }
        for &i in &self.indicator_units {
            if let Some(ind) = parts.indicators.get_mut(i) {
                ind.unit_en.clear();
            }
        }
    }

    /// True when any English field was left out.
    pub(crate) fn any(&self) -> bool {
        self.title
            || !self.region_names.is_empty()
            || !self.indicator_names.is_empty()
            || !self.indicator_units.is_empty()
    }
}
