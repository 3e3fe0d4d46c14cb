//! Accounts made by the municipality's rule at a first sign-in: only when
//! the provider's groups map to a role, with the provider's user name and
//! no local password, in the access log; a taken user name makes nothing.

use ettlag_web::oidc::StaffSignIn;
use reqwest::StatusCode;

use super::super::portal::oidc::start_idp;
use super::{admin, sso, units_of, with_rules};
use crate::world::World as App;

#[tokio::test]
async fn where_the_rule_says_so_a_newcomer_whose_groups_give_a_role_gets_an_account() {
    let app = App::start().await;
    let idp = start_idp().await;
    let rules = StaffSignIn {
        subject_claim: "oid".into(),
        match_claim: Some("preferred_username".into()),
        create_accounts_in: Some("testvik".into()),
        ..StaffSignIn::default()
    };
    let base = with_rules(&app, &idp, rules).await;
    let issuer = idp.lock().expect("lock").base.clone();

    // Groups that map to nothing open nothing: no account is made.
    let (status, _, page) = sso(&app, &idp, &base, "ny.ansatt", "oid-new", &["g-new"]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(page.contains("ikke koblet"), "{page}");
    let store = &app.db.store;
    assert!(
        store
            .staff_by_identity(&issuer, "oid-new")
            .await
            .expect("read")
            .is_none()
    );

    let (admin, csrf) = admin(&app, &base).await;
    let r = admin
        .post(format!("{base}/admin/sign-in/add"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("group", "g-new"),
            ("role", "staff"),
            ("unit", app.school_a.as_str()),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    // Now the newcomer gets an account with the mapped role and unit.
    let (status, browser, to) = sso(&app, &idp, &base, "ny.ansatt", "oid-new", &["g-new"]).await;
    assert_eq!((status, to.as_str()), (StatusCode::SEE_OTHER, "/children"));
    let r = browser
        .get(format!("{base}/children"))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        units_of(&app, &issuer, "oid-new").await,
        vec![app.school_a.to_string()]
    );
    let account = store.account("ny.ansatt").await.expect("read");
    let account = account.expect("an account by the provider's user name");
    assert!(account.password_hash.is_none(), "no local password");
    let records = store
        .audit_records(&app.tenant, 100_000)
        .await
        .expect("audit");
    assert!(
        records.iter().any(|r| r.event.action == "create"
            && r.event.resource_id == account.staff_id.as_str()
            && r.event.reason.starts_with("by_provider")),
        "the new account is in the access log"
    );

    // A newcomer whose user name is taken is not given that account.
    let (status, _, _) = sso(&app, &idp, &base, "laerer.b", "oid-other", &["g-new"]).await;
    assert_eq!(
        status,
        StatusCode::SEE_OTHER,
        "matched by user name, not made"
    );
    let linked = store
        .staff_by_identity(&issuer, "oid-other")
        .await
        .expect("read")
        .expect("linked");
    assert_eq!(linked.staff, app.staff_b);
    app.stop().await;
}

#[tokio::test]
async fn a_newcomer_whose_user_name_is_taken_gets_no_account_of_their_own() {
    let app = App::start().await;
    let idp = start_idp().await;
    let rules = StaffSignIn {
        subject_claim: "oid".into(),
        match_claim: None,
        create_accounts_in: Some("testvik".into()),
        ..StaffSignIn::default()
    };
    let base = with_rules(&app, &idp, rules).await;
    let issuer = idp.lock().expect("lock").base.clone();
    let (admin, csrf) = admin(&app, &base).await;
    let r = admin
        .post(format!("{base}/admin/sign-in/add"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("group", "g-new"),
            ("role", "staff"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (status, _, page) = sso(&app, &idp, &base, "laerer.b", "oid-other", &["g-new"]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{page}");
    assert!(
        app.db
            .store
            .staff_by_identity(&issuer, "oid-other")
            .await
            .expect("read")
            .is_none(),
        "nothing half-made stays behind"
    );
    app.stop().await;
}
