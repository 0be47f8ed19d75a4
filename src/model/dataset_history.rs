//! Undo and redo of whole-dataset changes (a table merged into the current dataset): one
//! step each, beside the scenarios' own undo histories. Plain data, no egui.
//!
//! A step remembers the active scenario's revision when it was made (its `mark`), so the
//! window can tell which came last, the merge or a scenario edit: undo takes back the merge
//! while the scenario is as it was at the merge.

use crate::model::Dataset;

/// How many dataset steps are kept (each holds a whole dataset).
pub const DATASET_UNDO_LIMIT: usize = 20;

/// The dataset as it was, and the facts that go with it.
#[derive(Clone, Debug)]
pub struct DatasetStep {
    /// The data.
    pub dataset: Dataset,
    /// It had changes not saved to its file.
    pub unsaved: bool,
    /// The active scenario's revision at the time (`None`: no scenario was active).
    pub mark: Option<u64>,
}

/// Earlier and undone datasets, the latest last.
#[derive(Debug, Default)]
pub struct DatasetHistory {
    undo: Vec<DatasetStep>,
    redo: Vec<DatasetStep>,
}

impl DatasetHistory {
    /// Records the dataset as it was before a change; forgets what was undone.
    pub fn record(&mut self, before: DatasetStep) {
        self.undo.push(before);
        if self.undo.len() > DATASET_UNDO_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// The step undo would bring back.
    pub fn next_undo(&self) -> Option<&DatasetStep> {
        self.undo.last()
    }

    /// The step redo would bring back.
    pub fn next_redo(&self) -> Option<&DatasetStep> {
        self.redo.last()
    }

    /// Takes back the last change: gives the dataset before it; `now` is kept for redo.
    pub fn undo(&mut self, now: DatasetStep) -> Option<DatasetStep> {
        let previous = self.undo.pop()?;
        self.redo.push(now);
        Some(previous)
    }

    /// Makes the last undone change again: gives the dataset after it; `now` is kept for undo.
    pub fn redo(&mut self, now: DatasetStep) -> Option<DatasetStep> {
        let next = self.redo.pop()?;
        self.undo.push(now);
        Some(next)
    }

    /// Forgets every step (another dataset was opened).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(title: &str) -> DatasetStep {
        let parts = crate::model::DatasetParts {
            title: title.into(),
            title_en: title.into(),
            notes: None,
            regions: Vec::new(),
            indicators: Vec::new(),
            sources: Vec::new(),
            observations: Vec::new(),
            series: Vec::new(),
        };
        DatasetStep {
            dataset: Dataset::build(parts).expect("an empty dataset builds"),
            unsaved: false,
            mark: None,
        }
    }

    #[test]
    fn one_merge_is_one_step_back_and_forth() {
        let mut history = DatasetHistory::default();
        assert!(history.next_undo().is_none());
        history.record(step("before"));
        let back = history.undo(step("merged")).expect("a step");
        assert_eq!(back.dataset.title, "before");
        assert!(history.next_undo().is_none());
        let again = history.redo(back).expect("a step");
        assert_eq!(again.dataset.title, "merged");
        assert!(history.next_redo().is_none());
        history.record(step("other"));
        assert!(
            history.next_redo().is_none(),
            "a new change forgets the undone"
        );
    }
}
