//! The scenarios open in a document: each a [`ScenarioDoc`] with its file, its undo and redo
//! history and its applied values (recomputed only when it changes). Plain data, no egui, so
//! the rules (one undo step per edit, paste or growth change; dirty tracking) are testable.

use std::path::PathBuf;

use crate::model::Dataset;
use crate::model::scenario::{Applied, Scenario, apply};

/// The source of revisions: every document and every change takes a new one, so a
/// (scenario index, revision) key never names two different states, even after a scenario
/// was closed and another opened in its place.
static NEXT_REVISION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

fn next_revision() -> u64 {
    NEXT_REVISION.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// How many undo steps each scenario keeps.
pub const UNDO_LIMIT: usize = 200;

/// One scenario being worked on.
#[derive(Debug)]
pub struct ScenarioDoc {
    /// The scenario as it is now.
    pub scenario: Scenario,
    /// Where it was last saved or opened from; `None` until saved.
    pub path: Option<PathBuf>,
    /// The revision last saved or opened (`None`: never saved); dirty when the revision now
    /// is another one.
    saved_rev: Option<u64>,
    /// Earlier states with their revisions (undo gives a state its revision back).
    undo: Vec<(Scenario, u64)>,
    redo: Vec<(Scenario, u64)>,
    /// Bumped on every change; caches key on it.
    revision: u64,
    applied: Option<(u64, Applied)>,
}

impl ScenarioDoc {
    /// A new, unsaved scenario.
    pub fn new(scenario: Scenario) -> Self {
        Self {
            scenario,
            path: None,
            saved_rev: None,
            undo: Vec::new(),
            redo: Vec::new(),
            revision: next_revision(),
            applied: None,
        }
    }

    /// A scenario opened from (or just saved to) `path`: not dirty.
    pub fn opened(scenario: Scenario, path: PathBuf) -> Self {
        let mut doc = Self::new(scenario);
        doc.mark_saved(path);
        doc
    }

    /// Records that the scenario as it is now is on disk at `path`.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.saved_rev = Some(self.revision);
        self.path = Some(path);
    }

    /// True when there are changes not saved to a file: the revision is not the one saved
    /// (a comparison of two numbers, not of two scenarios).
    pub fn is_dirty(&self) -> bool {
        match self.saved_rev {
            Some(saved) => saved != self.revision,
            None => !self.scenario.is_empty(),
        }
    }

    /// A revision that changes whenever the scenario does; unique among all documents.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Makes one undoable change. Returns what `change` returned; a change that leaves the
    /// scenario as it was records no undo step.
    pub fn change<T>(&mut self, change: impl FnOnce(&mut Scenario) -> T) -> T {
        let before = self.scenario.clone();
        let out = change(&mut self.scenario);
        if self.scenario != before {
            self.undo.push((before, self.revision));
            if self.undo.len() > UNDO_LIMIT {
                self.undo.remove(0);
            }
            self.redo.clear();
            self.revision = next_revision();
        }
        out
    }

    /// Takes back the last change; false when there is none.
    pub fn undo(&mut self) -> bool {
        let Some((previous, revision)) = self.undo.pop() else {
            return false;
        };
        let now = std::mem::replace(&mut self.scenario, previous);
        self.redo.push((now, self.revision));
        self.revision = revision;
        true
    }

    /// Makes the last undone change again; false when there is none.
    pub fn redo(&mut self) -> bool {
        let Some((next, revision)) = self.redo.pop() else {
            return false;
        };
        let now = std::mem::replace(&mut self.scenario, next);
        self.undo.push((now, self.revision));
        self.revision = revision;
        true
    }

    /// True when [`Self::undo`] would do something.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// True when [`Self::redo`] would do something.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The scenario applied to `base`, recomputed only after a change. Call
    /// [`Self::invalidate`] when `base` itself changes.
    pub fn applied(&mut self, base: &Dataset) -> &Applied {
        self.scenario_and_applied(base).1
    }

    /// The applied values as last computed by [`Self::applied`], if the scenario has not
    /// changed since: what a view reads without a `&mut` (the app refreshes them before
    /// drawing).
    pub fn applied_now(&self) -> Option<&Applied> {
        self.applied
            .as_ref()
            .filter(|(rev, _)| *rev == self.revision)
            .map(|(_, applied)| applied)
    }

    /// The scenario and [`Self::applied`] together, both borrowed (no copy of either).
    pub fn scenario_and_applied(&mut self, base: &Dataset) -> (&Scenario, &Applied) {
        let revision = self.revision;
        if !matches!(&self.applied, Some((rev, _)) if *rev == revision) {
            self.applied = None;
        }
        let scenario = &self.scenario;
        let applied = &self
            .applied
            .get_or_insert_with(|| (revision, apply(base, scenario)))
            .1;
        (scenario, applied)
    }

    /// Forgets the applied values (the dataset changed). The revision stays: it names the
    /// scenario's content, and caches of what depends on the data also key on the data.
    pub fn invalidate(&mut self) {
        self.applied = None;
    }
}

/// Every scenario open, and which one is active (`None`: the baseline alone).
#[derive(Debug, Default)]
pub struct Scenarios {
    /// The scenarios, in the order they were made or opened.
    pub docs: Vec<ScenarioDoc>,
    /// Index into `docs` of the scenario shown and edited.
    pub active: Option<usize>,
}

impl Scenarios {
    /// The active scenario, if any.
    pub fn active(&self) -> Option<&ScenarioDoc> {
        self.docs.get(self.active?)
    }

    /// The active scenario, mutably.
    pub fn active_mut(&mut self) -> Option<&mut ScenarioDoc> {
        self.docs.get_mut(self.active?)
    }

    /// Adds `doc` and makes it active; returns its index.
    pub fn add(&mut self, doc: ScenarioDoc) -> usize {
        self.docs.push(doc);
        let index = self.docs.len() - 1;
        self.active = Some(index);
        index
    }

    /// Removes scenario `index`; the active one stays active (or none if it was removed).
    pub fn remove(&mut self, index: usize) -> Option<ScenarioDoc> {
        if index >= self.docs.len() {
            return None;
        }
        let doc = self.docs.remove(index);
        self.active = match self.active {
            Some(a) if a == index => None,
            Some(a) if a > index => Some(a - 1),
            other => other,
        };
        Some(doc)
    }

    /// True when any scenario has unsaved changes.
    pub fn any_dirty(&self) -> bool {
        self.docs.iter().any(ScenarioDoc::is_dirty)
    }

    /// The name of a new scenario: "情景 1", "情景 2", … ("Scenario 1", … in English), the
    /// first not used by an open scenario. The one naming rule of "New scenario".
    pub fn new_name(&self, lang: crate::lang::Lang) -> String {
        let base = lang.pick("情景", "Scenario");
        let taken = |name: &str| self.docs.iter().any(|d| d.scenario.name == name);
        (1..)
            .map(|n| format!("{base} {n}"))
            .find(|name| !taken(name))
            .unwrap_or_else(|| base.to_owned())
    }

    /// A name not used by any open scenario: `base`, else `base 2`, `base 3`, …
    pub fn unused_name(&self, base: &str) -> String {
        let taken = |name: &str| self.docs.iter().any(|d| d.scenario.name == name);
        if !taken(base) {
            return base.to_owned();
        }
        (2..)
            .map(|n| format!("{base} {n}"))
            .find(|name| !taken(name))
            .unwrap_or_else(|| base.to_owned())
    }

    /// Forgets every applied value (the dataset changed).
    pub fn invalidate_all(&mut self) {
        for doc in &mut self.docs {
            doc.invalidate();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::Edit;

    fn doc() -> ScenarioDoc {
        ScenarioDoc::new(Scenario::new("s", "data.ron"))
    }

    #[test]
    fn each_change_is_one_undo_step_and_redo_restores_it() {
        let mut d = doc();
        d.change(|s| s.set_edit(Edit::new("a", "x", 2020, Some(1.0))));
        d.change(|s| {
            // A paste: several edits, one step.
            s.set_edit(Edit::new("a", "x", 2021, Some(2.0)));
            s.set_edit(Edit::new("a", "x", 2022, Some(3.0)));
        });
        assert_eq!(d.scenario.edits.len(), 3);
        assert!(d.undo());
        assert_eq!(d.scenario.edits.len(), 1);
        assert!(d.redo());
        assert_eq!(d.scenario.edits.len(), 3);
        assert!(d.undo() && d.undo());
        assert!(d.scenario.edits.is_empty());
        assert!(!d.undo());
        // A new change after undo drops the redo history.
        d.change(|s| s.set_edit(Edit::new("b", "x", 2020, None)));
        assert!(!d.can_redo());
    }

    #[test]
    fn a_change_that_changes_nothing_is_not_a_step() {
        let mut d = doc();
        let rev = d.revision();
        d.change(|s| s.remove_edit("a", "x", 2020));
        assert!(!d.can_undo());
        assert_eq!(d.revision(), rev);
    }

    #[test]
    fn dirty_until_saved_and_again_after_a_change() {
        let mut d = doc();
        assert!(!d.is_dirty(), "an empty new scenario has nothing to lose");
        d.change(|s| s.set_edit(Edit::new("a", "x", 2020, Some(1.0))));
        assert!(d.is_dirty());
        d.mark_saved(PathBuf::from("s.ron"));
        assert!(!d.is_dirty());
        d.undo();
        assert!(d.is_dirty());
        d.redo();
        assert!(!d.is_dirty(), "back to what is on disk");
    }

    #[test]
    fn removing_keeps_the_right_scenario_active() {
        let mut all = Scenarios::default();
        all.add(doc());
        all.add(ScenarioDoc::new(Scenario::new("t", "data.ron")));
        assert_eq!(all.active, Some(1));
        all.remove(0);
        assert_eq!(all.active, Some(0));
        assert_eq!(all.active().map(|d| d.scenario.name.as_str()), Some("t"));
        all.remove(0);
        assert_eq!(all.active, None);
        assert_eq!(all.unused_name("情景"), "情景");
        all.add(ScenarioDoc::new(Scenario::new("情景", "d")));
        assert_eq!(all.unused_name("情景"), "情景 2");
    }
}
