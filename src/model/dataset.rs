//! [`Dataset`]: regions, indicators, sources and observations, with interned ids and an
//! index for O(1) lookup of a value by (region, indicator, year, kind).

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use super::fasthash::FastHash;
use super::validate::{self, Problem};

/// Index of a region in [`Dataset::regions`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RegionIdx(pub u32);

/// Index of an indicator in [`Dataset::indicators`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IndicatorIdx(pub u32);

/// Index of a source in [`Dataset::sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceIdx(pub u32);

/// A place the data describes: a district, a city, a development zone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// Stable ASCII id used in files (`"wansheng"`).
    pub id: String,
    /// Chinese name (`"万盛经开区"`).
    pub name: String,
    /// English name (`"Wansheng"`).
    pub name_en: String,
    /// Free text, e.g. what the region includes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Which direction of an indicator is good.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Better {
    /// More is better (output, forest coverage).
    #[default]
    Higher,
    /// Less is better (energy intensity, unemployment).
    Lower,
}

/// What is measured, in which unit, and which values are possible.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Stable ASCII id used in files (`"industrial_output"`).
    pub id: String,
    /// Chinese name (`"工业总产值"`).
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Chinese unit (`"亿元"`).
    pub unit: String,
    /// English unit (`"100 million yuan"`).
    pub unit_en: String,
    /// Polarity: whether higher or lower values are better.
    #[serde(default)]
    pub better: Better,
    /// Smallest allowed value, if any.
    #[serde(default)]
    pub min: Option<f64>,
    /// Largest allowed value, if any.
    #[serde(default)]
    pub max: Option<f64>,
}

/// Where figures come from: a published text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Stable ASCII id used by observations.
    pub id: String,
    /// Title of the published text.
    pub title: String,
    /// Who published it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Web address, if there is one.
    #[serde(default)]
    pub url: Option<String>,
    /// Publication date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default)]
    pub published: Option<String>,
}

/// Whether a figure is a measured value, a published target or an estimate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ObservationKind {
    /// A reported, measured value.
    Actual,
    /// A goal set in a plan ("到2025年达到500亿元").
    Target,
    /// A preliminary or estimated value.
    Estimate,
}

impl ObservationKind {
    /// All kinds, in display order.
    pub const ALL: [ObservationKind; 3] = [Self::Actual, Self::Target, Self::Estimate];
}

/// One observation as written in a file: ids are strings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObservationRecord {
    /// Region id.
    pub region: String,
    /// Indicator id.
    pub indicator: String,
    /// Calendar year the value refers to.
    pub year: i32,
    /// The figure, in the indicator's unit.
    pub value: f64,
    /// Actual, target or estimate.
    pub kind: ObservationKind,
    /// Source id.
    pub source: String,
    /// Remark, e.g. "> 300 (首次突破300亿元)".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The words of the source the figure is taken from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

/// One observation inside a [`Dataset`]: ids are interned indices.
#[derive(Clone, Debug, PartialEq)]
pub struct Observation {
    /// Region.
    pub region: RegionIdx,
    /// Indicator.
    pub indicator: IndicatorIdx,
    /// Calendar year.
    pub year: i32,
    /// The figure, in the indicator's unit.
    pub value: f64,
    /// Actual, target or estimate.
    pub kind: ObservationKind,
    /// Source.
    pub source: SourceIdx,
    /// Remark.
    pub note: Option<String>,
    /// The source's words.
    pub quote: Option<String>,
}

/// Everything a dataset file holds, with ids as strings: the input of [`Dataset::build`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DatasetParts {
    /// Chinese title.
    pub title: String,
    /// English title.
    pub title_en: String,
    /// Free text about the dataset.
    pub notes: Option<String>,
    /// Regions, in display order.
    pub regions: Vec<Region>,
    /// Indicators, in display order.
    pub indicators: Vec<Indicator>,
    /// Sources.
    pub sources: Vec<Source>,
    /// Observations.
    pub observations: Vec<ObservationRecord>,
}

/// Lookup key of one value.
type Key = (RegionIdx, IndicatorIdx, i32, ObservationKind);

/// A checked dataset: every id resolves, no key repeats, every value is in range.
#[derive(Clone, Debug)]
pub struct Dataset {
    /// Chinese title.
    pub title: String,
    /// English title.
    pub title_en: String,
    /// Free text about the dataset.
    pub notes: Option<String>,
    regions: Vec<Region>,
    indicators: Vec<Indicator>,
    sources: Vec<Source>,
    observations: Vec<Observation>,
    region_ids: HashMap<String, RegionIdx>,
    indicator_ids: HashMap<String, IndicatorIdx>,
    source_ids: HashMap<String, SourceIdx>,
    index: HashMap<Key, usize, FastHash>,
}

/// `text` in Unicode NFC, in place; ASCII and text already in NFC cost one scan.
pub fn nfc_in_place(text: &mut String) {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return;
    }
    *text = text.nfc().collect();
}

/// Every id, name, unit and title of `parts` in NFC.
fn normalise_parts(parts: &mut DatasetParts) {
    nfc_in_place(&mut parts.title);
    nfc_in_place(&mut parts.title_en);
    for r in &mut parts.regions {
        nfc_in_place(&mut r.id);
        nfc_in_place(&mut r.name);
        nfc_in_place(&mut r.name_en);
    }
    for i in &mut parts.indicators {
        for text in [
            &mut i.id,
            &mut i.name,
            &mut i.name_en,
            &mut i.unit,
            &mut i.unit_en,
        ] {
            nfc_in_place(text);
        }
    }
    for s in &mut parts.sources {
        nfc_in_place(&mut s.id);
        nfc_in_place(&mut s.title);
    }
    for o in &mut parts.observations {
        nfc_in_place(&mut o.region);
        nfc_in_place(&mut o.indicator);
        nfc_in_place(&mut o.source);
    }
}

impl PartialEq for Dataset {
    fn eq(&self, other: &Self) -> bool {
        self.to_parts() == other.to_parts()
    }
}

impl Dataset {
    /// Checks `parts` and builds the dataset, or returns every problem found.
    ///
    /// Problems carry the list and position they were found at (`observations[12]`), so
    /// the loader can turn them into file locations.
    ///
    /// Ids and names are normalised to Unicode NFC first (so "café" typed two ways is one
    /// id, and a duplicate after normalisation is refused); region and indicator ids that the
    /// command line could not name (a `,`, white space or a control character) are refused.
    pub fn build(mut parts: DatasetParts) -> Result<Self, Vec<Problem>> {
        let mut problems = Vec::new();
        normalise_parts(&mut parts);
        validate::check_id_characters(
            "regions",
            parts.regions.iter().map(|r| r.id.as_str()),
            &mut problems,
        );
        validate::check_id_characters(
            "indicators",
            parts.indicators.iter().map(|i| i.id.as_str()),
            &mut problems,
        );
        let region_ids = validate::intern_ids(
            "regions",
            parts.regions.iter().map(|r| r.id.as_str()),
            RegionIdx,
            &mut problems,
        );
        let indicator_ids = validate::intern_ids(
            "indicators",
            parts.indicators.iter().map(|i| i.id.as_str()),
            IndicatorIdx,
            &mut problems,
        );
        let source_ids = validate::intern_ids(
            "sources",
            parts.sources.iter().map(|s| s.id.as_str()),
            SourceIdx,
            &mut problems,
        );
        validate::check_indicators(&parts.indicators, &mut problems);

        let mut observations = Vec::with_capacity(parts.observations.len());
        let mut index =
            HashMap::with_capacity_and_hasher(parts.observations.len(), FastHash::default());
        // File position of each kept observation, to name the first of a duplicate pair.
        let mut positions = Vec::with_capacity(parts.observations.len());
        for (position, record) in parts.observations.into_iter().enumerate() {
            let resolved = validate::resolve_observation(
                position,
                &record,
                &region_ids,
                &indicator_ids,
                &source_ids,
                &parts.indicators,
                &mut problems,
            );
            let Some((region, indicator, source)) = resolved else {
                continue;
            };
            let key = (region, indicator, record.year, record.kind);
            if let Some(&first) = index.get(&key) {
                problems.push(validate::duplicate_observation(
                    position,
                    positions[first],
                    &record,
                ));
                continue;
            }
            index.insert(key, observations.len());
            positions.push(position);
            observations.push(Observation {
                region,
                indicator,
                year: record.year,
                value: record.value,
                kind: record.kind,
                source,
                note: record.note,
                quote: record.quote,
            });
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Self {
            title: parts.title,
            title_en: parts.title_en,
            notes: parts.notes,
            regions: parts.regions,
            indicators: parts.indicators,
            sources: parts.sources,
            observations,
            region_ids,
            indicator_ids,
            source_ids,
            index,
        })
    }

    /// The dataset as plain parts with string ids, in file order.
    pub fn to_parts(&self) -> DatasetParts {
        DatasetParts {
            title: self.title.clone(),
            title_en: self.title_en.clone(),
            notes: self.notes.clone(),
            regions: self.regions.clone(),
            indicators: self.indicators.clone(),
            sources: self.sources.clone(),
            observations: self
                .observations
                .iter()
                .map(|o| self.record_of(o))
                .collect(),
        }
    }

    /// The file form of one observation.
    pub fn record_of(&self, o: &Observation) -> ObservationRecord {
        ObservationRecord {
            region: self.region(o.region).id.clone(),
            indicator: self.indicator(o.indicator).id.clone(),
            year: o.year,
            value: o.value,
            kind: o.kind,
            source: self.source(o.source).id.clone(),
            note: o.note.clone(),
            quote: o.quote.clone(),
        }
    }

    /// All regions, in display order.
    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    /// All indicators, in display order.
    pub fn indicators(&self) -> &[Indicator] {
        &self.indicators
    }

    /// All sources.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// All observations, in file order.
    pub fn observations(&self) -> &[Observation] {
        &self.observations
    }

    /// The region at `idx`.
    pub fn region(&self, idx: RegionIdx) -> &Region {
        &self.regions[idx.0 as usize]
    }

    /// The indicator at `idx`.
    pub fn indicator(&self, idx: IndicatorIdx) -> &Indicator {
        &self.indicators[idx.0 as usize]
    }

    /// The source at `idx`.
    pub fn source(&self, idx: SourceIdx) -> &Source {
        &self.sources[idx.0 as usize]
    }

    /// Indices of all regions, in display order.
    pub fn region_indices(&self) -> impl Iterator<Item = RegionIdx> + '_ {
        (0..self.regions.len() as u32).map(RegionIdx)
    }

    /// Indices of all indicators, in display order.
    pub fn indicator_indices(&self) -> impl Iterator<Item = IndicatorIdx> + '_ {
        (0..self.indicators.len() as u32).map(IndicatorIdx)
    }

    /// The region with this file id.
    pub fn region_by_id(&self, id: &str) -> Option<RegionIdx> {
        self.region_ids.get(id).copied()
    }

    /// The indicator with this file id.
    pub fn indicator_by_id(&self, id: &str) -> Option<IndicatorIdx> {
        self.indicator_ids.get(id).copied()
    }

    /// The source with this file id.
    pub fn source_by_id(&self, id: &str) -> Option<SourceIdx> {
        self.source_ids.get(id).copied()
    }

    /// The observation for (region, indicator, year, kind), in O(1).
    pub fn get(
        &self,
        region: RegionIdx,
        indicator: IndicatorIdx,
        year: i32,
        kind: ObservationKind,
    ) -> Option<&Observation> {
        self.index
            .get(&(region, indicator, year, kind))
            .map(|&i| &self.observations[i])
    }

    /// Every year that has an observation of `indicator` (any region, any kind), ascending.
    pub fn years_of(&self, indicator: IndicatorIdx) -> Vec<i32> {
        let years: BTreeSet<i32> = self
            .observations
            .iter()
            .filter(|o| o.indicator == indicator)
            .map(|o| o.year)
            .collect();
        years.into_iter().collect()
    }

    /// The latest year with an `Actual` value of `indicator` in any of `regions`.
    pub fn latest_actual_year(
        &self,
        indicator: IndicatorIdx,
        regions: &[RegionIdx],
    ) -> Option<i32> {
        self.observations
            .iter()
            .filter(|o| {
                o.indicator == indicator
                    && o.kind == ObservationKind::Actual
                    && regions.contains(&o.region)
            })
            .map(|o| o.year)
            .max()
    }

    /// The year in which most of `regions` have an `Actual` value of `indicator`; ties go to
    /// the later year. This is the default year of a bar chart: the most comparable one.
    pub fn best_covered_year(&self, indicator: IndicatorIdx, regions: &[RegionIdx]) -> Option<i32> {
        let mut counts: std::collections::BTreeMap<i32, usize> = std::collections::BTreeMap::new();
        // A lookup table, not `regions.contains`: linear in observations + regions.
        let mut picked = vec![false; self.regions.len()];
        for r in regions {
            if let Some(p) = picked.get_mut(r.0 as usize) {
                *p = true;
            }
        }
        for o in &self.observations {
            if o.indicator == indicator
                && o.kind == ObservationKind::Actual
                && picked.get(o.region.0 as usize).copied().unwrap_or(false)
            {
                *counts.entry(o.year).or_default() += 1;
            }
        }
        counts
            .into_iter()
            .max_by_key(|&(year, n)| (n, year))
            .map(|(year, _)| year)
    }
}

impl From<IndicatorIdx> for usize {
    fn from(idx: IndicatorIdx) -> usize {
        idx.0 as usize
    }
}

impl Region {
    /// The name in `lang`.
    pub fn display_name(&self, lang: crate::lang::Lang) -> &str {
        lang.pick(&self.name, &self.name_en)
    }
}

impl Indicator {
    /// The name in `lang`.
    pub fn display_name(&self, lang: crate::lang::Lang) -> &str {
        lang.pick(&self.name, &self.name_en)
    }

    /// The unit in `lang`.
    pub fn display_unit(&self, lang: crate::lang::Lang) -> &str {
        lang.pick(&self.unit, &self.unit_en)
    }
}

impl Dataset {
    /// The title in `lang`.
    pub fn display_title(&self, lang: crate::lang::Lang) -> &str {
        lang.pick(&self.title, &self.title_en)
    }
}
