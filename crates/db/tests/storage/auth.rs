use ettlag_db::SessionLimits;

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
