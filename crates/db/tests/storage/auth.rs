use ettlag_db::{SessionLimits, Throttle};

use crate::support::{store, world};

#[tokio::test]
async fn sessions_expire_when_idle_or_too_old() {
    let w = world().await;
    let s = store(&w);
    let (token, _) = s
        .create_session(&w.tenant, &w.teacher_a.staff)
        .await
        .expect("session");
    let live = SessionLimits {
        idle_ms: 60_000,
        absolute_ms: 3_600_000,
    };
    assert!(s.session(&token, live).await.expect("load").is_some());
    assert!(
        s.session("not-a-token", live)
            .await
            .expect("load")
            .is_none()
    );
    let expired = SessionLimits {
        idle_ms: -1,
        absolute_ms: 3_600_000,
    };
    assert!(s.session(&token, expired).await.expect("load").is_none());
    // An expired session is gone for good.
    assert!(s.session(&token, live).await.expect("load").is_none());
    w.db.remove().await;
}

#[tokio::test]
async fn repeated_failures_lock_the_user_name() {
    let w = world().await;
    let s = store(&w);
    let throttle = Throttle {
        free: 2,
        base_lock_ms: 60_000,
        max_lock_ms: 120_000,
    };
    for _ in 0..2 {
        s.record_login_failure("Lærer.A", throttle)
            .await
            .expect("count");
    }
    assert_eq!(s.login_locked_for("lærer.a").await.expect("check"), 0);
    s.record_login_failure("lærer.a", throttle)
        .await
        .expect("count");
    assert!(s.login_locked_for("LÆRER.A").await.expect("check") > 50_000);
    s.clear_login_failures("lærer.a").await.expect("clear");
    assert_eq!(s.login_locked_for("lærer.a").await.expect("check"), 0);
    w.db.remove().await;
}

#[tokio::test]
async fn api_tokens_name_their_owner() {
    let w = world().await;
    let s = store(&w);
    let token = s
        .create_api_token(&w.tenant, &w.teacher_a.staff, "test")
        .await
        .expect("token");
    assert_eq!(
        s.api_token(&token).await.expect("load"),
        Some((w.tenant.clone(), w.teacher_a.staff.clone()))
    );
    assert_eq!(s.api_token("ettlag_wrong").await.expect("load"), None);
    w.db.remove().await;
}
