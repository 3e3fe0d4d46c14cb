use ettlag_core::policy::Purpose;
use ettlag_core::{PersonId, PersonKind, Role, RoleSet, ServiceType};
use ettlag_db::{DbError, NewPerson, NewStaff};

use crate::support::{as_actor, nin, store, world};

#[tokio::test]
async fn teacher_sees_exactly_the_children_of_their_unit() {
    let w = world().await;
    let a = as_actor(&w, &w.teacher_a);
    let list = a.children("", 0).await.expect("list");
    assert_eq!(
        list.iter().map(|c| c.id.clone()).collect::<Vec<_>>(),
        vec![w.child_a.clone()]
    );
    assert_eq!(list[0].units, vec!["Nordli skole".to_string()]);

    let detail = a.person(&w.child_a).await.expect("own child");
    assert_eq!(detail.person.given_name, "Ada");
    assert_eq!(detail.relations.len(), 1);
    assert_eq!(detail.relations[0].person_id, w.guardian_a);
    let guardian = a
        .person(&w.guardian_a)
        .await
        .expect("guardian of own child");
    assert_eq!(guardian.person.kind, PersonKind::Adult);

    let b = as_actor(&w, &w.teacher_b);
    assert!(
        b.children("", 0)
            .await
            .expect("list")
            .iter()
            .all(|c| c.id != w.child_a)
    );
    assert!(matches!(
        b.person(&w.guardian_a).await,
        Err(DbError::NotFound)
    ));
    w.db.remove().await;
}

#[tokio::test]
async fn a_hidden_child_looks_exactly_like_a_missing_one() {
    let w = world().await;
    let b = as_actor(&w, &w.teacher_b);
    let hidden = b.person(&w.child_a).await;
    let missing = b
        .person(&PersonId::from_trusted("no-such-person".into()))
        .await;
    assert!(matches!(hidden, Err(DbError::NotFound)));
    assert!(matches!(missing, Err(DbError::NotFound)));
    assert_eq!(
        format!("{:?}", hidden.err()),
        format!("{:?}", missing.err())
    );
    w.db.remove().await;
}

#[tokio::test]
async fn search_finds_by_name_and_national_id() {
    let w = world().await;
    let a = as_actor(&w, &w.teacher_a);
    assert_eq!(a.children("ad", 0).await.expect("by name").len(), 1);
    assert_eq!(a.children("zz", 0).await.expect("no match").len(), 0);
    let number = nin(2015, 3, 1);
    assert_eq!(
        a.children(number.as_str(), 0).await.expect("by nin").len(),
        1
    );
    w.db.remove().await;
}

#[tokio::test]
async fn municipalities_are_isolated() {
    let w = world().await;
    let s = store(&w);
    let other = s
        .create_tenant("Annenby kommune", "annenby")
        .await
        .expect("tenant");
    let admin2 = s.system_access(&other);
    let unit = admin2
        .create_unit("Nordli skole", ServiceType::School)
        .await
        .expect("same name is fine elsewhere");
    let staff = admin2
        .create_staff(NewStaff {
            username: "lærer.annenby".into(),
            display_name: "Lærer".into(),
            roles: RoleSet::new(vec![Role::Staff, Role::Admin]),
            units: vec![unit],
            password_hash: None,
        })
        .await
        .expect("staff");
    let actor = s.actor(&other, &staff).await.expect("load").expect("actor");
    let ctx = s.access(actor.clone(), Purpose::FollowUp, "t");
    assert!(matches!(
        ctx.person(&w.child_a).await,
        Err(DbError::NotFound)
    ));
    let admin_ctx = s.access(actor, Purpose::Administration, "t");
    assert!(matches!(
        admin_ctx.person(&w.child_a).await,
        Err(DbError::NotFound)
    ));
    assert!(admin_ctx.children("", 0).await.expect("list").is_empty());
    assert_eq!(admin_ctx.units().await.expect("units").len(), 1);
    w.db.remove().await;
}

#[tokio::test]
async fn staff_cannot_write_the_register_and_the_attempt_is_audited() {
    let w = world().await;
    let a = as_actor(&w, &w.teacher_a).for_purpose(Purpose::Administration);
    let attempt = a
        .create_person(NewPerson {
            kind: PersonKind::Child,
            national_id: Some(nin(2016, 1, 1)),
            given_name: "Ny".into(),
            family_name: "Person".into(),
        })
        .await;
    assert!(matches!(attempt, Err(DbError::Forbidden)));
    let unit = a.create_unit("Ny skole", ServiceType::School).await;
    assert!(matches!(unit, Err(DbError::Forbidden)));
    let log =
        w.db.store
            .audit_records(&w.tenant, 1000)
            .await
            .expect("log");
    let denials: Vec<_> = log
        .iter()
        .filter(|r| r.event.outcome == "deny" && r.event.actor_id == w.teacher_a.staff.as_str())
        .collect();
    assert_eq!(denials.len(), 2);
    assert!(log.iter().all(|r| r.event.resource_id != "Ny"));
    w.db.remove().await;
}

#[tokio::test]
async fn duplicates_are_conflicts_and_change_nothing() {
    let w = world().await;
    let admin = store(&w).system_access(&w.tenant);
    let again = admin
        .create_person(NewPerson {
            kind: PersonKind::Child,
            national_id: Some(nin(2015, 3, 1)),
            given_name: "Kopi".into(),
            family_name: "Testesen".into(),
        })
        .await;
    assert!(matches!(again, Err(DbError::Conflict(_))), "{again:?}");
    let unit = admin.create_unit("Nordli skole", ServiceType::School).await;
    assert!(matches!(unit, Err(DbError::Conflict(_))));
    let everyone = admin.children("", 0).await.expect("list");
    assert_eq!(everyone.len(), 2);
    // The audit chain survived the rolled-back attempts.
    let reports = store(&w).verify_audit().await.expect("verify");
    assert!(reports.iter().all(|r| r.result.is_ok()), "{reports:?}");
    w.db.remove().await;
}

#[tokio::test]
async fn a_deactivated_account_loses_its_sessions_and_tokens_at_once() {
    let w = world().await;
    let s = store(&w);
    let staff = w.teacher_a.staff.clone();
    let (session, _) = s.create_session(&w.tenant, &staff).await.expect("session");
    let token = s
        .create_api_token(&w.tenant, &staff, "t")
        .await
        .expect("token");
    let limits = ettlag_db::SessionLimits {
        idle_ms: 60_000,
        absolute_ms: 3_600_000,
    };

    // A colleague may not do it; the attempt is refused.
    let colleague = as_actor(&w, &w.teacher_b).for_purpose(Purpose::Administration);
    assert!(matches!(
        colleague.set_staff_active(&staff, false).await,
        Err(DbError::Forbidden)
    ));
    assert!(s.actor(&w.tenant, &staff).await.expect("load").is_some());

    let admin = s.system_access(&w.tenant);
    admin
        .set_staff_active(&staff, false)
        .await
        .expect("deactivate");
    assert!(s.actor(&w.tenant, &staff).await.expect("load").is_none());
    assert!(s.session(&session, limits).await.expect("load").is_none());
    assert_eq!(s.api_token(&token).await.expect("load"), None);
    let account = s.account("lærer.a").await.expect("load").expect("kept");
    assert!(
        !account.active,
        "the history stays, the account cannot sign in"
    );

    admin
        .set_staff_active(&staff, true)
        .await
        .expect("reactivate");
    assert!(s.actor(&w.tenant, &staff).await.expect("load").is_some());
    let nobody = ettlag_core::StaffId::from_trusted("nobody".into());
    assert!(matches!(
        admin.set_staff_active(&nobody, false).await,
        Err(DbError::NotFound)
    ));
    w.db.remove().await;
}

#[tokio::test]
async fn an_ended_enrolment_ends_the_teachers_access() {
    let w = world().await;
    let admin = store(&w).system_access(&w.tenant);
    let a = as_actor(&w, &w.teacher_a);
    assert!(a.person(&w.child_a).await.is_ok());
    let units = admin.units().await.expect("units");
    let nordli = units
        .iter()
        .find(|u| u.name == "Nordli skole")
        .expect("unit")
        .id
        .clone();
    // An end before the start is refused and changes nothing.
    assert!(matches!(
        admin.end_enrolment(&w.child_a, &nordli, "2020-01-01").await,
        Err(DbError::NotFound)
    ));
    admin
        .end_enrolment(&w.child_a, &nordli, "2022-06-20")
        .await
        .expect("end");
    assert!(
        matches!(a.person(&w.child_a).await, Err(DbError::NotFound)),
        "no longer the teacher's child"
    );
    let detail = admin
        .person(&w.child_a)
        .await
        .expect("admin sees the register");
    assert_eq!(
        detail.enrolments[0].to_date.as_deref(),
        Some("2022-06-20"),
        "the history stays"
    );
    assert!(matches!(
        admin.end_enrolment(&w.child_a, &nordli, "2023-01-01").await,
        Err(DbError::NotFound)
    ));
    let teacher_b = as_actor(&w, &w.teacher_b).for_purpose(Purpose::Administration);
    assert!(matches!(
        teacher_b
            .end_enrolment(&w.child_a, &nordli, "2023-01-01")
            .await,
        Err(DbError::Forbidden)
    ));
    w.db.remove().await;
}
