//! Regions with a parent (dataset format 2): 重庆市 ⊃ its districts. Resolving the `parent`
//! ids of a region list, refusing unknown parents and cycles with located problems.

use std::collections::HashMap;

use super::records::{Region, RegionIdx};
use super::validate::{Problem, ProblemKind};

/// The parent of each region (by position), or the problems: a parent id that is not a
/// region (`regions[3].parent`), and every region that is its own ancestor.
pub(crate) fn resolve_parents(
    regions: &[Region],
    ids: &HashMap<String, RegionIdx>,
    problems: &mut Vec<Problem>,
) -> Vec<Option<RegionIdx>> {
    let mut parents = Vec::with_capacity(regions.len());
    for (position, region) in regions.iter().enumerate() {
        let Some(parent) = &region.parent else {
            parents.push(None);
            continue;
        };
        match ids.get(parent.as_str()) {
            Some(&idx) => parents.push(Some(idx)),
            None => {
                let mut known: Vec<&str> = ids.keys().map(String::as_str).collect();
                known.sort_unstable();
                problems.push(Problem {
                    kind: ProblemKind::UnknownParent,
                    list: "regions",
                    position,
                    field: Some("parent"),
                    message: format!(
                        "region \"{}\": unknown parent \"{parent}\" (known: {})",
                        region.id,
                        known.join(", ")
                    ),
                });
                parents.push(None);
            }
        }
    }
    for position in 0..regions.len() {
        if let Some(path) = cycle_from(&parents, position) {
            problems.push(Problem {
                kind: ProblemKind::ParentCycle,
                list: "regions",
                position,
                field: Some("parent"),
                message: format!(
                    "region \"{}\" is its own ancestor ({}); a parent must be a larger region",
                    regions[position].id,
                    path.iter()
                        .map(|&i| regions[i].id.as_str())
                        .collect::<Vec<_>>()
                        .join(" → ")
                ),
            });
        }
    }
    parents
}

/// The chain `start → … → start` when following parents from `start` comes back to it.
fn cycle_from(parents: &[Option<RegionIdx>], start: usize) -> Option<Vec<usize>> {
    let mut path = vec![start];
    let mut at = start;
    // A chain without a cycle through `start` ends within `parents.len()` steps.
    for _ in 0..parents.len() {
        at = parents[at]?.0 as usize;
        path.push(at);
        if at == start {
            return Some(path);
        }
    }
    None
}
