//! Horizontal bar charts as SVG. A chart is drawn only beside its table,
//! which is its text alternative; the SVG names the table it shows.

use super::tables::Table;

/// One bar: its label, its length in percent of the longest, and its text.
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub y: u32,
    pub width: u32,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Chart {
    pub height: u32,
    pub bars: Vec<Bar>,
}

/// Rows of a chart, from the top.
const ROW: u32 = 28;

/// The chart of a table of one count column; the total row is left out, and
/// a hidden count has no bar, only its word.
pub fn chart_of(table: &Table, hidden: &str, total: &str) -> Option<Chart> {
    // An empty table is said in words, and has no chart.
    if !table.chart || table.rows.is_empty() {
        return None;
    }
    let max = table.max_bar();
    let bars: Vec<Bar> = table
        .rows
        .iter()
        .filter(|r| r.label != total)
        .enumerate()
        .map(|(i, r)| {
            let value = r.values.first().and_then(|v| v.bar());
            Bar {
                label: r.label.clone(),
                y: u32::try_from(i).unwrap_or(0) * ROW,
                width: value.map_or(0, |n| u32::try_from(n * 100 / max).unwrap_or(100)),
                text: value.map_or_else(|| hidden.to_string(), |n| n.to_string()),
            }
        })
        .collect();
    Some(Chart {
        height: u32::try_from(bars.len()).unwrap_or(0) * ROW + 4,
        bars,
    })
}
