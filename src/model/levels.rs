//! Regions of one level: a region may be part of another (`parent`: 重庆市 ⊃ its districts).
//! Comparisons, rankings and the default picks use regions of one level; a parent is never
//! ranked against its own parts, and when picked beside them it is shown as a reference.
//!
//! Everything here is a pure function of the dataset (or any [`Values`]) and the picks.

use std::collections::HashSet;

use super::dataset::{Dataset, RegionIdx};
use super::values::Values;

/// Longest chain of parents followed: deeper chains (or a cycle, which the loader refuses)
/// stop here rather than loop.
const MAX_DEPTH: usize = 64;

/// The region `region` is part of, if the dataset names one.
pub fn parent(dataset: &Dataset, region: RegionIdx) -> Option<RegionIdx> {
    dataset.parent_of(region)
}

/// Whether any region of the dataset names a parent: without parents, levels are unknown
/// and callers fall back to [`crate::model::view::aggregate_regions`].
pub fn has_parents(dataset: &Dataset) -> bool {
    dataset
        .region_indices()
        .any(|r| parent(dataset, r).is_some())
}

/// Per region (by index): whether some region of the dataset names it as its parent.
pub fn parents(dataset: &Dataset) -> Vec<bool> {
    let mut is_parent = vec![false; dataset.regions().len()];
    for r in dataset.region_indices() {
        if let Some(p) = parent(dataset, r)
            && let Some(flag) = is_parent.get_mut(p.0 as usize)
        {
            *flag = true;
        }
    }
    is_parent
}

/// The regions with the same parent as `region` (itself included), in display order; for a
/// region without a parent, every region without one.
pub fn siblings(dataset: &Dataset, region: RegionIdx) -> Vec<RegionIdx> {
    dataset.siblings_of(region)
}

/// Every region `region` is part of, nearest first (its parent, the parent's parent, …).
pub fn ancestors<V: Values + ?Sized>(values: &V, region: RegionIdx) -> Vec<RegionIdx> {
    let mut out = Vec::new();
    let mut at = region;
    while let Some(p) = values.parent_of(at) {
        if p == region || out.contains(&p) || out.len() >= MAX_DEPTH {
            break;
        }
        out.push(p);
        at = p;
    }
    out
}

/// Of `regions`, those that are a parent (or further ancestor) of another of `regions`.
pub fn ancestors_among<V: Values + ?Sized>(
    values: &V,
    regions: &[RegionIdx],
) -> HashSet<RegionIdx> {
    let set: HashSet<RegionIdx> = regions.iter().copied().collect();
    regions
        .iter()
        .flat_map(|&r| ancestors(values, r))
        .filter(|a| set.contains(a))
        .collect()
}

/// `items` without those whose region is an ancestor of another item's region: what is left
/// is never a whole ranked against its own parts. Order is kept.
pub fn without_ancestors<V: Values + ?Sized, T>(
    values: &V,
    items: Vec<T>,
    region_of: impl Fn(&T) -> RegionIdx,
) -> Vec<T> {
    let regions: Vec<RegionIdx> = items.iter().map(&region_of).collect();
    let wholes = ancestors_among(values, &regions);
    if wholes.is_empty() {
        return items;
    }
    items
        .into_iter()
        .filter(|item| !wholes.contains(&region_of(item)))
        .collect()
}

/// Picks split by level: the regions compared with each other, and the picked parents of
/// those (drawn as references, never as one more bar or rank).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PickLevels {
    /// Picked regions that are not a parent of another pick, in pick order.
    pub compared: Vec<RegionIdx>,
    /// Picked regions that are a parent (or ancestor) of another pick, in pick order.
    pub references: Vec<RegionIdx>,
}

/// Splits `picks` into [`PickLevels`]: a pick whose own part is picked too is a reference.
pub fn split_picks<V: Values + ?Sized>(values: &V, picks: &[RegionIdx]) -> PickLevels {
    let wholes = ancestors_among(values, picks);
    let (references, compared) = picks.iter().partition(|r| wholes.contains(r));
    PickLevels {
        compared,
        references,
    }
}

/// The regions of `picks` that are of one level with the rest, for "no data" lists and
/// comparisons: `picks` without the parents of other picks (see [`split_picks`]).
pub fn one_level<V: Values + ?Sized>(values: &V, picks: &[RegionIdx]) -> Vec<RegionIdx> {
    split_picks(values, picks).compared
}

/// Of the regions flagged in `flags` (one flag per region of the dataset), those of the
/// most common level (depth: how many parents up from the top; ties: the level of the first
/// flagged region in display order); the other flags are cleared. So 资阳市 (in 四川省) and
/// 重庆's districts are one level, 重庆市 and 四川省 another. Unchanged when no region has
/// a parent.
pub fn most_common_level(dataset: &Dataset, flags: &[bool]) -> Vec<bool> {
    if !has_parents(dataset) {
        return flags.to_vec();
    }
    let flagged: Vec<RegionIdx> = dataset
        .region_indices()
        .filter(|r| flags.get(r.0 as usize).copied().unwrap_or(false))
        .collect();
    let mut levels: Vec<(usize, usize)> = Vec::new();
    for &r in &flagged {
        let depth = dataset.depth_of(r);
        match levels.iter_mut().find(|(d, _)| *d == depth) {
            Some((_, n)) => *n += 1,
            None => levels.push((depth, 1)),
        }
    }
    // The first level with the largest count: `max_by_key` keeps the last of equals.
    let Some(&(level, _)) = levels.iter().rev().max_by_key(|(_, n)| *n) else {
        return flags.to_vec();
    };
    let mut out = vec![false; flags.len()];
    for r in flagged {
        if dataset.depth_of(r) == level {
            out[r.0 as usize] = true;
        }
    }
    out
}
