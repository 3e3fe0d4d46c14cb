//! The second factor of local staff accounts as stored: enrolment with the
//! first code, codes used once, recovery codes used once, the municipality
//! setting, removal, half-done sign-ins, and the access log of each. The
//! expected codes are computed from the secret with `totp-rs` itself.

use std::time::{SystemTime, UNIX_EPOCH};

use ettlag_core::second_factor::{SecondStep, TotpSecret};
use ettlag_core::{Role, RoleSet, StaffId};
use ettlag_db::{CodeOutcome, DbError, NewStaff, SECOND_FACTOR_REQUIRED};
use totp_rs::{Algorithm, Builder, Secret};

use crate::support::{World, store, world};

pub(crate) fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
}

/// The app's code for `secret` at `time` (seconds), as an authenticator
/// app computes it.
pub(crate) fn code(secret: &TotpSecret, time: u64) -> String {
    let secret = Secret::try_from_base32(secret.to_base32()).expect("base32");
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_step_duration(30)
        .with_secret(secret)
        .build()
        .expect("a valid secret")
        .generate(time)
        .to_string()
}

/// Enrols teacher A with a code of now; returns the secret and the codes.
pub(crate) async fn enrolled(w: &World) -> (TotpSecret, Vec<String>) {
    let (s, staff) = (store(w), &w.teacher_a.staff);
    let secret = s
        .begin_enrolment(&w.tenant, staff)
        .await
        .expect("begin")
        .secret;
    let codes = s
        .confirm_enrolment(&w.tenant, staff, &code(&secret, now()), "test")
        .await
        .expect("confirm")
        .expect("the right code");
    (secret, codes)
}

/// The reasons the access log gives for `action` on teacher A's factor.
async fn logged(w: &World, action: &str) -> Vec<(String, String)> {
    let log = store(w)
        .audit_records(&w.tenant, 10_000)
        .await
        .expect("log");
    log.iter()
        .map(|r| &r.event)
        .filter(|e| e.resource_type == "second_factor" && e.action == action)
        .filter(|e| e.resource_id == w.teacher_a.staff.as_str())
        .map(|e| (e.outcome.clone(), e.reason.clone()))
        .collect()
}

#[tokio::test]
async fn enrolment_counts_from_the_first_right_code_and_hands_out_ten_recovery_codes() {
    let w = world().await;
    let (s, staff) = (store(&w), &w.teacher_a.staff);
    let secret = s
        .begin_enrolment(&w.tenant, staff)
        .await
        .expect("begin")
        .secret;
    let again = s.begin_enrolment(&w.tenant, staff).await.expect("again");
    assert_eq!(again.secret, secret, "a reload shows the same QR code");
    let wrong = code(&secret, now() + 300);
    let refused = s
        .confirm_enrolment(&w.tenant, staff, &wrong, "test")
        .await
        .expect("confirm");
    assert_eq!(refused, Err(CodeOutcome::Wrong));
    assert!(
        !s.second_factor_status(&w.tenant, staff)
            .await
            .expect("status")
            .enrolled()
    );

    let codes = s
        .confirm_enrolment(&w.tenant, staff, &code(&secret, now()), "test")
        .await
        .expect("confirm")
        .expect("the right code");
    assert_eq!(codes.len(), 10);
    let status = s
        .second_factor_status(&w.tenant, staff)
        .await
        .expect("status");
    assert!(status.enrolled());
    assert_eq!(status.recovery_codes_left, 10);
    assert!(matches!(
        s.begin_enrolment(&w.tenant, staff).await,
        Err(DbError::Refused("second-factor-error-enrolled"))
    ));
    assert_eq!(
        logged(&w, "create").await,
        vec![
            ("deny".to_string(), "wrong_code".to_string()),
            ("allow".to_string(), "totp".to_string())
        ]
    );
    w.db.remove().await;
}

#[tokio::test]
async fn a_code_from_the_app_is_accepted_once_and_never_for_an_earlier_step() {
    let w = world().await;
    let (s, staff) = (store(&w), &w.teacher_a.staff);
    let (secret, _) = enrolled(&w).await;
    let tenant = &w.tenant;
    let check = |typed: String| async move {
        s.check_second_factor(tenant, staff, &typed, "test")
            .await
            .expect("check")
    };
    let t = now();
    assert_eq!(check(code(&secret, t)).await, CodeOutcome::Replayed);
    assert_eq!(check(code(&secret, t + 30)).await, CodeOutcome::App);
    assert_eq!(check(code(&secret, t + 30)).await, CodeOutcome::Replayed);
    assert_eq!(check(code(&secret, t - 30)).await, CodeOutcome::Replayed);
    assert_eq!(check(code(&secret, t + 600)).await, CodeOutcome::Wrong);
    assert_eq!(check("not a code".into()).await, CodeOutcome::Wrong);
    let reasons: Vec<String> = logged(&w, "sign_in")
        .await
        .into_iter()
        .map(|l| l.1)
        .collect();
    assert_eq!(
        reasons,
        [
            "replayed_code",
            "totp",
            "replayed_code",
            "replayed_code",
            "wrong_code",
            "wrong_code"
        ]
    );
    w.db.remove().await;
}

#[tokio::test]
async fn a_recovery_code_works_once_in_any_typing() {
    let w = world().await;
    let (s, staff) = (store(&w), &w.teacher_a.staff);
    let (_, codes) = enrolled(&w).await;
    let typed = codes[3].to_uppercase().replace('-', " ");
    let first = s
        .check_second_factor(&w.tenant, staff, &typed, "test")
        .await;
    assert_eq!(first.expect("check"), CodeOutcome::Recovery);
    let again = s
        .check_second_factor(&w.tenant, staff, &codes[3], "test")
        .await;
    assert_eq!(again.expect("check"), CodeOutcome::Wrong);
    let status = s
        .second_factor_status(&w.tenant, staff)
        .await
        .expect("status");
    assert_eq!(status.recovery_codes_left, 9);
    // Teacher B has no factor: A's codes open nothing of B's.
    let other = s
        .check_second_factor(&w.tenant, &w.teacher_b.staff, &codes[4], "test")
        .await;
    assert_eq!(other.expect("check"), CodeOutcome::NotEnrolled);
    w.db.remove().await;
}

#[tokio::test]
async fn the_setting_makes_staff_who_read_personal_data_enrol_and_leaves_leaders_of_figures_alone()
{
    let w = world().await;
    let s = store(&w);
    let admin = s.system_access(&w.tenant);
    let leader: StaffId = admin
        .create_staff(NewStaff {
            username: "kommunalsjef".into(),
            display_name: "Kommunalsjef".into(),
            roles: RoleSet::new(vec![Role::MunicipalityLeader]),
            units: vec![],
            password_hash: None,
        })
        .await
        .expect("staff");
    let teacher = &w.teacher_a.staff;
    assert_eq!(
        s.second_step(&w.tenant, teacher).await.expect("step"),
        SecondStep::None
    );
    admin
        .set_setting(SECOND_FACTOR_REQUIRED.name, 1)
        .await
        .expect("setting");
    assert_eq!(
        s.second_step(&w.tenant, teacher).await.expect("step"),
        SecondStep::Enrol
    );
    assert_eq!(
        s.second_step(&w.tenant, &leader).await.expect("step"),
        SecondStep::None
    );
    enrolled(&w).await;
    assert_eq!(
        s.second_step(&w.tenant, teacher).await.expect("step"),
        SecondStep::Code
    );
    admin
        .set_setting(SECOND_FACTOR_REQUIRED.name, 0)
        .await
        .expect("setting");
    assert_eq!(
        s.second_step(&w.tenant, teacher).await.expect("step"),
        SecondStep::Code,
        "an enrolled factor is asked for whatever the setting"
    );
    w.db.remove().await;
}

#[tokio::test]
async fn removing_the_factor_takes_a_current_code_and_takes_the_recovery_codes_with_it() {
    let w = world().await;
    let (s, staff) = (store(&w), &w.teacher_a.staff);
    let (secret, codes) = enrolled(&w).await;
    let wrong = s
        .remove_second_factor(&w.tenant, staff, "000000", "test")
        .await;
    let wrong = wrong.expect("remove");
    assert!(!wrong.accepted());
    assert!(
        s.second_factor_status(&w.tenant, staff)
            .await
            .expect("status")
            .enrolled()
    );
    let right = code(&secret, now() + 30);
    let removed = s
        .remove_second_factor(&w.tenant, staff, &right, "test")
        .await;
    assert_eq!(removed.expect("remove"), CodeOutcome::App);
    let status = s
        .second_factor_status(&w.tenant, staff)
        .await
        .expect("status");
    assert_eq!(status, Default::default());
    let old = s
        .check_second_factor(&w.tenant, staff, &codes[0], "test")
        .await;
    assert_eq!(old.expect("check"), CodeOutcome::NotEnrolled);
    let log = logged(&w, "delete").await;
    assert_eq!(log.len(), 2);
    assert_eq!(log[1], ("allow".to_string(), "totp".to_string()));
    // A new enrolment gets a new secret.
    let fresh = s.begin_enrolment(&w.tenant, staff).await.expect("begin");
    assert_ne!(fresh.secret, secret);
    w.db.remove().await;
}

#[tokio::test]
async fn a_half_done_sign_in_ends_after_five_wrong_codes() {
    let w = world().await;
    let (s, staff) = (store(&w), &w.teacher_a.staff);
    let (token, step) = s
        .create_sign_in_step(&w.tenant, staff, SecondStep::Enrol)
        .await
        .expect("step");
    let loaded = s.sign_in_step(&token).await.expect("load").expect("live");
    assert_eq!(loaded.kind, SecondStep::Enrol);
    assert_eq!(loaded.csrf_token, step.csrf_token);
    assert_eq!(loaded.staff_id, *staff);
    for _ in 0..4 {
        assert!(s.sign_in_step_failed(&token).await.expect("count"));
    }
    assert_eq!(
        s.sign_in_step(&token)
            .await
            .expect("load")
            .map(|s| s.failures),
        Some(4)
    );
    assert!(!s.sign_in_step_failed(&token).await.expect("count"));
    assert!(s.sign_in_step(&token).await.expect("load").is_none());
    // A half-done sign-in is no session.
    let limits = ettlag_db::SessionLimits {
        idle_ms: 60_000,
        absolute_ms: 60_000,
    };
    assert!(s.session(&token, limits).await.expect("load").is_none());
    assert!(
        s.sign_in_step("no-such-token")
            .await
            .expect("load")
            .is_none()
    );
    w.db.remove().await;
}
