//! The family portal over real HTTP: a parent signs in with a local account,
//! sees only their own child, who follows the child up, withdraws a consent
//! (and a staff request sees the effect on the very next request), reads who
//! has looked, writes to the team, and downloads everything. Every page a
//! family sees has a LIX of 40 or less in Norwegian bokmål, and the main
//! pages in nynorsk, Danish and English too (`languages`).

mod family_log;
mod follow;
mod join;
mod languages;
mod live_lix;
mod looked;
pub(crate) mod oidc;
pub(crate) mod oidc_logout;
mod provider_logout;
mod refusal;
mod requests;

use ettlag_core::readability::Lix;
use reqwest::StatusCode;
use serde_json::json;

use crate::world::{PASSWORD, World as App, json, nin};

/// Makes the portal account `gro` for the guardian of child A1.
pub(super) async fn parent_account(app: &App) {
    let hash = ettlag_web::password::hash(PASSWORD).await.expect("hash");
    app.db
        .store
        .create_citizen_account(&app.tenant, &nin(1985, 6, 7), "gro", &hash)
        .await
        .expect("citizen account");
}

/// A browser signed in to the portal, with the page's CSRF token.
pub(super) struct Family<'a> {
    app: &'a App,
    c: reqwest::Client,
    csrf: String,
}

impl<'a> Family<'a> {
    async fn sign_in(app: &'a App) -> Family<'a> {
        Family::sign_in_with(app, "gro", "nb").await
    }

    async fn sign_in_as(app: &'a App, username: &str) -> Family<'a> {
        Family::sign_in_with(app, username, "nb").await
    }

    /// Signs in with a browser that asks for the language `lang`.
    async fn sign_in_speaking(app: &'a App, lang: &'static str) -> Family<'a> {
        Family::sign_in_with(app, "gro", lang).await
    }

    /// Signs in as `username` with a browser that asks for `lang`.
    async fn sign_in_with(app: &'a App, username: &str, lang: &'static str) -> Family<'a> {
        let c = app.browser_in(lang);
        let r = c
            .post(app.url("/portal/login"))
            .form(&[("username", username), ("password", PASSWORD)])
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(r.headers()["location"], "/portal");
        let mut f = Family {
            app,
            c,
            csrf: String::new(),
        };
        let html = f.page("/portal").await;
        f.csrf = html
            .split("name=\"csrf\" value=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .expect("a csrf token")
            .to_string();
        f
    }

    async fn get(&self, path: &str) -> (StatusCode, String) {
        let r = self.c.get(self.app.url(path)).send().await.expect("get");
        (r.status(), r.text().await.expect("body"))
    }

    async fn page(&self, path: &str) -> String {
        let (status, html) = self.get(path).await;
        assert_eq!(status, StatusCode::OK, "GET {path}:\n{html}");
        html
    }

    async fn post(&self, path: &str, fields: &[(&str, &str)]) -> (StatusCode, String) {
        let mut form = vec![("csrf", self.csrf.as_str())];
        form.extend_from_slice(fields);
        let r = self
            .c
            .post(self.app.url(path))
            .form(&form)
            .send()
            .await
            .expect("post");
        (r.status(), r.text().await.expect("body"))
    }
}

/// The visible text of a page: tags dropped, each block on its own line.
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    let body = html.split("<body").nth(1).unwrap_or(html);
    for ch in body.chars() {
        match ch {
            '<' => {
                in_tag = true;
                out.push('\n');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[track_caller]
fn assert_plain(path: &str, html: &str) {
    let lix = Lix::of(&visible_text(html));
    assert!(
        lix.is_plain(),
        "LIX {:.1} on {path} ({lix:?}):\n{}",
        lix.score(),
        visible_text(html)
    );
}

/// Raises a concern about child A1 as teacher A and starts a log at level 1.
async fn open_log(app: &App) -> String {
    let r = app
        .post(
            &app.teacher_a,
            &format!("/api/v1/children/{}/concerns", app.child_a1),
            &json!({"text": "Trekker seg unna i friminuttene", "areas": ["social"]}),
        )
        .await;
    let (_, created) = json(r).await;
    let concern = created["id"].as_str().expect("concern").to_string();
    let (status, decided) = json(
        app.post(
            &app.teacher_a,
            &format!("/api/v1/concerns/{concern}/decision"),
            &json!({"decision": "start_log", "level": 1, "family_informed": crate::world::told()}),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{decided}");
    decided["log_id"].as_str().expect("a log").to_string()
}

#[tokio::test]
async fn a_parent_follows_their_child_in_plain_language() {
    let app = App::start().await;
    parent_account(&app).await;
    let log = open_log(&app).await;
    let consent = app.consent_for_school_b().await;
    let log_path = format!("/api/v1/relay-logs/{log}");
    assert_eq!(app.get(&app.teacher_b, &log_path).await.status(), 200);

    // Not signed in: the portal sends the family to its own sign-in.
    let anon = app.browser();
    let r = anon.get(app.url("/portal")).send().await.expect("get");
    assert_eq!(r.headers()["location"], "/portal/login");
    let r = anon
        .post(app.url("/portal/login"))
        .form(&[("username", "gro"), ("password", "feil")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let html = r.text().await.expect("body");
    assert!(html.contains("Brukernavn eller passord er feil."));
    assert_plain("/portal/login", &html);

    let f = Family::sign_in(&app).await;
    let child = app.child_a1.as_str();
    let home = f.page("/portal").await;
    assert!(home.contains("Ada Testesen") && !home.contains("Bo Testesen"));
    assert_plain("/portal", &home);
    let member = f.page(&format!("/portal/children/{child}")).await;
    assert!(member.contains("Hvem følger oss opp"));
    assert!(
        member.contains("Navn laerer.a"),
        "the holder is shown:\n{member}"
    );
    assert!(member.contains("Nordli skole"));
    assert_plain("member", &member);
    // Another family's child is not there, whether it exists or not.
    let (status, _) = f.get(&format!("/portal/children/{}", app.child_b)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = f.get("/portal/children/no-such-child").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Withdraw the consent: school B's very next request is refused.
    let consents = f.page(&format!("/portal/children/{child}/consents")).await;
    assert!(consents.contains("Skolene snakker sammen"));
    assert_plain("consents", &consents);
    let path = format!("/portal/children/{child}/consents/{consent}/withdraw");
    let (status, _) =
        f.c.post(app.url(&path))
            .form(&[("csrf", "wrong")])
            .send()
            .await
            .map(|r| (r.status(), ()))
            .expect("post");
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "a wrong CSRF token changes nothing"
    );
    assert_eq!(app.get(&app.teacher_b, &log_path).await.status(), 200);
    let (status, html) = f.post(&path, &[]).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("Det gjelder ikke lenger."));
    assert_plain("consents after", &html);
    assert_eq!(app.get(&app.teacher_b, &log_path).await.status(), 404);
    // The school's ledger names the parent who withdrew it, and where.
    let (teacher, _) = app.sign_in("laerer.a").await;
    let ledger = teacher
        .get(app.url(&format!("/children/{child}")))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(
        ledger.contains("Gro Testesen, i familiens sider"),
        "{ledger}"
    );
    assert!(!ledger.contains("citizen:"), "{ledger}");

    // Who has looked: teacher B's reads under the consent are there.
    let looked = f.page(&format!("/portal/children/{child}/looked")).await;
    assert!(looked.contains("Sørli skole"), "{looked}");
    assert!(looked.contains("Dere sa ja til å dele"));
    assert_plain("looked", &looked);

    // Write to the team; a request reaches the privacy officer.
    let write = f.page(&format!("/portal/children/{child}/write")).await;
    assert_plain("write", &write);
    let (status, html) = f
        .post(
            &format!("/portal/children/{child}/write"),
            &[("kind", "correction"), ("text", "Adressen er feil.")],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let (status, html) = f
        .post(
            &format!("/portal/children/{child}/write"),
            &[("kind", "note"), ("text", "  ")],
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("Skriv noe først."));

    // Download everything: JSON that names the child, and a readable page.
    let r =
        f.c.get(app.url(&format!("/portal/children/{child}/download.json")))
            .send()
            .await
            .expect("get");
    assert_eq!(r.status(), StatusCode::OK);
    let export: serde_json::Value = r.json().await.expect("json");
    assert_eq!(export["person"]["given_name"], "Ada");
    assert_eq!(export["relay_logs"].as_array().map(Vec::len), Some(1));
    let document = f.page(&format!("/portal/children/{child}/document")).await;
    assert!(document.contains("Ada Testesen"));
    assert_plain("document", &document);

    // The staff session and the citizen session are different principals:
    // the portal cookie opens no staff page.
    let r = f.c.get(app.url("/children")).send().await.expect("get");
    assert_eq!(r.headers()["location"], "/login");

    let (status, _) = f.post("/portal/logout", &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let r = f.c.get(app.url("/portal")).send().await.expect("get");
    assert_eq!(r.headers()["location"], "/portal/login");
    app.stop().await;
}

#[tokio::test]
async fn staff_check_a_text_for_plain_language() {
    let app = App::start().await;
    let (c, csrf) = app.sign_in("laerer.a").await;
    let r = c.get(app.url("/plain")).send().await.expect("get");
    assert_eq!(r.status(), StatusCode::OK);
    let r = c
        .post(app.url("/plain"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("language", "nb"),
            ("text", "Stafettholderen koordinerer tiltak i skolen."),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.expect("body");
    assert!(html.contains("LIX: 45"), "{html}");
    assert!(html.contains("Teksten er tung å lese."));
    assert!(
        html.contains("det vi gjør for å hjelpe"),
        "a glossary suggestion"
    );
    // Only administrators edit the glossary.
    let r = c.get(app.url("/admin/glossary")).send().await.expect("get");
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let (admin, csrf) = app.sign_in("admin").await;
    let r = admin
        .post(app.url("/admin/glossary"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("language", "nb"),
            ("term", "<b>"),
            ("plain", "x"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = admin
        .post(app.url("/admin/glossary"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("language", "nb"),
            ("term", "PPT"),
            ("plain", "de som hjelper med læring"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("de som hjelper med læring")
    );
    app.stop().await;
}
