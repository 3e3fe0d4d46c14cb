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
#[error("{} error(s) in the file, the first: {}", .0.len(), .0.first().map(ToString::to_string).unwrap_or_default())]
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
            let fields: Vec<_> = record
                .iter()
                .map(|f| Some(std::str::from_utf8(f).ok()?.trim()))
                .collect();
            // Excel leaves rows of bare separators behind; they are blank lines too.
            let blank = fields.iter().all(|f| f.is_some_and(str::is_empty));
            (!blank).then(|| {
                (
                    line,
                    fields
                        .into_iter()
                        .map(|f| f.map(str::to_string))
                        .collect::<Vec<_>>(),
                )
            })
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
        .find(|l| l.iter().any(|b| !b.is_ascii_whitespace()))
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
mod tests {
    use super::*;
    use crate::nin::BirthDate;
    use crate::org::Role;
    use proptest::prelude::*;

    /// A synthetic number (month + 80): never one a real person can hold.
    fn nin(year: u16, month: u8, day: u8) -> NationalId {
        (0..1000)
            .find_map(|i| NationalId::synthetic(BirthDate { year, month, day }, i))
            .expect("a synthetic number")
    }

    /// (line, column, key) of every error, for compact assertions.
    fn keys(errors: ImportErrors) -> Vec<(u64, Option<String>, &'static str)> {
        errors
            .0
            .into_iter()
            .map(|e| (e.line, e.column, e.message_key))
            .collect()
    }

    fn at(line: u64, column: &str, key: &'static str) -> (u64, Option<String>, &'static str) {
        (line, Some(column.to_string()), key)
    }

    #[test]
    fn units_parse() {
        let rows =
            parse_units("name,service_type\nÅs skole,school\nSolsikken,Kindergarten\n".as_bytes())
                .expect("valid");
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[0].line, rows[0].name.as_str(), rows[0].service_type),
            (2, "Ås skole", ServiceType::School)
        );
        assert_eq!(rows[1].service_type, ServiceType::Kindergarten);
    }

    #[test]
    fn semicolons_bom_blank_lines_and_header_case() {
        let file =
            "\u{FEFF}Service_Type ; NAME;note\r\n\r\n;;\r\nhealth_station; Helsestasjonen ;x\r\n";
        let rows = parse_units(file.as_bytes()).expect("valid");
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].line, rows[0].name.as_str()), (4, "Helsestasjonen"));
        assert_eq!(rows[0].service_type, ServiceType::HealthStation);
    }

    #[test]
    fn staff_parse() {
        let file = "username,display_name,roles,units\n\
                    Kari.N@ettlag,Kari Nordmann,\"admin, unit_leader\",Ås skole|Helsestasjonen\n\
                    ola,Ola,,\n";
        let rows = parse_staff(file.as_bytes()).expect("valid");
        assert_eq!(rows[0].username, "kari.n@ettlag");
        assert!(rows[0].roles.has(Role::Admin) && rows[0].roles.has(Role::UnitLeader));
        assert_eq!(rows[0].units, ["Ås skole", "Helsestasjonen"]);
        assert_eq!(rows[1].roles, RoleSet::new(vec![Role::Staff]));
        assert!(rows[1].units.is_empty());

        let semi =
            "username;display_name;roles;units\nkari;Kari;admin,intake;\nola;Ola;staff|intake;A\n";
        let rows = parse_staff(semi.as_bytes()).expect("valid");
        assert!(rows[0].roles.has(Role::Intake) && rows[1].roles.has(Role::Intake));
    }

    #[test]
    fn persons_parse_with_an_adult_of_two_children() {
        let (a, b, mum) = (nin(2015, 3, 14), nin(2018, 7, 2), nin(1985, 11, 30));
        let (a, b, mum) = (a.as_str(), b.as_str(), mum.as_str());
        let file = format!(
            "national_id,given_name,family_name,kind,unit,child_national_id,relation\n\
             {a},Ada,Hansen,child,Ås skole,,\n{b},Bo,Hansen,child,,,\n\
             {mum},Mona,Hansen,adult,,{a},guardian\n{mum},Mona,Hansen,adult,,{b},close_person\n"
        );
        let rows = parse_persons(file.as_bytes()).expect("valid");
        assert_eq!(rows.len(), 4);
        assert_eq!(
            (rows[0].kind, rows[0].unit.as_deref(), &rows[0].child),
            (PersonKind::Child, Some("Ås skole"), &None)
        );
        assert_eq!(rows[1].unit, None);
        assert_eq!(
            rows[3].child,
            Some((nin(2018, 7, 2), RelationKind::ClosePerson))
        );
    }

    #[test]
    fn every_bad_row_is_reported_with_its_line() {
        let file =
            "name,service_type\nA,school\nB,hospital\n,school\nC\n\"D\nE\",school\nF,\n\n\nG,gpx\n";
        let errors = keys(parse_units(file.as_bytes()).expect_err("bad rows"));
        assert_eq!(
            errors,
            [
                at(3, "service_type", "import-unknown-service-type"),
                at(4, "name", "import-required"),
                (5, None, "import-wrong-field-count"),
                at(6, "name", "import-control-chars"),
                at(8, "service_type", "import-required"),
                at(11, "service_type", "import-unknown-service-type"),
            ]
        );
        let long = format!(
            "name,service_type\n{},school\nA\u{7},school\n",
            "x".repeat(101)
        );
        let errors = keys(parse_units(long.as_bytes()).expect_err("bad"));
        assert_eq!(
            errors,
            [
                at(2, "name", "import-too-long"),
                at(3, "name", "import-control-chars")
            ]
        );
    }

    #[test]
    fn file_shape_errors() {
        let missing = keys(parse_units(b"Name,type\nA,school\n").expect_err("missing"));
        assert_eq!(missing, [at(1, "service_type", "import-missing-column")]);
        assert_eq!(
            keys(parse_units(b"").expect_err("empty")),
            [(1, None, "import-empty")]
        );
        assert_eq!(
            keys(parse_units(b"\xEF\xBB\xBF\n").expect_err("empty")),
            [(1, None, "import-empty")]
        );
        assert_eq!(
            keys(parse_units(b"name,service_type\n").expect_err("empty")),
            [(1, None, "import-empty")]
        );
        let latin1 =
            keys(parse_units(b"name,service_type\n\xC5s skole,school\n").expect_err("latin-1"));
        assert_eq!(latin1, [at(2, "name", "import-bad-encoding")]);
        let mut many = String::from("name,service_type\n");
        for i in 0..=MAX_ROWS {
            many.push_str(&format!("u{i},school\n"));
        }
        let errors = parse_units(many.as_bytes()).expect_err("too many").0;
        assert_eq!(
            (errors[0].line, errors[0].message_key),
            (MAX_ROWS as u64 + 2, "import-too-many-rows")
        );
    }

    #[test]
    fn duplicates_are_reported_on_the_later_line() {
        let units =
            keys(parse_units(b"name,service_type\nA,school\nB,gp\na,nav\n").expect_err("dup"));
        assert_eq!(units, [at(4, "name", "import-duplicate")]);
        let staff = keys(
            parse_staff(b"username,display_name,roles,units\nkari,K,,\nKARI,K,,\n")
                .expect_err("dup"),
        );
        assert_eq!(staff, [at(3, "username", "import-duplicate")]);
        let (child, adult) = (nin(2016, 1, 5), nin(1980, 2, 3));
        let (c, d) = (child.as_str(), adult.as_str());
        let file = format!(
            "kind,national_id,given_name,family_name,unit,child_national_id,relation\n\
             child,{c},A,B,,,\nchild,{c},A,B,,,\nadult,{d},C,D,,{c},guardian\n\
             adult,{d},C,D,,{c},guardian\nadult,{d},X,D,,{c},guardian\n"
        );
        let persons = keys(parse_persons(file.as_bytes()).expect_err("dup"));
        assert_eq!(
            persons,
            [
                at(3, "national_id", "import-duplicate"),
                at(5, "child_national_id", "import-duplicate"),
                at(6, "national_id", "import-duplicate"),
            ]
        );
    }

    #[test]
    fn person_rules_and_bad_numbers() {
        let child = nin(2016, 1, 5);
        let c = child.as_str();
        let mut typo = c.as_bytes().to_vec();
        typo[10] = b'0' + (typo[10] - b'0' + 1) % 10;
        let typo = String::from_utf8(typo).expect("ascii");
        let file = format!(
            "national_id,given_name,family_name,kind,unit,child_national_id,relation\n\
             {typo},A,B,child,,,\n123,A,B,child,,,\n{c},A,B,pet,,,\n{c},A,B,child,,{c},guardian\n\
             {c},A,B,adult,,,guardian\n{c},A,B,adult,,{typo},aunt\n{c},A\tx,,adult,,{c},guardian\n"
        );
        let errors = parse_persons(file.as_bytes()).expect_err("bad");
        assert!(
            errors
                .0
                .iter()
                .all(|e| e.value.as_deref() != Some(c) && e.value.as_deref() != Some(&typo))
        );
        assert_eq!(
            keys(errors),
            [
                at(2, "national_id", "nin-error-checksum"),
                at(3, "national_id", "nin-error-length"),
                at(4, "kind", "import-unknown-kind"),
                at(5, "child_national_id", "import-child-needs-no-relation"),
                at(5, "relation", "import-child-needs-no-relation"),
                at(6, "child_national_id", "import-adult-needs-child"),
                at(7, "child_national_id", "nin-error-checksum"),
                at(7, "relation", "import-unknown-relation"),
                at(8, "given_name", "import-control-chars"),
                at(8, "family_name", "import-required"),
                at(8, "child_national_id", "import-adult-needs-child"),
            ]
        );
    }

    #[test]
    fn bad_usernames_and_roles() {
        let file = "username,display_name,roles,units\nab,A,,\nkari nord,K,,\nola,O,boss,\n";
        let errors = parse_staff(file.as_bytes()).expect_err("bad");
        assert_eq!(errors.0[2].value.as_deref(), Some("boss"));
        assert_eq!(
            keys(errors),
            [
                at(2, "username", "import-bad-username"),
                at(3, "username", "import-bad-username"),
                at(4, "roles", "import-unknown-role"),
            ]
        );
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = parse_units(&bytes);
            let _ = parse_staff(&bytes);
            let _ = parse_persons(&bytes);
        }

        #[test]
        fn csv_like_input_never_panics(body in "[a-z0-9_|,; \"\r\n\u{FEFF}\u{7}]{0,300}") {
            for header in ["name,service_type\n", "username;display_name;roles;units\n",
                           "national_id,given_name,family_name,kind,unit,child_national_id,relation\n"] {
                let file = format!("{header}{body}");
                let _ = parse_units(file.as_bytes());
                let _ = parse_staff(file.as_bytes());
                let _ = parse_persons(file.as_bytes());
            }
        }
    }
}
