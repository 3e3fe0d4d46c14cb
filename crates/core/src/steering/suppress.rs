//! Small counts are hidden so that no child can be recognised in a table.
//!
//! Primary suppression hides every count from 1 to 4. Secondary suppression
//! stops a hidden count from being worked out from the total: when a table
//! with a total hides exactly one cell, the next smallest count is hidden too
//! (or the total, when there is no other count to hide). A zero is shown: it
//! points at no one.

/// The smallest count that is shown.
pub const MIN_SHOWN: u64 = 5;

/// A figure as shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Shown(u64),
    Hidden,
}

impl Cell {
    fn primary(n: u64) -> Cell {
        if n > 0 && n < MIN_SHOWN {
            Cell::Hidden
        } else {
            Cell::Shown(n)
        }
    }

    pub fn value(self) -> Option<u64> {
        match self {
            Cell::Shown(n) => Some(n),
            Cell::Hidden => None,
        }
    }
}

/// Suppresses the cells of one table row or column, and its total when the
/// table has one (the total is the sum the cells can be subtracted from).
pub fn suppress(values: &[u64], total: Option<u64>) -> (Vec<Cell>, Option<Cell>) {
    let mut cells: Vec<Cell> = values.iter().map(|n| Cell::primary(*n)).collect();
    let mut total_cell = total.map(Cell::primary);
    let hidden = cells.iter().filter(|c| **c == Cell::Hidden).count();
    if hidden == 1 && matches!(total_cell, Some(Cell::Shown(_))) {
        let next = cells
            .iter()
            .enumerate()
            .filter_map(|(i, c)| match c {
                Cell::Shown(n) if *n > 0 => Some((*n, i)),
                _ => None,
            })
            .min();
        match next {
            Some((_, i)) => cells[i] = Cell::Hidden,
            None => total_cell = Some(Cell::Hidden),
        }
    }
    (cells, total_cell)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn small_counts_are_hidden_and_zero_is_shown() {
        let (cells, total) = suppress(&[0, 3, 12, 7], Some(22));
        assert_eq!(
            cells,
            vec![Cell::Shown(0), Cell::Hidden, Cell::Shown(12), Cell::Hidden]
        );
        assert_eq!(total, Some(Cell::Shown(22)));
    }

    #[test]
    fn lone_hidden_cell_hides_the_total_when_nothing_else_can_go() {
        let (cells, total) = suppress(&[0, 3], Some(3));
        assert_eq!(cells, vec![Cell::Shown(0), Cell::Hidden]);
        assert_eq!(total, Some(Cell::Hidden));
        let (cells, total) = suppress(&[2, 40], None);
        assert_eq!(cells, vec![Cell::Hidden, Cell::Shown(40)]);
        assert_eq!(total, None);
    }

    proptest! {
        /// No shown figure is below 5 (except 0), and a hidden cell can
        /// never be recovered as the total minus the shown cells.
        #[test]
        fn nothing_small_can_be_seen_or_derived(values in proptest::collection::vec(0u64..30, 0..8)) {
            let sum: u64 = values.iter().sum();
            let (cells, total) = suppress(&values, Some(sum));
            for c in cells.iter().chain(total.iter()) {
                if let Cell::Shown(n) = c {
                    prop_assert!(*n == 0 || *n >= MIN_SHOWN);
                }
            }
            let hidden: Vec<u64> = values
                .iter()
                .zip(&cells)
                .filter(|(_, c)| **c == Cell::Hidden)
                .map(|(v, _)| *v)
                .collect();
            if let Some(Cell::Shown(_)) = total {
                // With the total shown, the hidden cells are at least two,
                // so their sum does not give any one of them away.
                prop_assert!(hidden.len() != 1);
            }
        }
    }
}
