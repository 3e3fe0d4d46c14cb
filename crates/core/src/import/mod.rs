//! CSV import of a municipality's units, staff and persons. Parsing only, from
//! bytes: the whole file is checked and every bad row reported before the caller
//! stores anything, so an import either goes in completely or changes nothing.
//!
//! Files have a header row (names case-insensitive, any order, extra columns
//! ignored), are UTF-8 (a BOM is skipped) and separated by ',' or ';' (Norwegian
//! Excel writes ';'), detected from the header line. Blank lines are skipped.
//!
//! - units: `name,service_type`
//! - staff: `username,display_name,roles,units` (roles as for [`RoleSet::parse`],
//!   units '|'-separated)
//! - persons: `national_id,given_name,family_name,kind,unit,child_national_id,relation`.
//!   An adult with several children has one row per child, with the same names.
//!
//! Fluent message ids a [`RowError`] can carry (translators: each needs a message):
//! `import-missing-column`, `import-empty`, `import-bad-encoding`,
//! `import-wrong-field-count`, `import-required`, `import-too-long`,
//! `import-control-chars`, `import-unknown-service-type`, `import-unknown-role`,
//! `import-bad-username`, `import-unknown-kind`, `import-unknown-relation`,
//! `import-child-needs-no-relation`, `import-adult-needs-child`, `import-duplicate`,
//! `import-too-many-rows`, and from [`crate::NinError::message_key`]:
//! `nin-error-length`, `nin-error-digits`, `nin-error-birth-date`, `nin-error-checksum`.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::nin::NationalId;
use crate::org::{Coded, PersonKind, RelationKind, RoleSet, ServiceType};

/// The most data rows one file may have; bounds the memory and time of a check.
pub const MAX_ROWS: usize = 100_000;
const MAX_NAME_CHARS: usize = 100;
/// Echoed values are clipped so that one absurd cell cannot bloat the error list.
const MAX_ECHO_CHARS: usize = 64;

/// One problem in one row (line 1 is the header).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("line {line}: {message_key} (column {column:?}, value {value:?})")]
pub struct RowError {
    pub line: u64,
    pub column: Option<String>,
    pub message_key: &'static str,
    /// The offending value, when showing it helps. Never a national identity
    /// number or a person's name, because error lists may end up in logs.
    pub value: Option<String>,
}

/// Every problem found in a file, ordered by line; never empty when returned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error(
    "{} error(s) in the file, the first: {}",
    .0.len(),
    .0.first().map(ToString::to_string).unwrap_or_default()
)]
pub struct ImportErrors(pub Vec<RowError>);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRow {
    pub line: u64,
    pub name: String,
    pub service_type: ServiceType,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRow {
    pub line: u64,
    /// Lowercased.
    pub username: String,
    pub display_name: String,
    pub roles: RoleSet,
    /// Names of units, to be resolved by the caller.
    pub units: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRow {
    pub line: u64,
    pub national_id: NationalId,
    pub given_name: String,
    pub family_name: String,
    pub kind: PersonKind,
    /// The unit a child is enrolled in, by name, as given.
    pub unit: Option<String>,
    /// For an adult: the child (in this file or already registered) and how the
    /// adult relates to it.
    pub child: Option<(NationalId, RelationKind)>,
}

pub fn parse_units(bytes: &[u8]) -> Result<Vec<UnitRow>, ImportErrors> {
    let mut seen = HashSet::new();
    let (rows, errors) = parse(bytes, &["name", "service_type"], |cx| {
        let name = cx.field("name", false, name);
        let unknown = "import-unknown-service-type";
        let service_type = cx.field("service_type", true, code::<ServiceType>(unknown));
        let name = name?;
        // Case-insensitive: "Ås skole" and "ås skole" would confuse every lookup by name.
        if !seen.insert(name.to_lowercase()) {
            cx.fail("name", "import-duplicate", Some(&name));
            return None;
        }
        let line = cx.line;
        Some(UnitRow {
            line,
            name,
            service_type: service_type?,
        })
    });
    finish(rows, errors)
}

pub fn parse_staff(bytes: &[u8]) -> Result<Vec<StaffRow>, ImportErrors> {
    let mut seen = HashSet::new();
    let columns = &["username", "display_name", "roles", "units"];
    let (rows, errors) = parse(bytes, columns, |cx| {
        let username = cx.field("username", true, username);
        let display_name = cx.field("display_name", false, name);
        let roles = cx.field("roles", true, |v| {
            RoleSet::parse(&v.to_lowercase()).map_err(|_| "import-unknown-role")
        });
        let units = cx.field("units", false, unit_list);
        let username = username?;
        if !seen.insert(username.clone()) {
            cx.fail("username", "import-duplicate", Some(&username));
            return None;
        }
        let (line, display_name, roles, units) = (cx.line, display_name?, roles?, units?);
        Some(StaffRow {
            line,
            username,
            display_name,
            roles,
            units,
        })
    });
    finish(rows, errors)
}

pub fn parse_persons(bytes: &[u8]) -> Result<Vec<PersonRow>, ImportErrors> {
    use PersonKind::{Adult, Child};
    let columns = &[
        "national_id",
        "given_name",
        "family_name",
        "kind",
        "unit",
        "child_national_id",
        "relation",
    ];
    let mut people: HashMap<NationalId, (PersonKind, String, String)> = HashMap::new();
    let mut pairs = HashSet::new();
    let (rows, mut errors) = parse(bytes, columns, |cx| {
        let id = cx.field("national_id", false, nin);
        let given_name = cx.field("given_name", false, name);
        let family_name = cx.field("family_name", false, name);
        let kind = cx.field("kind", true, code::<PersonKind>("import-unknown-kind"));
        let unit = cx.field("unit", false, |v| match v {
            "" => Ok(None),
            v => name(v).map(Some),
        });
        let kind = kind?;
        let child = if kind == Child {
            let mut ok = true;
            for column in ["child_national_id", "relation"] {
                if !cx.value(column).is_empty() {
                    cx.fail(column, "import-child-needs-no-relation", None);
                    ok = false;
                }
            }
            ok.then_some(None)?
        } else {
            let child = cx.field("child_national_id", false, |v| match v {
                "" => Err("import-adult-needs-child"),
                v => nin(v),
            });
            let unknown = "import-unknown-relation";
            let relation = cx.field("relation", true, code::<RelationKind>(unknown));
            if child.is_some() && child == id {
                cx.fail("child_national_id", "import-adult-needs-child", None);
                return None;
            }
            Some((child?, relation?))
        };
        let (national_id, given_name, family_name) = (id?, given_name?, family_name?);
        // An adult repeats once per child; anything else is the same person twice.
        let me = (kind, given_name.clone(), family_name.clone());
        if people
            .get(&national_id)
            .is_some_and(|first| kind == Child || *first != me)
        {
            cx.fail("national_id", "import-duplicate", None);
            return None;
        }
        if let Some((child, _)) = &child
            && !pairs.insert((national_id.clone(), child.clone()))
        {
            cx.fail("child_national_id", "import-duplicate", None);
            return None;
        }
        people.entry(national_id.clone()).or_insert(me);
        let (line, unit) = (cx.line, unit?);
        Some(PersonRow {
            line,
            national_id,
            given_name,
            family_name,
            kind,
            unit,
            child,
        })
    });
    for row in &rows {
        if let Some((child, _)) = &row.child
            && people.get(child).is_some_and(|(kind, ..)| *kind == Adult)
        {
            let column = Some("child_national_id");
            errors.push(err(row.line, column, "import-adult-needs-child", None));
        }
    }
    finish(rows, errors)
}

fn finish<T>(rows: Vec<T>, mut errors: Vec<RowError>) -> Result<Vec<T>, ImportErrors> {
    if errors.is_empty() {
        return Ok(rows);
    }
    errors.sort_by_key(|e| e.line);
    Err(ImportErrors(errors))
}

fn err(line: u64, column: Option<&str>, key: &'static str, value: Option<&str>) -> RowError {
    let clip = |v: &str| {
        v.chars()
            .filter(|c| !c.is_control())
            .take(MAX_ECHO_CHARS)
            .collect()
    };
    let (column, value) = (column.map(str::to_string), value.map(clip));
    RowError {
        line,
        column,
        message_key: key,
        value,
    }
}

/// The checks of one row: each bad value is reported and yields `None`.
struct Cx<'a> {
    line: u64,
    columns: &'static [&'static str],
    fields: &'a [String],
    errors: &'a mut Vec<RowError>,
}

impl<'a> Cx<'a> {
    fn value(&self, column: &str) -> &'a str {
        let fields: &'a [String] = self.fields;
        let index = self.columns.iter().position(|c| *c == column);
        index.and_then(|i| fields.get(i)).map_or("", String::as_str)
    }

    fn fail(&mut self, column: &str, key: &'static str, value: Option<&str>) {
        self.errors.push(err(self.line, Some(column), key, value));
    }

    /// `echo` says whether the value may be shown back in the error.
    fn field<T>(
        &mut self,
        column: &str,
        echo: bool,
        check: impl FnOnce(&str) -> Check<T>,
    ) -> Option<T> {
        let value = self.value(column);
        check(value)
            .map_err(|key| self.fail(column, key, echo.then_some(value)))
            .ok()
    }
}

type Check<T> = Result<T, &'static str>;

fn name(value: &str) -> Check<String> {
    if value.is_empty() {
        Err("import-required")
    } else if value.chars().count() > MAX_NAME_CHARS {
        Err("import-too-long")
    } else if value.chars().any(char::is_control) {
        Err("import-control-chars")
    } else {
        Ok(value.to_string())
    }
}

fn code<T: Coded>(unknown: &'static str) -> impl FnOnce(&str) -> Check<T> {
    move |value| match value {
        "" => Err("import-required"),
        v => T::from_code(&v.to_lowercase()).ok_or(unknown),
    }
}

fn nin(value: &str) -> Check<NationalId> {
    match value {
        "" => Err("import-required"),
        v => NationalId::parse(v).map_err(|e| e.message_key()),
    }
}

fn username(value: &str) -> Check<String> {
    let name = value.to_lowercase();
    let allowed = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._@-".contains(&b);
    match name.len() {
        0 => Err("import-required"),
        3..=64 if name.bytes().all(allowed) => Ok(name),
        _ => Err("import-bad-username"),
    }
}

fn unit_list(value: &str) -> Check<Vec<String>> {
    let mut units: Vec<String> = Vec::new();
    for unit in value.split('|').map(str::trim).filter(|u| !u.is_empty()) {
        let unit = name(unit)?;
        if !units.contains(&unit) {
            units.push(unit);
        }
    }
    Ok(units)
}

/// Reads the file's shape (encoding, header, field counts, row limit) and hands
/// each well-formed row to `check`.
fn parse<T>(
    bytes: &[u8],
    columns: &'static [&'static str],
    mut check: impl FnMut(&mut Cx<'_>) -> Option<T>,
) -> (Vec<T>, Vec<RowError>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator(bytes))
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    // Reading bytes from a slice cannot fail; should it, the rows end there.
    let mut lines = reader
        .byte_records()
        .map_while(Result::ok)
        .filter_map(|record| {
            let line = record.position().map_or(1, |pos| start_line(bytes, pos));
            let fields: Vec<Option<String>> = record
                .iter()
                .map(|f| Some(std::str::from_utf8(f).ok()?.trim().to_string()))
                .collect();
            // Excel leaves rows of bare separators behind; they are blank lines too.
            let blank = fields.iter().all(|f| f.as_deref() == Some(""));
            (!blank).then_some((line, fields))
        });
    let (mut rows, mut errors) = (Vec::new(), Vec::new());
    let Some((header_line, header)) = lines.next() else {
        errors.push(err(1, None, "import-empty", None));
        return (rows, errors);
    };
    let names: Option<Vec<String>> = header
        .into_iter()
        .map(|f| f.map(|n| n.to_lowercase()))
        .collect();
    let Some(names) = names else {
        errors.push(err(header_line, None, "import-bad-encoding", None));
        return (rows, errors);
    };
    let Some(index) = match_header(header_line, &names, columns, &mut errors) else {
        return (rows, errors);
    };
    let mut count = 0;
    for (line, fields) in lines {
        count += 1;
        if count > MAX_ROWS {
            let max = MAX_ROWS.to_string();
            errors.push(err(line, None, "import-too-many-rows", Some(&max)));
            break;
        }
        if fields.len() != names.len() {
            let found = fields.len().to_string();
            errors.push(err(line, None, "import-wrong-field-count", Some(&found)));
            continue;
        }
        let bad: Vec<_> = (0..names.len()).filter(|&i| fields[i].is_none()).collect();
        for i in &bad {
            errors.push(err(line, Some(&names[*i]), "import-bad-encoding", None));
        }
        if bad.is_empty() {
            let fields: Vec<String> = index
                .iter()
                .map(|&i| fields[i].clone().unwrap_or_default())
                .collect();
            let mut cx = Cx {
                line,
                columns,
                fields: &fields,
                errors: &mut errors,
            };
            rows.extend(check(&mut cx));
        }
    }
    if count == 0 {
        errors.push(err(header_line, None, "import-empty", None));
    }
    (rows, errors)
}

/// csv reports where it started looking, which is before the blank lines it
/// skips and before the '\n' of a CRLF; the row itself starts after those.
fn start_line(bytes: &[u8], pos: &csv::Position) -> u64 {
    let rest = usize::try_from(pos.byte())
        .ok()
        .and_then(|i| bytes.get(i..));
    let skipped = rest
        .unwrap_or_default()
        .iter()
        .take_while(|b| matches!(b, b'\r' | b'\n'));
    pos.line() + skipped.filter(|&&b| b == b'\n').count() as u64
}

fn separator(bytes: &[u8]) -> u8 {
    let mut lines = bytes.split(|&b| b == b'\n');
    let header = lines
        .find(|l| {
            l.iter()
                .any(|b| !b.is_ascii_whitespace() && !b",;".contains(b))
        })
        .unwrap_or_default();
    let count = |sep: u8| header.iter().filter(|&&b| b == sep).count();
    if count(b';') > count(b',') {
        b';'
    } else {
        b','
    }
}

/// The position of each wanted column in the file, or `None` after reporting
/// what is missing or ambiguous.
fn match_header(
    line: u64,
    names: &[String],
    wanted: &[&str],
    errors: &mut Vec<RowError>,
) -> Option<Vec<usize>> {
    let before = errors.len();
    let mut index = Vec::with_capacity(wanted.len());
    for &column in wanted {
        let mut found = (0..names.len()).filter(|&i| names[i] == column);
        match (found.next(), found.next()) {
            (Some(i), None) => index.push(i),
            (Some(_), Some(_)) => errors.push(err(line, Some(column), "import-duplicate", None)),
            (None, _) => errors.push(err(line, Some(column), "import-missing-column", None)),
        }
    }
    (errors.len() == before).then_some(index)
}

#[cfg(test)]
mod tests;
