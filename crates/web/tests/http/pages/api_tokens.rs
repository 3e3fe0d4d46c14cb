//! Personal API tokens on the pages: a teacher makes one under her settings
//! (a bad name or lifetime refused in words, nothing made), sees its secret
//! once, uses it on the API, and revokes it, after which the API refuses
//! it; another teacher cannot revoke it. An administrator sees and revokes
//! the tokens of the municipality's staff, but not another municipality's;
//! a teacher may do neither. Every making and revoking is in the access log.

use ettlag_core::{Role, RoleSet};
use ettlag_db::NewStaff;

use crate::world::{PASSWORD, World as App};

async fn post(
    c: &reqwest::Client,
    app: &App,
    path: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    c.post(app.url(path))
        .form(fields)
        .send()
        .await
        .expect("post")
}

async fn page(c: &reqwest::Client, app: &App, path: &str) -> (u16, String) {
    let r = c.get(app.url(path)).send().await.expect("get");
    (r.status().as_u16(), r.text().await.expect("body"))
}

/// Whether the API lets the holder of `token` in.
async fn works(app: &App, token: &str) -> bool {
    match app.get(token, "/api/v1/children").await.status().as_u16() {
        200 => true,
        401 => false,
        other => panic!("the API answered {other}"),
    }
}

/// The value of the input `id` on a page.
fn input_value(html: &str, id: &str) -> String {
    let at = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id} in:\n{html}"));
    let rest = &html[at..];
    let value = rest.split("value=\"").nth(1).expect("a value");
    value.split('"').next().expect("closed").to_string()
}

/// The access-log records about the token `id`, as (actor, action, outcome).
async fn logged(
    app: &App,
    tenant: &ettlag_core::TenantId,
    id: &str,
) -> Vec<(String, String, String)> {
    app.db
        .store
        .audit_records(tenant, 100_000)
        .await
        .expect("log")
        .into_iter()
        .filter(|r| r.event.resource_type == "api_token" && r.event.resource_id == id)
        .map(|r| (r.event.actor_id, r.event.action, r.event.outcome))
        .collect()
}

#[tokio::test]
async fn a_teacher_makes_uses_and_revokes_her_own_token() {
    let app = App::start().await;
    let (c, csrf) = app.sign_in("laerer.a").await;
    let (_, settings) = page(&c, &app, "/settings").await;
    assert!(
        settings.contains("href=\"/settings/api-tokens\""),
        "found from the settings"
    );

    let (status, html) = page(&c, &app, "/settings/api-tokens").await;
    assert_eq!(status, 200);
    let before = app
        .db
        .store
        .api_tokens_of(&app.tenant, &app.staff_a)
        .await
        .expect("list");
    assert_eq!(before.len(), 1, "the world's own token");
    assert!(html.contains(&before[0].id), "listed by its id");
    assert!(!html.contains(&app.teacher_a), "never the secret");
    assert!(
        html.contains("value=\"90\""),
        "90 days unless chosen otherwise"
    );

    // Bad input is refused in words, and nothing is made.
    for (label, days, says) in [
        ("", "30", "Gi nøkkelen et navn på 1 til 64 tegn."),
        (
            &"x".repeat(65),
            "30",
            "Gi nøkkelen et navn på 1 til 64 tegn.",
        ),
        ("Skript", "0", "Velg et helt antall dager fra 1 til 366."),
        ("Skript", "367", "Velg et helt antall dager fra 1 til 366."),
        ("Skript", "ti", "Velg et helt antall dager fra 1 til 366."),
    ] {
        let r = post(
            &c,
            &app,
            "/settings/api-tokens",
            &[("csrf", &csrf), ("label", label), ("days", days)],
        )
        .await;
        assert_eq!(r.status(), 422, "{label} {days}");
        let html = r.text().await.expect("body");
        assert!(html.contains(says), "{label} {days}: {html}");
        assert!(html.contains("aria-invalid=\"true\""));
    }
    let unchanged = app
        .db
        .store
        .api_tokens_of(&app.tenant, &app.staff_a)
        .await
        .expect("list");
    assert_eq!(unchanged.len(), 1);

    // Without the session's CSRF token nothing is made.
    let r = post(
        &c,
        &app,
        "/settings/api-tokens",
        &[("label", "Skript"), ("days", "30")],
    )
    .await;
    assert_eq!(r.status(), 403);

    let r = post(
        &c,
        &app,
        "/settings/api-tokens",
        &[("csrf", &csrf), ("label", "Fagsystem"), ("days", "30")],
    )
    .await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "no-store");
    let html = r.text().await.expect("body");
    assert!(html.contains("Den vises bare denne ene gangen"), "{html}");
    let token = input_value(&html, "new-token");
    assert!(token.starts_with("ettlag_"), "{token}");
    assert!(works(&app, &token).await, "the new token opens the API");
    let mine = app
        .db
        .store
        .api_tokens_of(&app.tenant, &app.staff_a)
        .await
        .expect("list");
    let made = mine
        .iter()
        .find(|t| t.label == "Fagsystem")
        .expect("listed");
    let left = made.expires_at_ms - made.created_at_ms;
    assert_eq!(left, 30 * 86_400_000, "thirty days");
    let (_, html) = page(&c, &app, "/settings/api-tokens").await;
    assert!(
        html.contains("Fagsystem") && html.contains(&made.id),
        "{html}"
    );
    assert!(!html.contains(&token), "the secret is shown once only");

    // Not another teacher's to revoke, nor an id that names nothing.
    let (other, other_csrf) = app.sign_in("laerer.b").await;
    let path = format!("/settings/api-tokens/{}/revoke", made.id);
    let r = post(&other, &app, &path, &[("csrf", &other_csrf)]).await;
    assert_eq!(r.status(), 404);
    assert!(works(&app, &token).await, "still works");
    for bad in ["0000000000000000", "ikke-en-id"] {
        let r = post(
            &c,
            &app,
            &format!("/settings/api-tokens/{bad}/revoke"),
            &[("csrf", &csrf)],
        )
        .await;
        assert_eq!(r.status(), 404, "{bad}");
    }
    assert!(works(&app, &token).await);

    let r = post(&c, &app, &path, &[("csrf", &csrf)]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/settings/api-tokens?done=revoked");
    let (_, html) = page(&c, &app, "/settings/api-tokens?done=revoked").await;
    assert!(html.contains("Nøkkelen er trukket tilbake"), "{html}");
    assert!(!html.contains(&made.id), "no longer listed");
    assert!(!works(&app, &token).await, "the API refuses it at once");
    assert!(
        works(&app, &app.teacher_a).await,
        "her other token still works"
    );
    // Revoked once; a second time it is not found.
    assert_eq!(
        post(&c, &app, &path, &[("csrf", &csrf)]).await.status(),
        404
    );

    let a = app.staff_a.as_str().to_string();
    let b = app.staff_b.as_str().to_string();
    let log = logged(&app, &app.tenant, &made.id).await;
    let entry = |who: &str, action: &str, outcome: &str| {
        (who.to_string(), action.to_string(), outcome.to_string())
    };
    assert!(log.contains(&entry(&a, "create", "allow")), "{log:?}");
    assert!(log.contains(&entry(&b, "delete", "deny")), "{log:?}");
    assert!(log.contains(&entry(&a, "delete", "allow")), "{log:?}");
    app.stop().await;
}

#[tokio::test]
async fn an_administrator_revokes_staff_tokens_of_her_own_municipality_only() {
    let app = App::start().await;
    // Another municipality, with a staff member and a token.
    let s = &app.db.store;
    let elsewhere = s
        .create_tenant("Annen kommune", "annen")
        .await
        .expect("tenant");
    let hash = ettlag_web::password::hash(PASSWORD).await.expect("hash");
    let stranger = s
        .system_access(&elsewhere)
        .create_staff(NewStaff {
            username: "fremmed".into(),
            display_name: "Navn fremmed".into(),
            roles: RoleSet::new(vec![Role::Staff]),
            units: Vec::new(),
            password_hash: Some(hash),
        })
        .await
        .expect("staff");
    let far = s
        .issue_api_token(&elsewhere, &stranger, "annen", 30)
        .await
        .expect("token");
    assert!(works(&app, &far.token).await);
    let b_id = s
        .api_tokens_of(&app.tenant, &app.staff_b)
        .await
        .expect("list")[0]
        .id
        .clone();

    // Teachers may neither see the list nor revoke from it.
    let (teacher, teacher_csrf) = app.sign_in("laerer.a").await;
    assert_eq!(page(&teacher, &app, "/admin/api-tokens").await.0, 403);
    let path = format!("/admin/api-tokens/{b_id}/revoke");
    assert_eq!(
        post(&teacher, &app, &path, &[("csrf", &teacher_csrf)])
            .await
            .status(),
        403
    );
    assert!(works(&app, &app.teacher_b).await);

    let (admin, csrf) = app.sign_in("admin").await;
    let (_, overview) = page(&admin, &app, "/admin").await;
    assert!(
        overview.contains("href=\"/admin/api-tokens\""),
        "in the admin menu"
    );
    let (status, html) = page(&admin, &app, "/admin/api-tokens").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Navn laerer.a") && html.contains("Navn laerer.b"),
        "{html}"
    );
    assert!(html.contains(&b_id), "{html}");
    assert!(
        !html.contains(&far.id) && !html.contains("Navn fremmed"),
        "only her municipality"
    );
    assert!(!html.contains(&app.teacher_b), "never a secret");

    // Another municipality's token, and an id that names nothing: not found,
    // and nothing changes.
    for id in [far.id.as_str(), "0000000000000000", "ikke-en-id"] {
        let r = post(
            &admin,
            &app,
            &format!("/admin/api-tokens/{id}/revoke"),
            &[("csrf", &csrf)],
        )
        .await;
        assert_eq!(r.status(), 404, "{id}");
    }
    assert!(
        works(&app, &far.token).await,
        "the other municipality's token stands"
    );

    let r = post(&admin, &app, &path, &[("csrf", &csrf)]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"],
        "/admin/api-tokens?done=api-token-revoked"
    );
    let (_, html) = page(&admin, &app, "/admin/api-tokens?done=api-token-revoked").await;
    assert!(html.contains("Nøkkelen er trukket tilbake"), "{html}");
    assert!(!html.contains(&b_id));
    assert!(!works(&app, &app.teacher_b).await, "refused at once");
    assert!(works(&app, &app.teacher_a).await, "the others stand");

    let admin_id = s
        .account("admin")
        .await
        .expect("account")
        .expect("admin")
        .staff_id;
    let log = logged(&app, &app.tenant, &b_id).await;
    let by_admin = (
        admin_id.as_str().to_string(),
        "delete".to_string(),
        "allow".to_string(),
    );
    assert!(log.contains(&by_admin), "{log:?}");
    assert!(
        logged(&app, &elsewhere, &far.id)
            .await
            .iter()
            .all(|(_, action, _)| action == "create")
    );
    app.stop().await;
}
