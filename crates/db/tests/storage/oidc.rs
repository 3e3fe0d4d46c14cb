//! What OpenID Connect sign-in keeps: a sign-in under way is taken once and
//! only in the browser that started it; a sign-out's state is taken once; the
//! provider's side of a session lives with the session; a logout sent by the
//! provider ends the sessions it names and no others; a logout token counts
//! once.

use ettlag_core::policy::citizen::Citizen;
use ettlag_db::{OidcAudience, OidcLogin, ProviderLogout, ProviderSession, SessionLimits};

use crate::support::{store, world};

const CITIZEN: OidcAudience = OidcAudience::Citizen;

fn login() -> OidcLogin {
    OidcLogin {
        nonce: "nonce".into(),
        verifier: "verifier".into(),
    }
}

fn provider(sid: &str) -> ProviderSession {
    ProviderSession {
        issuer: "https://idp.example".into(),
        subject: "subject-1".into(),
        sid: Some(sid.into()),
        id_token: format!("header.{sid}.sig"),
    }
}

#[tokio::test]
async fn a_sign_in_is_taken_once_and_only_in_the_browser_that_started_it() {
    let w = world().await;
    let s = store(&w);
    s.start_oidc_login(CITIZEN, "state-1", "browser-1", &login())
        .await
        .expect("start");
    s.start_oidc_login(CITIZEN, "state-2", "browser-2", &login())
        .await
        .expect("start");
    let taken = s
        .take_oidc_login(CITIZEN, "state-1", "browser-1")
        .await
        .expect("take")
        .expect("the browser that started it");
    assert_eq!(
        (taken.nonce.as_str(), taken.verifier.as_str()),
        ("nonce", "verifier")
    );
    assert!(
        s.take_oidc_login(CITIZEN, "state-1", "browser-1")
            .await
            .expect("again")
            .is_none()
    );
    // Another browser's callback is refused, and burns the sign-in.
    assert!(
        s.take_oidc_login(CITIZEN, "state-2", "browser-1")
            .await
            .expect("other")
            .is_none()
    );
    assert!(
        s.take_oidc_login(CITIZEN, "state-2", "browser-2")
            .await
            .expect("burnt")
            .is_none()
    );
    // A staff sign-in's state is not a citizen's.
    s.start_oidc_login(OidcAudience::Staff, "state-3", "browser-1", &login())
        .await
        .expect("start");
    assert!(
        s.take_oidc_login(CITIZEN, "state-3", "browser-1")
            .await
            .expect("take")
            .is_none()
    );
}

#[tokio::test]
async fn a_sign_out_state_is_taken_once_and_is_never_a_sign_in() {
    let w = world().await;
    let s = store(&w);
    s.start_oidc_logout(CITIZEN, "logout-state")
        .await
        .expect("logout");
    assert!(
        s.take_oidc_login(CITIZEN, "logout-state", "")
            .await
            .expect("take")
            .is_none()
    );
    s.start_oidc_logout(CITIZEN, "logout-state-2")
        .await
        .expect("logout");
    assert!(
        s.take_oidc_logout(CITIZEN, "logout-state-2")
            .await
            .expect("take")
    );
    assert!(
        !s.take_oidc_logout(CITIZEN, "logout-state-2")
            .await
            .expect("again")
    );
    assert!(
        !s.take_oidc_logout(CITIZEN, "made-up")
            .await
            .expect("unknown")
    );
}

#[tokio::test]
async fn the_providers_side_of_a_session_lives_with_the_session() {
    let w = world().await;
    let s = store(&w);
    let citizen = Citizen {
        tenant: w.tenant.clone(),
        person: w.guardian_a.clone(),
    };
    let session = s.create_citizen_session(&citizen).await.expect("session");
    let other = s.create_citizen_session(&citizen).await.expect("session");
    s.keep_provider_session(CITIZEN, &session, &provider("sid-1"), 3_600_000)
        .await
        .expect("keep");
    assert_eq!(
        s.provider_id_token(&session)
            .await
            .expect("read")
            .as_deref(),
        Some("header.sid-1.sig")
    );
    assert_eq!(s.provider_id_token(&other).await.expect("read"), None);
    s.delete_citizen_session(&session).await.expect("sign out");
    assert_eq!(s.provider_id_token(&session).await.expect("read"), None);
}

#[tokio::test]
async fn a_logout_from_the_provider_ends_the_sessions_it_names_and_no_others() {
    let w = world().await;
    let s = store(&w);
    let citizen = Citizen {
        tenant: w.tenant.clone(),
        person: w.guardian_a.clone(),
    };
    let limits = SessionLimits {
        idle_ms: 3_600_000,
        absolute_ms: 3_600_000,
    };
    let (one, two, local) = (
        s.create_citizen_session(&citizen).await.expect("session"),
        s.create_citizen_session(&citizen).await.expect("session"),
        s.create_citizen_session(&citizen).await.expect("session"),
    );
    for (token, sid) in [(&one, "sid-1"), (&two, "sid-2")] {
        s.keep_provider_session(CITIZEN, token, &provider(sid), 3_600_000)
            .await
            .expect("keep");
    }
    let by_sid = |sid| ProviderLogout {
        issuer: "https://idp.example",
        sid: Some(sid),
        subject: None,
    };
    let other_issuer = ProviderLogout {
        issuer: "https://other.example",
        ..by_sid("sid-1")
    };
    assert!(
        s.end_provider_sessions(CITIZEN, other_issuer)
            .await
            .expect("end")
            .is_empty()
    );
    let ended = s
        .end_provider_sessions(CITIZEN, by_sid("sid-1"))
        .await
        .expect("end");
    assert_eq!(ended.len(), 1);
    assert_eq!(ended[0].principal_id, w.guardian_a.as_str());
    assert!(
        s.citizen_session(&one, limits)
            .await
            .expect("read")
            .is_none()
    );
    assert!(
        s.citizen_session(&two, limits)
            .await
            .expect("read")
            .is_some()
    );
    // By subject: every session the provider started for them, not a local one.
    let by_subject = ProviderLogout {
        issuer: "https://idp.example",
        sid: None,
        subject: Some("subject-1"),
    };
    assert_eq!(
        s.end_provider_sessions(CITIZEN, by_subject)
            .await
            .expect("end")
            .len(),
        1
    );
    assert!(
        s.citizen_session(&two, limits)
            .await
            .expect("read")
            .is_none()
    );
    assert!(
        s.citizen_session(&local, limits)
            .await
            .expect("read")
            .is_some()
    );
}

#[tokio::test]
async fn a_logout_token_counts_once() {
    let w = world().await;
    let s = store(&w);
    assert!(s.first_logout_token("jti-1").await.expect("first"));
    assert!(!s.first_logout_token("jti-1").await.expect("replay"));
    assert!(s.first_logout_token("jti-2").await.expect("another"));
}
