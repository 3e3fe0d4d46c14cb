use ettlag_core::import::{parse_persons, parse_staff, parse_units};
use ettlag_core::policy::Purpose;
use ettlag_core::{RelationKind, Role, RoleSet};
use ettlag_db::{DbError, NewStaff, today};

use crate::support::{as_actor, nin, store, world};

#[tokio::test]
async fn a_good_file_goes_in_completely_and_is_audited() {
    let w = world().await;
    let admin = store(&w).system_access(&w.tenant);
    let units = parse_units(
        "name,service_type\nSolsikken barnehage,kindergarten\nHelsestasjonen,health_station\n"
            .as_bytes(),
    )
    .expect("units file");
    assert_eq!(admin.import_units(units).await.expect("store"), Ok(2));

    let staff = parse_staff(
        "username,display_name,roles,units\nhelse.1,Helse En,staff,Helsestasjonen|nordli skole\n"
            .as_bytes(),
    )
    .expect("staff file");
    assert_eq!(admin.import_staff(staff, None).await.expect("store"), Ok(1));
    let member = admin
        .staff()
        .await
        .expect("staff")
        .into_iter()
        .find(|s| s.username.as_deref() == Some("helse.1"))
        .expect("imported");
    assert!(member.roles.has(Role::Staff));
    assert_eq!(member.units.len(), 2, "names are matched ignoring case");
    let account = store(&w).account("helse.1").await.expect("read");
    assert!(account.expect("account").password_hash.is_none());

    let (kid, mum, existing) = (nin(2019, 2, 3), nin(1990, 4, 5), nin(2015, 3, 1));
    let (kid, mum, existing) = (kid.as_str(), mum.as_str(), existing.as_str());
    let file = format!(
        "national_id;given_name;family_name;kind;unit;child_national_id;relation\n\
         {kid};Kaja;Importsen;child;Solsikken barnehage;;\n\
         {mum};Mia;Importsen;adult;;{kid};guardian\n\
         {mum};Mia;Importsen;adult;;{existing};close_person\n"
    );
    let rows = parse_persons(file.as_bytes()).expect("persons file");
    assert_eq!(admin.import_persons(rows).await.expect("store"), Ok(3));

    let children = admin.children("kaja", 0).await.expect("list");
    assert_eq!(children.len(), 1);
    let detail = admin.person(&children[0].id).await.expect("child");
    assert_eq!(detail.enrolments.len(), 1);
    assert_eq!(detail.enrolments[0].unit_name, "Solsikken barnehage");
    assert_eq!(detail.enrolments[0].from_date, today());
    assert_eq!(detail.relations.len(), 1);
    assert_eq!(detail.relations[0].kind, RelationKind::Guardian);
    let ada = admin.person(&w.child_a).await.expect("registered child");
    assert_eq!(ada.relations.len(), 2, "Gro and now Mia");
    assert_eq!(admin.register_counts().await.expect("counts"), (3, 2));

    let log = store(&w)
        .audit_records(&w.tenant, 10_000)
        .await
        .expect("log");
    let created = |t: &str| {
        log.iter()
            .filter(|r| r.event.actor_id == "system" && r.event.action == "create")
            .filter(|r| r.event.resource_type == t && r.event.purpose == "administration")
            .count()
    };
    // The world made 2 units, 2 staff and 3 persons before the imports.
    assert_eq!(
        (created("unit"), created("staff"), created("person")),
        (4, 3, 5)
    );
    let reports = store(&w).verify_audit().await.expect("verify");
    assert!(reports.iter().all(|r| r.result.is_ok()), "{reports:?}");
    w.db.remove().await;
}

#[tokio::test]
async fn one_bad_row_imports_nothing_and_names_its_line() {
    let w = world().await;
    let admin = store(&w).system_access(&w.tenant);
    let (a, b, taken) = (nin(2018, 1, 2), nin(2018, 2, 3), nin(2015, 3, 1));
    let file = format!(
        "national_id,given_name,family_name,kind,unit,child_national_id,relation\n\
         {},Anna,Feilsen,child,Nordli skole,,\n\
         {},Bent,Feilsen,child,Ukjent skole,,\n",
        a.as_str(),
        b.as_str()
    );
    let rows = parse_persons(file.as_bytes()).expect("well-formed");
    let errors = admin
        .import_persons(rows)
        .await
        .expect("store")
        .expect_err("a bad row");
    assert_eq!(errors.0.len(), 1);
    assert_eq!(
        (errors.0[0].line, errors.0[0].message_key),
        (3, "import-unit-not-found")
    );
    assert_eq!(admin.children("", 0).await.expect("list").len(), 2);

    // Every problem is reported, each with its line.
    let orphan = nin(2001, 1, 1);
    let file = format!(
        "national_id,given_name,family_name,kind,unit,child_national_id,relation\n\
         {},Anna,Feilsen,child,,,\n{},Kopi,Testesen,child,,,\n{},Far,Feilsen,adult,,{},guardian\n",
        a.as_str(),
        taken.as_str(),
        nin(1980, 1, 1).as_str(),
        orphan.as_str(),
    );
    let rows = parse_persons(file.as_bytes()).expect("well-formed");
    let errors = admin
        .import_persons(rows)
        .await
        .expect("store")
        .expect_err("bad");
    let found: Vec<_> = errors.0.iter().map(|e| (e.line, e.message_key)).collect();
    assert_eq!(
        found,
        [
            (3, "import-national-id-registered"),
            (4, "import-child-not-found")
        ]
    );

    let units = parse_units(b"name,service_type\nNy enhet,school\nnordli SKOLE,school\n")
        .expect("well-formed");
    let errors = admin
        .import_units(units)
        .await
        .expect("store")
        .expect_err("taken");
    assert_eq!(
        (errors.0[0].line, errors.0[0].message_key),
        (3, "import-unit-exists")
    );
    admin
        .create_staff(NewStaff {
            username: "kari.n".into(),
            display_name: "Kari".into(),
            roles: RoleSet::new(vec![Role::Staff]),
            units: vec![],
            password_hash: None,
        })
        .await
        .expect("staff");
    let staff = parse_staff(
        b"username,display_name,roles,units\nKari.N,Kopi,staff,\nny.ansatt,Ny,staff,Borte\n",
    )
    .expect("well-formed");
    let errors = admin
        .import_staff(staff, None)
        .await
        .expect("store")
        .expect_err("bad");
    let found: Vec<_> = errors.0.iter().map(|e| (e.line, e.message_key)).collect();
    assert_eq!(
        found,
        [(2, "import-username-taken"), (3, "import-unit-not-found")]
    );
    assert_eq!(admin.units().await.expect("units").len(), 2);
    assert_eq!(admin.staff().await.expect("staff").len(), 3);
    assert_eq!(admin.register_counts().await.expect("counts"), (2, 1));
    w.db.remove().await;
}

#[tokio::test]
async fn staff_cannot_import_and_the_attempt_is_audited() {
    let w = world().await;
    let teacher = as_actor(&w, &w.teacher_a).for_purpose(Purpose::Administration);
    let file = format!(
        "national_id,given_name,family_name,kind,unit,child_national_id,relation\n{},Ulovlig,Import,child,,,\n",
        nin(2017, 5, 5).as_str()
    );
    let rows = parse_persons(file.as_bytes()).expect("well-formed");
    assert!(matches!(
        teacher.import_persons(rows).await,
        Err(DbError::Forbidden)
    ));
    let units = parse_units(b"name,service_type\nHemmelig,school\n").expect("well-formed");
    assert!(matches!(
        teacher.import_units(units).await,
        Err(DbError::Forbidden)
    ));
    let admin = store(&w).system_access(&w.tenant);
    assert_eq!(admin.register_counts().await.expect("counts"), (2, 1));
    assert_eq!(admin.units().await.expect("units").len(), 2);
    let log = store(&w).audit_records(&w.tenant, 1000).await.expect("log");
    let denials: Vec<_> = log
        .iter()
        .filter(|r| r.event.actor_id == w.teacher_a.staff.as_str() && r.event.outcome == "deny")
        .map(|r| (r.event.action.as_str(), r.event.resource_type.as_str()))
        .collect();
    assert_eq!(denials, [("create", "person"), ("create", "unit")]);
    w.db.remove().await;
}

#[tokio::test]
async fn ten_thousand_rows_go_in_as_one_import() {
    let w = world().await;
    let admin = store(&w).system_access(&w.tenant);
    let mut file =
        String::from("national_id,given_name,family_name,kind,unit,child_national_id,relation\n");
    let mut count = 0;
    'outer: for year in 2006..2024u16 {
        for month in 1..=12u8 {
            for day in 1..=28u8 {
                for individual in (500..1000).step_by(7) {
                    let birth = ettlag_core::nin::BirthDate { year, month, day };
                    if let Some(n) = ettlag_core::NationalId::synthetic(birth, individual) {
                        file.push_str(&format!(
                            "{},Barn{count},Massesen,child,Nordli skole,,\n",
                            n.as_str()
                        ));
                        count += 1;
                        if count == 10_000 {
                            break 'outer;
                        }
                    }
                }
            }
        }
    }
    let rows = parse_persons(file.as_bytes()).expect("valid");
    assert_eq!(rows.len(), 10_000);
    let started = std::time::Instant::now();
    assert_eq!(admin.import_persons(rows).await.expect("store"), Ok(10_000));
    eprintln!("10,000 persons imported in {:?}", started.elapsed());
    assert_eq!(admin.register_counts().await.expect("counts"), (10_002, 1));
    w.db.remove().await;
}
