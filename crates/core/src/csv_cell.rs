//! Cells of the CSV files ettlag exports, safe to open in a spreadsheet.
//!
//! A spreadsheet reads a cell that starts with `=`, `+`, `-` or `@` (and,
//! in some programs, a tab or a carriage return) as a formula, so a name a
//! user typed (`=HYPERLINK(…)`) could run when a leader opens the file
//! (OWASP "CSV injection"). Every CSV writer builds its cells here: a text
//! cell that would start a formula gets a leading `'`, which spreadsheets
//! take as "this is text"; a number ettlag computed is written as it is, so
//! that a negative amount stays a number. Quoting follows RFC 4180.

/// The characters that make a spreadsheet read a cell as a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell: neutralised if it would start a formula, then quoted if it
/// holds a separator, a quote or a line break.
pub fn text(s: &str) -> String {
    let safe = if s.starts_with(FORMULA_START) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    quoted(&safe)
}

/// A number ettlag computed: written as it is, a minus sign included,
/// since a number cannot carry a formula.
pub fn number(n: i64) -> String {
    n.to_string()
}

/// One line of a CSV file from cells already made by [`text`] or
/// [`number`], with its line break.
pub fn record<I: IntoIterator<Item = String>>(cells: I) -> String {
    let mut line = cells.into_iter().collect::<Vec<_>>().join(",");
    line.push('\n');
    line
}

/// RFC 4180 quoting; `;` is quoted too because spreadsheets in Norwegian
/// locales take it as the separator.
fn quoted(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r', ';']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_that_would_start_a_formula_gets_a_leading_quote() {
        for (cell, safe) in [
            ("=1+2", "'=1+2"),
            ("+47 22 00 00 00", "'+47 22 00 00 00"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
        ] {
            assert_eq!(text(cell), safe, "{cell:?}");
        }
    }

    #[test]
    fn a_carriage_return_at_the_start_is_neutralised_and_quoted() {
        assert_eq!(text("\r=1"), "\"'\r=1\"");
    }

    #[test]
    fn a_dangerous_text_with_a_comma_is_neutralised_inside_the_quotes() {
        assert_eq!(
            text("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
    }

    #[test]
    fn an_ordinary_text_is_left_alone_and_quoted_only_when_needed() {
        assert_eq!(text("Fosterhjem i slekt"), "Fosterhjem i slekt");
        assert_eq!(text("a = b"), "a = b");
        assert_eq!(text("1,5"), "\"1,5\"");
        assert_eq!(text("a;b"), "\"a;b\"");
        assert_eq!(text("sa \"hei\""), "\"sa \"\"hei\"\"\"");
        assert_eq!(text(""), "");
    }

    #[test]
    fn a_computed_number_is_written_as_it_is_even_when_negative() {
        assert_eq!(number(-1500), "-1500");
        assert_eq!(number(0), "0");
        assert_eq!(number(i64::MIN), i64::MIN.to_string());
    }

    #[test]
    fn a_record_joins_its_cells_with_commas_and_ends_the_line() {
        assert_eq!(record([text("=x"), number(-3), text("y")]), "'=x,-3,y\n");
    }
}
