//! How a bound ("> 300", "≤ 0.5", "约 100") is drawn: never as an exact filled point, but as
//! an open marker with a small arrow on the side the true value lies (up for "≥"/">", down
//! for "≤"/"<"; no arrow for "约"), and with its sign before the value label of a bar.

use crate::chart::style::format_value;
use crate::model::Bound;

use super::shapes::{Color, Shape, WHITE};

/// The shapes of a bound marker centred at `(x, y)` (pixels, y down) of radius `r`, outline
/// `stroke` wide: a white disc, a `color` ring, and for a one-sided bound an arrow from the
/// ring towards the true value. An exact value gets no shapes (it is drawn as before).
pub fn bound_marker(
    (x, y): (f64, f64),
    color: Color,
    bound: Bound,
    r: f64,
    stroke: f64,
) -> Vec<Shape> {
    if bound == Bound::Exact {
        return Vec::new();
    }
    let mut shapes = vec![
        Shape::Circle {
            center: (x, y),
            radius: r,
            color: WHITE,
            fill: true,
            width: 1.0,
        },
        Shape::Circle {
            center: (x, y),
            radius: r,
            color,
            fill: false,
            width: stroke,
        },
    ];
    shapes.extend(bound_arrow((x, y - r), (x, y + r), color, bound, r, stroke));
    shapes
}

/// An arrow for a one-sided bound: from `top` upwards for "≥"/">" (the true value is above),
/// from `bottom` downwards for "≤"/"<"; nothing for `Exact` and `About`. `r` sets its size.
pub fn bound_arrow(
    top: (f64, f64),
    bottom: (f64, f64),
    color: Color,
    bound: Bound,
    r: f64,
    stroke: f64,
) -> Vec<Shape> {
    // Direction on screen: -1 is up (y grows downwards).
    let (start, dir) = match bound {
        Bound::AtLeast | Bound::MoreThan => (top, -1.0),
        Bound::AtMost | Bound::LessThan => (bottom, 1.0),
        Bound::Exact | Bound::About => return Vec::new(),
    };
    let length = 2.0 * r;
    let tip = (start.0, start.1 + dir * length);
    let head = 0.8 * r;
    vec![
        Shape::Line {
            points: vec![start, tip],
            color,
            width: stroke,
        },
        Shape::Polygon {
            points: vec![
                (tip.0, tip.1 + dir * 0.2 * r),
                (tip.0 - head, tip.1 - dir * head),
                (tip.0 + head, tip.1 - dir * head),
            ],
            color,
        },
    ]
}

/// A value label with the bound's sign: "> 300", "约 100"; exact values as before ("300").
pub fn bound_label(value: f64, bound: Bound) -> String {
    format!("{}{}", bound.symbol(), format_value(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RED: Color = Color::rgb(200, 0, 0);

    #[test]
    fn an_exact_value_gets_no_bound_marker() {
        assert!(bound_marker((10.0, 10.0), RED, Bound::Exact, 5.0, 2.0).is_empty());
    }

    #[test]
    fn a_lower_bound_is_an_open_ring_with_an_arrow_up() {
        let shapes = bound_marker((100.0, 50.0), RED, Bound::MoreThan, 5.0, 2.0);
        assert!(matches!(
            shapes[0],
            Shape::Circle {
                color: WHITE,
                fill: true,
                ..
            }
        ));
        assert!(matches!(
            shapes[1],
            Shape::Circle {
                color: RED,
                fill: false,
                ..
            }
        ));
        // The shaft runs from the top of the ring (y 45) ten pixels up (y 35).
        assert_eq!(
            shapes[2],
            Shape::Line {
                points: vec![(100.0, 45.0), (100.0, 35.0)],
                color: RED,
                width: 2.0
            }
        );
        assert!(matches!(&shapes[3], Shape::Polygon { points, .. } if points[0] == (100.0, 34.0)));
    }

    #[test]
    fn an_upper_bound_points_down_and_about_has_no_arrow() {
        let shapes = bound_marker((100.0, 50.0), RED, Bound::AtMost, 5.0, 2.0);
        assert_eq!(
            shapes[2],
            Shape::Line {
                points: vec![(100.0, 55.0), (100.0, 65.0)],
                color: RED,
                width: 2.0
            }
        );
        assert_eq!(
            bound_marker((0.0, 0.0), RED, Bound::About, 5.0, 2.0).len(),
            2
        );
    }

    #[test]
    fn labels_carry_the_sign() {
        assert_eq!(bound_label(300.0, Bound::MoreThan), "> 300");
        assert_eq!(bound_label(300.0, Bound::Exact), "300");
        assert_eq!(bound_label(0.5, Bound::AtMost), "≤ 0.5");
    }
}
