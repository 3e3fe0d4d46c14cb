//! What signing out at the identity provider keeps: a session's ID token
//! (until the session ends), and a sign-out's state (taken once). Neither
//! can be used as a login under way, and a new login does not clear them.

use ettlag_core::policy::citizen::Citizen;
use ettlag_db::SessionLimits;

use crate::support::{store, world};

#[tokio::test]
async fn a_sessions_id_token_lives_with_the_session_and_a_logout_state_is_taken_once() {
    let w = world().await;
    let s = store(&w);
    let citizen = Citizen {
        tenant: w.tenant.clone(),
        person: w.guardian_a.clone(),
    };
    let session = s.create_citizen_session(&citizen).await.expect("session");
    let other = s.create_citizen_session(&citizen).await.expect("session");
    s.keep_citizen_id_token(&session, "header.claims.sig", 3_600_000)
        .await
        .expect("keep");
    // A new login under way does not clear the ID token.
    s.start_oidc_login("login-state", "nonce", "verifier")
        .await
        .expect("login");
    assert_eq!(
        s.citizen_id_token(&session).await.expect("read").as_deref(),
        Some("header.claims.sig")
    );
    assert_eq!(s.citizen_id_token(&other).await.expect("read"), None);

    // A sign-out's state is no login state, and is taken once.
    s.start_oidc_logout("logout-state").await.expect("logout");
    assert_eq!(s.take_oidc_login("logout-state").await.expect("take"), None);
    assert!(s.take_oidc_logout("logout-state").await.expect("take"));
    assert!(!s.take_oidc_logout("logout-state").await.expect("again"));
    assert!(!s.take_oidc_logout("login-state").await.expect("a login"));
    assert!(!s.take_oidc_logout("made-up").await.expect("unknown"));
    // The login under way is still there for its callback.
    assert_eq!(
        s.take_oidc_login("login-state").await.expect("take"),
        Some(("nonce".to_string(), "verifier".to_string()))
    );

    // Ending the session forgets its ID token.
    s.delete_citizen_session(&session).await.expect("delete");
    assert_eq!(s.citizen_id_token(&session).await.expect("read"), None);
    let limits = SessionLimits {
        idle_ms: 3_600_000,
        absolute_ms: 3_600_000,
    };
    assert!(
        s.citizen_session(&session, limits)
            .await
            .expect("load")
            .is_none()
    );
}
