//! New recovery codes on one's own page, and an administrator's reset of a
//! lost second factor, as stored: what changes, what is refused without a
//! change, and the access log of each, on SQLite and PostgreSQL alike.

use ettlag_core::policy::{Actor, Purpose};
use ettlag_core::second_factor::SecondStep;
use ettlag_core::{Role, RoleSet, StaffId};
use ettlag_db::{AccessContext, CodeOutcome, DbError, NewStaff, SECOND_FACTOR_REQUIRED};

use crate::second_factor::{code, enrolled, now};
use crate::support::{World, store, world};

/// The access log's (outcome, reason) for `action` on `resource` about
/// `staff`.
async fn logged(w: &World, resource: &str, action: &str, staff: &StaffId) -> Vec<(String, String)> {
    let log = store(w)
        .audit_records(&w.tenant, 10_000)
        .await
        .expect("log");
    log.iter()
        .map(|r| &r.event)
        .filter(|e| e.resource_type == resource && e.action == action)
        .filter(|e| e.resource_id == staff.as_str())
        .map(|e| (e.outcome.clone(), e.reason.clone()))
        .collect()
}

/// An administrator of the municipality with a staff account of their own.
async fn administrator(w: &World) -> (Actor, AccessContext) {
    let s = store(w);
    let id = s
        .system_access(&w.tenant)
        .create_staff(NewStaff {
            username: "admin".into(),
            display_name: "Admin".into(),
            roles: RoleSet::new(vec![Role::Admin]),
            units: vec![],
            password_hash: None,
        })
        .await
        .expect("staff");
    let actor = s.actor(&w.tenant, &id).await.expect("load").expect("actor");
    let ctx = s.access(actor.clone(), Purpose::Administration, "test");
    (actor, ctx)
}

#[tokio::test]
async fn new_recovery_codes_take_a_current_code_and_the_old_ones_stop_working_at_once() {
    let w = world().await;
    let (s, staff) = (store(&w), &w.teacher_a.staff);
    let (secret, old) = enrolled(&w).await;
    let long = "1".repeat(10_000);
    for typed in ["", "000000", "not a code", long.as_str()] {
        let refused = s
            .renew_recovery_codes(&w.tenant, staff, typed, "test")
            .await
            .expect("renew");
        assert_eq!(refused, Err(CodeOutcome::Wrong), "{typed:.20}");
    }
    let status = s.second_factor_status(&w.tenant, staff).await;
    assert_eq!(status.expect("status").recovery_codes_left, 10);

    let new = s
        .renew_recovery_codes(&w.tenant, staff, &code(&secret, now() + 30), "test")
        .await
        .expect("renew")
        .expect("a right code");
    assert_eq!(new.len(), 10);
    assert!(new.iter().all(|c| !old.contains(c)), "all new");
    let tenant = &w.tenant;
    let check = |typed: String| async move {
        s.check_second_factor(tenant, staff, &typed, "test")
            .await
            .expect("check")
    };
    assert_eq!(check(old[0].clone()).await, CodeOutcome::Wrong);
    assert_eq!(check(new[0].clone()).await, CodeOutcome::Recovery);
    // A recovery code asks for a new set too, and is used up by it.
    let newer = s
        .renew_recovery_codes(&w.tenant, staff, &new[1], "test")
        .await
        .expect("renew")
        .expect("an unused recovery code");
    assert_eq!(check(new[2].clone()).await, CodeOutcome::Wrong);
    assert_eq!(check(newer[0].clone()).await, CodeOutcome::Recovery);
    // Teacher B has no factor to renew codes of.
    let none = s
        .renew_recovery_codes(&w.tenant, &w.teacher_b.staff, &newer[1], "test")
        .await
        .expect("renew");
    assert_eq!(none, Err(CodeOutcome::NotEnrolled));

    let reasons: Vec<String> = logged(&w, "recovery_codes", "create", staff)
        .await
        .into_iter()
        .map(|(outcome, reason)| format!("{outcome} {reason}"))
        .collect();
    assert_eq!(
        reasons,
        [
            "deny wrong_code",
            "deny wrong_code",
            "deny wrong_code",
            "deny wrong_code",
            "allow totp",
            "allow recovery_code"
        ]
    );
    w.db.remove().await;
}

#[tokio::test]
async fn an_administrator_resets_a_lost_factor_and_the_next_sign_in_asks_to_enrol_again() {
    let w = world().await;
    let (s, staff) = (store(&w), &w.teacher_a.staff);
    let (admin, ctx) = administrator(&w).await;
    s.system_access(&w.tenant)
        .set_setting(SECOND_FACTOR_REQUIRED.name, 1)
        .await
        .expect("setting");
    let (_, codes) = enrolled(&w).await;
    assert_eq!(
        ctx.staff_with_second_factor().await.expect("list"),
        std::slice::from_ref(staff)
    );
    let (token, _) = s
        .create_sign_in_step(&w.tenant, staff, SecondStep::Code)
        .await
        .expect("step");

    assert!(ctx.reset_second_factor(staff).await.expect("reset"));
    let status = s.second_factor_status(&w.tenant, staff).await;
    assert_eq!(status.expect("status"), Default::default());
    assert_eq!(
        s.second_step(&w.tenant, staff).await.expect("step"),
        SecondStep::Enrol
    );
    assert!(
        s.sign_in_step(&token).await.expect("load").is_none(),
        "a sign-in half-way through the old factor starts again"
    );
    let old = s
        .check_second_factor(&w.tenant, staff, &codes[0], "test")
        .await;
    assert_eq!(old.expect("check"), CodeOutcome::NotEnrolled);
    assert!(
        ctx.staff_with_second_factor()
            .await
            .expect("list")
            .is_empty()
    );
    assert!(
        !ctx.reset_second_factor(staff).await.expect("again"),
        "nothing left to reset"
    );

    let log = store(&w)
        .audit_records(&w.tenant, 10_000)
        .await
        .expect("log");
    let resets: Vec<_> = log
        .iter()
        .map(|r| &r.event)
        .filter(|e| e.resource_type == "second_factor_reset")
        .collect();
    assert_eq!(resets.len(), 2);
    assert!(resets.iter().all(|e| e.actor_id == admin.staff.as_str()
        && e.resource_id == staff.as_str()
        && e.outcome == "allow"
        && e.reason == "administration"));
    w.db.remove().await;
}

#[tokio::test]
async fn only_an_administrator_resets_and_never_their_own_factor_nor_an_unknown_one() {
    let w = world().await;
    let (s, staff) = (store(&w), &w.teacher_a.staff);
    let (admin, ctx) = administrator(&w).await;
    enrolled(&w).await;
    let teacher_b = s.access(w.teacher_b.clone(), Purpose::Administration, "test");
    assert!(matches!(
        teacher_b.reset_second_factor(staff).await,
        Err(DbError::Forbidden)
    ));
    assert!(
        teacher_b.staff_with_second_factor().await.is_err(),
        "nor may they see who has one"
    );
    assert!(matches!(
        ctx.reset_second_factor(&admin.staff).await,
        Err(DbError::Conflict(_))
    ));
    let unknown = StaffId::from_trusted("no-such-staff".into());
    assert!(matches!(
        ctx.reset_second_factor(&unknown).await,
        Err(DbError::NotFound)
    ));
    let status = s.second_factor_status(&w.tenant, staff).await;
    assert!(status.expect("status").enrolled(), "nothing changed");

    assert_eq!(
        logged(&w, "second_factor_reset", "create", staff).await,
        [("deny".to_string(), "role_does_not_allow".to_string())]
    );
    assert_eq!(
        logged(&w, "second_factor_reset", "create", &admin.staff).await,
        [("deny".to_string(), "own_account".to_string())]
    );
    assert_eq!(
        logged(&w, "second_factor_reset", "create", &unknown).await,
        [("deny".to_string(), "unknown_subject".to_string())]
    );
    w.db.remove().await;
}
