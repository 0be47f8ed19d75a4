//! Marks of regions of one level and of "latest value up to" on a bar chart: the reference
//! line of a picked whole (its name and value beside a horizontal line) and the year under
//! each bar when the bars are of different years.

use super::{Align, Builder, ChartSpec, Dash, Frame, INK, LINE, MUTED};

impl Builder<'_> {
    /// Height of the row of years under the category names; 0 when there is none.
    pub(super) fn category_years_height(&self, spec: &ChartSpec, em: f64) -> f64 {
        if spec.category_years.is_empty() {
            0.0
        } else {
            LINE * em
        }
    }

    /// The year of each category's bar ("2022"), centred under its name, from `top`.
    pub(super) fn category_years(&mut self, spec: &ChartSpec, frame: &Frame, top: f64, em: f64) {
        let p = frame.plot;
        for (i, year) in spec.category_years.iter().enumerate() {
            let x = frame.px_x(i as f64);
            if year.is_empty() || !(p.x0..=p.x1).contains(&x) {
                continue;
            }
            self.text(year, (x, top + em * 0.2), em, MUTED, Align::Center, false);
        }
    }

    /// A dotted horizontal line across the plot per picked whole, with its name and value
    /// above the line at the left (below it when there is no room above); labels of lines
    /// close together are moved apart so none hides another.
    pub(super) fn parent_lines(&mut self, spec: &ChartSpec, frame: &Frame) {
        let p = frame.plot;
        let em = self.em(15.0);
        let mut lines: Vec<(f64, &str)> = spec
            .parent_lines
            .iter()
            .filter(|l| l.line.value.is_finite() && !l.off_scale)
            .map(|l| (frame.px_y(l.line.value), l.line.label.as_str()))
            .filter(|(y, _)| (p.y0..=p.y1).contains(y))
            .collect();
        lines.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut next_free = f64::NEG_INFINITY;
        for (y, label) in lines {
            self.polyline(&[(p.x0, y), (p.x1, y)], INK, self.stroke(2.0), Dash::Dotted);
            let above = y - em * 1.15;
            let mut text_y = if above >= p.y0 { above } else { y + em * 0.35 };
            text_y = text_y.max(next_free);
            self.text(label, (p.x0 + em * 0.4, text_y), em, INK, Align::Left, true);
            next_free = text_y + em * LINE;
        }
    }
}
