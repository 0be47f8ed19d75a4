//! [`Derived`]: what a frame reads that is computed from the data, kept between frames and
//! rebuilt only when what it was built from changes. Each part is keyed by the dataset's
//! revision, the active scenario's revision where it matters, and the picks it depends on,
//! so a frame with nothing changed scans no observation (see [`Derived::rebuilds`]).

use crate::chart::top_n::{MAX_BARS_ON_SCREEN, limit_bars};
use crate::chart::tracker::tracker_spec;
use crate::chart::{ChartKind, ChartSpec, ScenarioLayer, Selection, build_chart_latest};
use crate::lang::Lang;
use crate::model::compare::{Comparison, RowFilter, compare, compare_years};
use crate::model::document::Scenarios;
use crate::model::ranking::{CompositeData, RankingData, composite_data, ranking_data_latest};
use crate::model::search::RegionSearch;
use crate::model::target_rows::{TargetRow, target_rows};
use crate::model::targets::ScenarioInput;
use crate::model::{Dataset, IndicatorIdx, ObservationKind, RegionIdx};
use crate::ui::state::Picks;

/// One cached value and the key it was built from.
#[derive(Debug)]
struct Slot<K, V> {
    built: Option<(K, V)>,
}

impl<K, V> Default for Slot<K, V> {
    fn default() -> Self {
        Self { built: None }
    }
}

impl<K: PartialEq, V> Slot<K, V> {
    /// The value for `key`, built (and counted in `rebuilds`) when the key changed.
    fn get(&mut self, key: K, rebuilds: &mut u64, build: impl FnOnce() -> V) -> &V {
        let fresh = matches!(&self.built, Some((k, _)) if *k == key);
        if !fresh {
            *rebuilds += 1;
            self.built = Some((key, build()));
        }
        &self.built.as_ref().expect("just built").1
    }

    /// The value if it was built for `key`.
    fn peek(&self, key: &K) -> Option<&V> {
        self.built
            .as_ref()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v)
    }
}

/// The active scenario as a cache key: its index and revision; `None` for the baseline.
pub type ScenarioKey = Option<(usize, u64)>;

/// What the side panel shows for the picked indicator.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IndicatorFacts {
    /// Every year from the indicator's first to its last (any kind, any region): what the
    /// year pickers offer.
    pub year_span: Vec<i32>,
    /// Per region (by index): it has at least one observation of the indicator.
    pub has_data: Vec<bool>,
}

/// The targets of the picked regions, and how many targets the dataset has in all.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TargetList {
    /// One row per target of the picked regions.
    pub rows: Vec<TargetRow>,
    /// Targets in the whole dataset.
    pub total: usize,
    /// The same targets as the tracker chart (bullet bars, baseline and scenario): the spec
    /// the export draws too.
    pub tracker: Option<ChartSpec>,
}

type SelectionKey = (u64, Picks);
/// A comparison and the years it spans.
pub type YearsCompared = ((i32, i32), Comparison);
type CompareKey = (u64, Vec<u64>, IndicatorIdx, Vec<bool>, RowFilter);
type AutoYearsKey = (u64, IndicatorIdx, ChartKind, Vec<bool>);
type ChartKey = (u64, Picks, Lang, ScenarioKey);
type RankingKey = (
    u64,
    IndicatorIdx,
    Vec<bool>,
    Option<(IndicatorIdx, i32)>,
    bool,
);

type TargetsKey = (u64, Vec<bool>, ScenarioKey, Lang);

/// What the target list depends on: the data, the regions, the active scenario's revision
/// and the language (the tracker's texts).
fn targets_key(input: &Inputs<'_>, scenarios: &Scenarios) -> TargetsKey {
    (
        input.dataset_rev,
        input.picks.regions.clone(),
        scenario_key(scenarios),
        input.lang,
    )
}

/// What a ranking depends on: the data, the indicator, the regions, the year picked and
/// whether each region's latest value up to the year is used.
fn ranking_key(input: &Inputs<'_>, picked_year: Option<(IndicatorIdx, i32)>) -> RankingKey {
    (
        input.dataset_rev,
        input.picks.indicator,
        input.picks.regions.clone(),
        picked_year,
        input.picks.latest,
    )
}
type CompositeKey = (u64, Vec<bool>, Vec<(IndicatorIdx, f64)>, Option<i32>);

/// Everything derived that a frame reads, each part rebuilt only when its key changes.
#[derive(Debug, Default)]
pub struct Derived {
    auto_years: Slot<AutoYearsKey, Option<(i32, i32)>>,
    selection: Slot<SelectionKey, Option<Selection>>,
    chart: Slot<ChartKey, Option<ChartSpec>>,
    facts: Slot<(u64, IndicatorIdx), IndicatorFacts>,
    region_search: Slot<u64, RegionSearch>,
    targets: Slot<TargetsKey, TargetList>,
    ranking: Slot<RankingKey, RankingData>,
    composite: Slot<CompositeKey, CompositeData>,
    comparison: Slot<CompareKey, Option<YearsCompared>>,
    rebuilds: u64,
}

/// What the parts are built from: the data, its revision, the picks and the scenarios.
pub struct Inputs<'a> {
    /// The dataset open.
    pub dataset: &'a Dataset,
    /// Its revision: bumped whenever another dataset is opened.
    pub dataset_rev: u64,
    /// What the side panel picks.
    pub picks: &'a Picks,
    /// The interface language (chart titles and labels).
    pub lang: Lang,
}

impl<'a> Inputs<'a> {
    /// The inputs of a frame.
    pub fn new(dataset: &'a Dataset, dataset_rev: u64, picks: &'a Picks, lang: Lang) -> Self {
        Self {
            dataset,
            dataset_rev,
            picks,
            lang,
        }
    }
}

impl Derived {
    /// How many parts were rebuilt since the start: each rebuild may scan the observations;
    /// a frame with nothing changed adds none.
    pub fn rebuilds(&self) -> u64 {
        self.rebuilds
    }

    /// The automatic year span of the picks' indicator, chart kind and regions (whatever
    /// years are picked): for bars the year most picked regions report, for lines every year.
    pub fn auto_years(&mut self, input: &Inputs<'_>) -> Option<(i32, i32)> {
        let picks = input.picks;
        let key = (
            input.dataset_rev,
            picks.indicator,
            picks.kind,
            picks.regions.clone(),
        );
        *self.auto_years.get(key, &mut self.rebuilds, || {
            let regions = picked_regions(input.dataset, &picks.regions);
            auto_years(input.dataset, picks.indicator, &regions, picks.kind)
        })
    }

    /// The chart selection for the picks (automatic years resolved); `None` when no region
    /// is picked or there is no data.
    pub fn selection(&mut self, input: &Inputs<'_>) -> Option<&Selection> {
        let auto = match input.picks.years {
            Some(_) => None,
            None => self.auto_years(input),
        };
        let key = (input.dataset_rev, input.picks.clone());
        self.selection
            .get(key, &mut self.rebuilds, || {
                selection_with(input.dataset, input.picks, auto)
            })
            .as_ref()
    }

    /// The chart of the picks, with the active scenario beside the baseline.
    pub fn chart(&mut self, input: &Inputs<'_>, scenarios: &mut Scenarios) -> Option<&ChartSpec> {
        let selection = self.selection(input).cloned();
        let scenario_key = scenario_key(scenarios);
        let key = (
            input.dataset_rev,
            input.picks.clone(),
            input.lang,
            scenario_key,
        );
        let dataset = input.dataset;
        let lang = input.lang;
        let tolerance = input.picks.tolerance();
        self.chart
            .get(key, &mut self.rebuilds, || {
                // More bars than can be read: the best ones, and a note that says so.
                let (selection, cut_note) =
                    limit_bars(dataset, &selection?, MAX_BARS_ON_SCREEN, lang);
                let mut spec = match scenarios.active_mut() {
                    Some(doc) => {
                        let name = doc.scenario.name.clone();
                        let applied = doc.applied(dataset);
                        let layer = ScenarioLayer {
                            name: &name,
                            applied,
                        };
                        build_chart_latest(dataset, Some(layer), &selection, tolerance, lang)
                    }
                    None => build_chart_latest(dataset, None, &selection, tolerance, lang),
                };
                spec.notes.splice(0..0, cut_note);
                Some(spec)
            })
            .as_ref()
    }

    /// The picked indicator's years and which regions report it.
    pub fn indicator_facts(&mut self, input: &Inputs<'_>) -> &IndicatorFacts {
        let indicator = input.picks.indicator;
        let dataset = input.dataset;
        self.facts
            .get((input.dataset_rev, indicator), &mut self.rebuilds, || {
                indicator_facts(dataset, indicator)
            })
    }

    /// The regions' search keys (names, pinyin, ids) and tree order, once per dataset.
    pub fn region_search(&mut self, input: &Inputs<'_>) -> &RegionSearch {
        let dataset = input.dataset;
        self.region_search
            .get(input.dataset_rev, &mut self.rebuilds, || {
                RegionSearch::new(dataset)
            })
    }

    /// The search [`Self::region_search`] built for this dataset, if it did.
    pub fn built_region_search(&self, input: &Inputs<'_>) -> Option<&RegionSearch> {
        self.region_search.peek(&input.dataset_rev)
    }

    /// The targets of the picked regions.
    pub fn targets(&mut self, input: &Inputs<'_>, scenarios: &mut Scenarios) -> &TargetList {
        let dataset = input.dataset;
        let key = targets_key(input, scenarios);
        self.targets.get(key, &mut self.rebuilds, || {
            let scenario = scenarios
                .active_mut()
                .map(|doc| doc.scenario_and_applied(dataset));
            let input_of =
                || scenario.map(|(scenario, applied)| ScenarioInput { scenario, applied });
            let rows = target_rows(dataset, &input.picks.regions, input_of());
            let judged = rows.iter().map(|r| &r.judged);
            let tracker = Some(tracker_spec(dataset, judged, input_of(), input.lang));
            TargetList {
                rows,
                tracker,
                total: dataset
                    .observations()
                    .iter()
                    .filter(|o| o.kind == ObservationKind::Target)
                    .count(),
            }
        })
    }

    /// The targets [`Self::targets`] built for these inputs and scenarios, if it did.
    pub fn built_targets(&self, input: &Inputs<'_>, scenarios: &Scenarios) -> Option<&TargetList> {
        self.targets.peek(&targets_key(input, scenarios))
    }

    /// The ranking on the picked indicator; `picked_year` is the year the user chose, with
    /// the indicator it was chosen for.
    pub fn ranking(
        &mut self,
        input: &Inputs<'_>,
        picked_year: Option<(IndicatorIdx, i32)>,
    ) -> &RankingData {
        let key = ranking_key(input, picked_year);
        let dataset = input.dataset;
        let indicator = input.picks.indicator;
        let regions = picked_regions(dataset, &input.picks.regions);
        let tolerance = input.picks.tolerance();
        self.ranking.get(key, &mut self.rebuilds, || {
            ranking_data_latest(dataset, indicator, &regions, picked_year, tolerance)
        })
    }

    /// The composite score of the picked regions with `weights`; `picked_year` is the year
    /// the user chose, if any.
    pub fn composite(
        &mut self,
        input: &Inputs<'_>,
        weights: &[(IndicatorIdx, f64)],
        picked_year: Option<i32>,
    ) -> &CompositeData {
        let key = (
            input.dataset_rev,
            input.picks.regions.clone(),
            weights.to_vec(),
            picked_year,
        );
        let dataset = input.dataset;
        let regions = picked_regions(dataset, &input.picks.regions);
        self.composite.get(key, &mut self.rebuilds, || {
            composite_data(dataset, &regions, weights, picked_year)
        })
    }
}

impl Derived {
    /// Every open scenario beside the baseline for the picked indicator and regions, with
    /// the years compared; `None` when the indicator has no data.
    pub fn comparison(
        &mut self,
        input: &Inputs<'_>,
        scenarios: &mut Scenarios,
        filter: RowFilter,
    ) -> Option<&YearsCompared> {
        let key = compare_key(input, scenarios, filter);
        let dataset = input.dataset;
        let indicator = input.picks.indicator;
        let regions = picked_regions(dataset, &input.picks.regions);
        self.comparison
            .get(key, &mut self.rebuilds, || {
                let names: Vec<String> = scenarios
                    .docs
                    .iter()
                    .map(|d| d.scenario.name.clone())
                    .collect();
                let applied: Vec<&crate::model::Applied> = scenarios
                    .docs
                    .iter_mut()
                    .map(|doc| doc.applied(dataset))
                    .collect();
                let years = compare_years(dataset, &applied, indicator)?;
                let columns: Vec<(&str, &crate::model::Applied)> = names
                    .iter()
                    .map(String::as_str)
                    .zip(applied.iter().copied())
                    .collect();
                Some((
                    years,
                    compare(dataset, &columns, indicator, &regions, years, filter),
                ))
            })
            .as_ref()
    }
}

impl Derived {
    /// The indicator facts [`Self::indicator_facts`] built for these inputs, if it did.
    pub fn built_facts(&self, input: &Inputs<'_>) -> Option<&IndicatorFacts> {
        self.facts.peek(&(input.dataset_rev, input.picks.indicator))
    }

    /// The automatic years [`Self::auto_years`] built for these inputs, if it did (the inner
    /// `None`: no data).
    pub fn built_auto_years(&self, input: &Inputs<'_>) -> Option<Option<(i32, i32)>> {
        let picks = input.picks;
        let key = (
            input.dataset_rev,
            picks.indicator,
            picks.kind,
            picks.regions.clone(),
        );
        self.auto_years.peek(&key).copied()
    }

    /// The ranking [`Self::ranking`] built for these inputs, if it did (what a view reads).
    pub fn built_ranking(
        &self,
        input: &Inputs<'_>,
        picked_year: Option<(IndicatorIdx, i32)>,
    ) -> Option<&RankingData> {
        self.ranking.peek(&ranking_key(input, picked_year))
    }

    /// The composite [`Self::composite`] built for these inputs, if it did.
    pub fn built_composite(
        &self,
        input: &Inputs<'_>,
        weights: &[(IndicatorIdx, f64)],
        picked_year: Option<i32>,
    ) -> Option<&CompositeData> {
        let key = (
            input.dataset_rev,
            input.picks.regions.clone(),
            weights.to_vec(),
            picked_year,
        );
        self.composite.peek(&key)
    }

    /// The chart [`Self::chart`] built for these inputs, if it did (what a view reads).
    pub fn built_chart(&self, input: &Inputs<'_>, scenarios: &Scenarios) -> Option<&ChartSpec> {
        let key = (
            input.dataset_rev,
            input.picks.clone(),
            input.lang,
            scenario_key(scenarios),
        );
        self.chart.peek(&key)?.as_ref()
    }

    /// The comparison [`Self::comparison`] built for these inputs, if it did: what a view
    /// reads (it cannot build, it has the state read-only).
    pub fn built_comparison(
        &self,
        input: &Inputs<'_>,
        scenarios: &Scenarios,
        filter: RowFilter,
    ) -> Option<&YearsCompared> {
        self.comparison
            .peek(&compare_key(input, scenarios, filter))?
            .as_ref()
    }
}

fn compare_key(input: &Inputs<'_>, scenarios: &Scenarios, filter: RowFilter) -> CompareKey {
    (
        input.dataset_rev,
        scenarios.docs.iter().map(|d| d.revision()).collect(),
        input.picks.indicator,
        input.picks.regions.clone(),
        filter,
    )
}

/// The active scenario's index and revision.
pub fn scenario_key(scenarios: &Scenarios) -> ScenarioKey {
    scenarios.active.zip(
        scenarios
            .active()
            .map(crate::model::document::ScenarioDoc::revision),
    )
}

/// The regions flagged in `flags`, in dataset order.
pub fn picked_regions(dataset: &Dataset, flags: &[bool]) -> Vec<RegionIdx> {
    dataset
        .region_indices()
        .filter(|r| flags.get(r.0 as usize).copied().unwrap_or(false))
        .collect()
}

/// The chart selection for `picks`, automatic years resolved (a scan of the observations).
pub fn selection_of(dataset: &Dataset, picks: &Picks) -> Option<Selection> {
    let auto = match picks.years {
        Some(_) => None,
        None => {
            let regions = picked_regions(dataset, &picks.regions);
            auto_years(dataset, picks.indicator, &regions, picks.kind)
        }
    };
    selection_with(dataset, picks, auto)
}

/// The chart selection for `picks` with `auto` as the automatic years (no scan).
fn selection_with(dataset: &Dataset, picks: &Picks, auto: Option<(i32, i32)>) -> Option<Selection> {
    let regions = picked_regions(dataset, &picks.regions);
    if regions.is_empty() {
        return None;
    }
    let years = match picks.years {
        Some(years) => years,
        None => auto?,
    };
    Some(Selection {
        indicator: picks.indicator,
        regions,
        years,
        kind: picks.kind,
        mode: picks.mode,
        log_scale: picks.log_scale,
    })
}

/// The automatic year span of a chart of `kind` (a scan of the observations).
pub fn auto_years(
    dataset: &Dataset,
    indicator: IndicatorIdx,
    regions: &[RegionIdx],
    kind: ChartKind,
) -> Option<(i32, i32)> {
    crate::chart::auto_years(dataset, indicator, regions, kind)
}

/// The year span and the per-region "has data" of `indicator`, in one scan.
pub fn indicator_facts(dataset: &Dataset, indicator: IndicatorIdx) -> IndicatorFacts {
    let mut has_data = vec![false; dataset.regions().len()];
    let mut span: Option<(i32, i32)> = None;
    for o in dataset
        .observations()
        .iter()
        .filter(|o| o.indicator == indicator)
    {
        if let Some(flag) = has_data.get_mut(o.region.0 as usize) {
            *flag = true;
        }
        span = Some(span.map_or((o.year, o.year), |(a, b)| (a.min(o.year), b.max(o.year))));
    }
    IndicatorFacts {
        year_span: span.map_or_else(Vec::new, |(a, b)| (a..=b).collect()),
        has_data,
    }
}
