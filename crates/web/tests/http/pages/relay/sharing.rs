//! Field groups over real HTTP: a health entry in a relay log reaches only
//! the units the family's consent names for health. The school the consent
//! shares the log with finds it on its desk, reads everything else, is told
//! that an entry is withheld, and gets neither its text in the page nor in
//! the API; a bad category is refused and changes nothing.

use serde_json::Value;

use super::support::{Browser, assert_shows, nb, open_log, within};
use crate::world::World as App;

const HEALTH: &str = "Astmamedisinen er endret; hun kan bli andpusten i gym.";
const SHARED: &str = "Ada fikk være med på laget i storefri.";

#[tokio::test]
async fn a_health_entry_is_withheld_from_a_school_the_consent_names_only_for_the_log() {
    let app = App::start().await;
    let a = Browser::sign_in(&app, "laerer.a").await;
    let b = Browser::sign_in(&app, "laerer.b").await;
    let (_, log) = open_log(&a, &app.child_a1).await;
    let path = format!("/logs/{log}");

    // The form asks who may read an entry; the relay log's own is chosen.
    let html = a.page(&path).await;
    assert_shows(&html, &nb("entry-category"));
    assert!(
        html.contains("name=\"category\" value=\"relay_log\" checked"),
        "{html}"
    );

    let entries = format!("{path}/entries");
    let version = a.version(&path).await;
    let bad = [
        ("kind", "observation"),
        ("text", HEALTH),
        ("category", "gossip"),
        ("version", version.as_str()),
    ];
    let (status, html) = a.post_refused(&entries, &bad).await;
    assert_eq!(status, 422);
    assert_shows(&html, &nb("entry-error-category"));
    assert!(!a.page(&path).await.contains("andpusten i gym"));

    for (text, category) in [(HEALTH, "health"), (SHARED, "relay_log")] {
        let version = a.version(&path).await;
        a.post_ok(
            &entries,
            &[
                ("kind", "observation"),
                ("text", text),
                ("category", category),
                ("version", &version),
            ],
        )
        .await;
    }
    // The writer sees the health entry, marked as such.
    let html = a.page(&path).await;
    assert_shows(&html, HEALTH);
    assert_shows(&html, &nb("entry-kept-health"));

    // The family consents that school B may follow the log and the plan.
    let to = ettlag_core::Day::from_ms(ettlag_db::now_ms())
        .add_days(200)
        .to_string();
    a.post_ok(
        &format!("/children/{}/consents/new", app.child_a1),
        &[
            ("grantors", app.guardian_a.as_str()),
            ("purpose", "Skolene samarbeider om Ada."),
            ("units", app.school_b.as_str()),
            ("categories", "relay_log"),
            ("categories", "plan"),
            ("valid_from", ""),
            ("valid_to", &to),
            ("evidence", "meeting"),
        ],
    )
    .await;

    // School B finds the log on its desk, reads the shared entry, and is
    // told one entry is withheld — without its text.
    let desk = b.page("/my").await;
    assert!(
        within(&desk, "id=\"shared-h\"", "</section>").contains(&format!("href=\"{path}\"")),
        "{desk}"
    );
    let html = b.page(&path).await;
    assert_shows(&html, SHARED);
    assert!(!html.contains("andpusten i gym"), "{html}");
    assert!(html.contains("id=\"withheld\""), "{html}");
    assert!(html.contains("Én oppføring vises ikke for deg"), "{html}");

    // The API says the same: one withheld health entry, no text.
    let token = app.teacher_b.clone();
    let r = app.get(&token, &format!("/api/v1/relay-logs/{log}")).await;
    assert_eq!(r.status().as_u16(), 200);
    let body: Value = r.json().await.expect("json");
    assert!(!body.to_string().contains("andpusten i gym"), "{body}");
    let withheld = body["withheld"].as_array().expect("withheld");
    assert_eq!(withheld.len(), 1, "{body}");
    assert_eq!(withheld[0]["category"], "health");
    // The teacher at school A wrote it and still reads it in the API.
    let r = app
        .get(&app.teacher_a, &format!("/api/v1/relay-logs/{log}"))
        .await;
    let body: Value = r.json().await.expect("json");
    assert!(body.to_string().contains("andpusten i gym"));
    let categories: Vec<&str> = body["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["category"].as_str())
        .collect();
    assert!(categories.contains(&"health"), "{body}");

    // An API write with an unknown category is refused.
    let r = app
        .post(
            &app.teacher_a,
            &format!("/api/v1/relay-logs/{log}/entries"),
            &serde_json::json!({"kind": "observation", "text": "x", "category": "plan"}),
        )
        .await;
    assert_eq!(r.status().as_u16(), 400);
    let body: Value = r.json().await.expect("json");
    assert_eq!(body["error"], "entry-error-category", "{body}");

    // The privacy officer sees the legal basis of each access.
    let officer = Browser::sign_in(&app, "personvern").await;
    let audit = officer.page("/audit?resource=").await;
    assert_shows(&audit, &nb("audit-col-basis"));
    assert_shows(&audit, &nb("audit-basis-consent"));
    assert_shows(&audit, &nb("audit-basis-service-task"));
}
