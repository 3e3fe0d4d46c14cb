//! Rows are read by column name: `row.try_get("family_name")`, never
//! `row.try_get(3)`, so that a change in a SELECT's column order cannot
//! silently shuffle fields. An unnamed expression (`COUNT(*)`, `MAX(x)`, a
//! CASE) gets a lower-case `AS` alias in the SQL and is read by that name.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The 1-based lines of `text` where `try_get(` or `try_get::<…>(` is
/// followed by a digit (spaces and line breaks between them allowed).
fn positional_reads(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    for (start, _) in text.match_indices("try_get") {
        let mut i = start + "try_get".len();
        if text[i..].starts_with("::<") {
            // Skip the turbofish, generics nested or not.
            i += 2;
            let mut depth = 0;
            while i < bytes.len() {
                match bytes[i] {
                    b'<' => depth += 1,
                    b'>' => depth -= 1,
                    _ => {}
                }
                i += 1;
                if depth == 0 {
                    break;
                }
            }
        }
        if bytes.get(i) != Some(&b'(') {
            continue;
        }
        i += 1;
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if bytes.get(i).is_some_and(u8::is_ascii_digit) {
            found.push(text[..start].matches('\n').count() + 1);
        }
    }
    found
}

#[test]
fn rows_are_read_by_column_name_not_by_position() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    assert!(
        files.len() > 10,
        "found the crate's sources in {}",
        src.display()
    );
    let mut offences = Vec::new();
    for file in &files {
        let relative = file
            .strip_prefix(&src)
            .expect("under src")
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(file).expect("a readable source file");
        for line in positional_reads(&text) {
            offences.push(format!("crates/db/src/{relative}:{line}"));
        }
    }
    assert!(
        offences.is_empty(),
        "read these by column name (alias an unnamed expression with AS):\n{}",
        offences.join("\n")
    );
}

#[test]
fn the_positional_read_finder_sees_every_form() {
    let text = "a\nr.try_get(3)?\nr.try_get::<i64, _>(0)?\nr.try_get::<Option<String>, _>(\n    12)?\n\
                r.try_get(\"name\")?\nr.try_get::<Option<i64>, _>(\"n\")?\nr.try_get(at)?\n";
    assert_eq!(positional_reads(text), vec![2, 3, 4]);
}
