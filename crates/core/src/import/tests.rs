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
    let file = "\u{FEFF} ; \r\nService_Type ; NAME;note\r\n\r\n;;\r\n\
                health_station; Helsestasjonen ;x\r\n";
    let rows = parse_units(file.as_bytes()).expect("valid");
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].line, rows[0].name.as_str()), (5, "Helsestasjonen"));
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
    for empty in [&b""[..], b"\xEF\xBB\xBF\n", b"name,service_type\n,\n \n"] {
        let errors = parse_units(empty).expect_err("empty");
        assert!(errors.to_string().starts_with("1 error(s)"));
        assert_eq!(keys(errors), [(1, None, "import-empty")]);
    }
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
    let units = keys(parse_units(b"name,service_type\nA,school\nB,gp\na,nav\n").expect_err("dup"));
    assert_eq!(units, [at(4, "name", "import-duplicate")]);
    let staff = keys(
        parse_staff(b"username,display_name,roles,units\nkari,K,,\nKARI,K,,\n").expect_err("dup"),
    );
    assert_eq!(staff, [at(3, "username", "import-duplicate")]);
    let (child, adult, other) = (nin(2016, 1, 5), nin(1980, 2, 3), nin(1990, 4, 4));
    let (c, d, o) = (child.as_str(), adult.as_str(), other.as_str());
    let file = format!(
        "kind,national_id,given_name,family_name,unit,child_national_id,relation\n\
         child,{c},A,B,,,\nchild,{c},A,B,,,\nadult,{d},C,D,,{c},guardian\n\
         adult,{d},C,D,,{c},guardian\nadult,{d},X,D,,{c},guardian\n\
         adult,{o},E,F,,{d},guardian\n"
    );
    let persons = keys(parse_persons(file.as_bytes()).expect_err("dup"));
    assert_eq!(
        persons,
        [
            at(3, "national_id", "import-duplicate"),
            at(5, "child_national_id", "import-duplicate"),
            at(6, "national_id", "import-duplicate"),
            at(7, "child_national_id", "import-adult-needs-child"),
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
        let persons = "national_id,given_name,family_name,kind,\
                       unit,child_national_id,relation\n";
        for header in ["name,service_type\n", "username;display_name;roles;units\n", persons] {
            let file = format!("{header}{body}");
            let _ = parse_units(file.as_bytes());
            let _ = parse_staff(file.as_bytes());
            let _ = parse_persons(file.as_bytes());
        }
    }
}
