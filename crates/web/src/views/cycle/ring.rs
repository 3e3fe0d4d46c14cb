//! The year as a wheel (årshjul): twelve segments, January at the top and
//! clockwise, each coloured by the most pressing status of its tasks and
//! labelled with the month and how many tasks it holds. The wheel is a
//! picture of the list below it, which stays the page's content: the SVG
//! is an image named by the year and the summary in words.

/// One month's segment.
#[derive(Debug, Clone)]
pub struct Segment {
    /// The SVG path of the ring segment.
    pub path: String,
    /// `empty`, `planned`, `open`, `overdue` or `done`, for the style.
    pub class: &'static str,
    pub label: String,
    pub count: usize,
    /// Where the label goes.
    pub x: String,
    pub y: String,
}

const CENTRE: f64 = 120.0;
const OUTER: f64 = 112.0;
const INNER: f64 = 64.0;

fn point(radius: f64, degrees: f64) -> (f64, f64) {
    let r = degrees.to_radians();
    (CENTRE + radius * r.cos(), CENTRE + radius * r.sin())
}

/// The segment of month `i` (0 = January), with a small gap to the next.
fn arc(i: u32) -> String {
    let start = -90.0 + f64::from(i) * 30.0 + 1.0;
    let end = start + 28.0;
    let (a, b) = (point(OUTER, start), point(OUTER, end));
    let (c, d) = (point(INNER, end), point(INNER, start));
    format!(
        "M{:.1} {:.1} A{OUTER} {OUTER} 0 0 1 {:.1} {:.1} L{:.1} {:.1} A{INNER} {INNER} 0 0 0 {:.1} {:.1} Z",
        a.0, a.1, b.0, b.1, c.0, c.1, d.0, d.1
    )
}

/// The most pressing of a month's statuses: overdue before open before
/// planned; a month whose every task is done or skipped is done.
pub fn class_of(classes: &[&'static str]) -> &'static str {
    for c in ["overdue", "open", "planned"] {
        if classes.contains(&c) {
            return c;
        }
    }
    if classes.is_empty() { "empty" } else { "done" }
}

/// The wheel's twelve segments from each month's short name and classes.
pub fn segments(months: &[(u32, String, Vec<&'static str>)]) -> Vec<Segment> {
    months
        .iter()
        .map(|(number, name, classes)| {
            let i = number.saturating_sub(1);
            let (x, y) = point((OUTER + INNER) / 2.0, -90.0 + f64::from(i) * 30.0 + 15.0);
            Segment {
                path: arc(i),
                class: class_of(classes),
                label: name.chars().take(3).collect(),
                count: classes.len(),
                x: format!("{x:.1}"),
                y: format!("{y:.1}"),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_pressing_status_colours_the_month() {
        assert_eq!(class_of(&[]), "empty");
        assert_eq!(class_of(&["done", "skipped"]), "done");
        assert_eq!(class_of(&["done", "planned"]), "planned");
        assert_eq!(class_of(&["planned", "open", "done"]), "open");
        assert_eq!(class_of(&["open", "overdue"]), "overdue");
    }

    #[test]
    fn twelve_segments_go_round_from_the_top() {
        let months: Vec<_> = (1..=12).map(|m| (m, format!("Måned{m}"), vec![])).collect();
        let s = segments(&months);
        assert_eq!(s.len(), 12);
        // January's label is right of the top, July's left of the bottom.
        let (x1, y1): (f64, f64) = (s[0].x.parse().expect("x"), s[0].y.parse().expect("y"));
        let (x7, y7): (f64, f64) = (s[6].x.parse().expect("x"), s[6].y.parse().expect("y"));
        assert!(x1 > CENTRE && y1 < CENTRE, "{x1} {y1}");
        assert!(x7 < CENTRE && y7 > CENTRE, "{x7} {y7}");
        assert_eq!(s[0].label, "Mån");
        assert!(s[0].path.starts_with('M') && s[0].path.ends_with('Z'));
    }
}
