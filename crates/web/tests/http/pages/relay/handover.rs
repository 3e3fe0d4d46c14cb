//! Handing the baton to a teacher at another school, which the family's
//! consent must cover first (the child attending it is not enough); closing the log with its
//! archive copy; and every access of the way in the audit log.

use ettlag_core::StaffId;
use sha2::{Digest, Sha256};

use super::support::{Browser, CONCERN, assert_shows, input_value, nb, open_log, options, within};
use crate::world::World as App;

async fn staff_id(app: &App, user: &str) -> StaffId {
    app.db
        .store
        .account(user)
        .await
        .expect("account")
        .unwrap_or_else(|| panic!("no account {user}"))
        .staff_id
}

/// Whether the desk at `/my` of this browser lists the log, and where.
async fn desk_lists(b: &Browser<'_>, log: &str, section: &str) -> bool {
    let html = b.page("/my").await;
    within(&html, &format!("id=\"{section}\""), "</section>")
        .contains(&format!("href=\"/logs/{log}\""))
}

#[tokio::test]
async fn the_baton_goes_to_another_school_only_by_the_familys_consent_and_the_closed_log_is_archived()
 {
    let app = App::start().await;
    let a = Browser::sign_in(&app, "laerer.a").await;
    let (_, log) = open_log(&a, &app.child_a1).await;
    let path = format!("/logs/{log}");
    let staff_a = staff_id(&app, "laerer.a").await;
    let staff_b = staff_id(&app, "laerer.b").await;
    let to_b = format!("{staff_b}|{}", app.school_b);

    // Ada does not go to school B: its teacher cannot be offered the baton,
    // not even by a forged form.
    let html = a.page(&path).await;
    assert!(!options(&html, "to").iter().any(|(v, _)| *v == to_b));
    assert!(!html.contains(staff_b.as_str()), "laerer.b is not offered");
    assert_shows(&html, &nb("offer-none"));
    let version = input_value(&html, "version");
    let offer = format!("{path}/baton/offer");
    let (status, html) = a
        .post_refused(&offer, &[("to", &to_b), ("version", &version)])
        .await;
    assert_eq!(status, 422);
    assert_shows(&html, &nb("relay-error-not-covered"));
    assert!(html.contains("id=\"form-offer\" open"), "{html}");
    assert_eq!(a.version(&path).await, version, "nothing was written");

    // Ada starts at school B too: that alone opens nothing, since the log
    // is school A's own.
    app.db
        .store
        .system_access(&app.tenant)
        .enrol(&app.child_a1, &app.school_b, "2021-08-16")
        .await
        .expect("enrol");
    let html = a.page(&path).await;
    assert!(!options(&html, "to").iter().any(|(v, _)| *v == to_b));
    // The parents consent: now school B's teacher may take the baton.
    app.consent_for_school_b().await;
    let html = a.page(&path).await;
    let to = options(&html, "to");
    let choice = to.iter().find(|(v, _)| *v == to_b).expect("laerer.b may");
    assert_eq!(choice.1, "Navn laerer.b (Sørli skole)");
    let checklist: Vec<String> = html
        .split("name=\"done\" value=\"")
        .skip(1)
        .map(|s| s.chars().take_while(|c| *c != '"').collect())
        .collect();
    assert!(checklist.len() > 2, "{checklist:?}");
    let fields = [
        ("to", to_b.as_str()),
        ("transition", "yes"),
        ("done", &checklist[0]),
        ("done", &checklist[1]),
        (
            "family_wish",
            "Foreldrene ønsker at kontaktlæreren tar over.",
        ),
        ("note", "Makkerordningen følger med."),
        ("version", &input_value(&html, "version")),
    ];
    let location = a.post_ok(&offer, &fields).await;
    assert_eq!(location, format!("{path}?done=offered"));
    let html = a.page(&path).await;
    assert_shows(&html, "Tilbudt Navn laerer.b (Sørli skole), venter på svar");
    assert_shows(
        &html,
        "Overgang: stafettpinnen ble tilbudt Navn laerer.b (Sørli skole)",
    );
    assert_shows(&html, "Makkerordningen følger med.");
    assert!(html.contains(&format!("action=\"{path}/baton/withdraw\"")));
    assert_shows(&html, "Navn laerer.a (Nordli skole)");

    // The teacher at school B sees the offer on the desk and takes it.
    let b = Browser::sign_in(&app, "laerer.b").await;
    assert!(desk_lists(&b, &log, "offers-h").await);
    assert!(!desk_lists(&b, &log, "logs-h").await);
    let html = b.page(&path).await;
    assert_shows(&html, &nb("answer-title"));
    assert_shows(&html, "Foreldrene ønsker at kontaktlæreren tar over.");
    assert!(html.contains(&format!("action=\"{path}/baton/answer\"")));
    let version = input_value(&html, "version");
    let location = b
        .post_ok(
            &format!("{path}/baton/answer"),
            &[("answer", "accept"), ("version", &version)],
        )
        .await;
    assert_eq!(location, format!("{path}?done=accepted"));
    let html = b.page(&location).await;
    assert_shows(&html, &nb("log-done-accepted"));
    assert_shows(&html, "Navn laerer.b (Sørli skole)");
    assert_shows(&html, "Navn laerer.b tok imot stafettpinnen");
    assert!(!html.contains("venter på svar"));
    assert!(desk_lists(&b, &log, "logs-h").await);
    assert!(!desk_lists(&b, &log, "offers-h").await);
    assert!(!desk_lists(&a, &log, "logs-h").await);
    assert_eq!(a.get("/my").await.0, 200);
    // The former holder still reads the log, but the holder's forms are gone,
    // and a level change from an old tab says why it is refused.
    let html = a.page(&path).await;
    assert!(!html.contains(&format!("action=\"{path}/level\"")));
    let (status, html) = a
        .post_refused(
            &format!("{path}/level"),
            &crate::world::with_told(&[("level", "2"), ("reason", "Fra en gammel fane.")]),
        )
        .await;
    assert_eq!(status, 422);
    assert_shows(&html, &nb("baton-error-not-holder"));

    // The new holder writes, then closes the log.
    let entries = format!("{path}/entries");
    let observation = [
        ("kind", "observation"),
        ("text", "Ada lo hele friminuttet."),
        ("version", &input_value(&html, "version")),
    ];
    b.post_ok(&entries, &observation).await;
    let version = b.version(&path).await;
    let location = b
        .post_ok(
            &format!("{path}/close"),
            &[("reason", "goals_reached"), ("version", &version)],
        )
        .await;
    assert_eq!(location, format!("{path}?done=closed"));
    let html = b.page(&location).await;
    assert_shows(&html, "Avsluttet: Målene er nådd");
    assert!(html.contains(&format!("href=\"{path}/archive\"")), "{html}");
    assert!(html.contains(&format!("href=\"{path}/archive.json\"")));

    archive_copies(&b, &path).await;

    // Nothing more is written in a closed log (its page has no forms).
    let late = [("kind", "observation"), ("text", "For sent.")];
    let (status, html) = b.post_refused(&entries, &late).await;
    assert_eq!(status, 422);
    assert_shows(&html, &nb("relay-error-closed"));
    assert!(!b.page(&path).await.contains("For sent."));

    audited(&app, &log, &staff_a, &staff_b).await;
    app.stop().await;
}

/// The archive copy as JSON with its checksum, and as a page.
async fn archive_copies(b: &Browser<'_>, path: &str) {
    let r =
        b.c.get(b.app.url(&format!("{path}/archive.json")))
            .send()
            .await
            .expect("get");
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/json");
    let sha = r.headers()["x-archive-sha256"]
        .to_str()
        .expect("ascii")
        .to_string();
    let body = r.bytes().await.expect("body");
    assert_eq!(sha, hex::encode(Sha256::digest(&body)));
    let json: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
    assert_eq!(json["id"], path.trim_start_matches("/logs/"));
    assert_eq!(json["holder"]["name"], "Navn laerer.b");
    assert!(json["closed"].is_object(), "{json}");

    let html = b.page(&format!("{path}/archive")).await;
    assert_shows(&html, "Arkivkopi laget");
    assert_shows(&html, &sha);
    assert_shows(&html, CONCERN);
    assert_shows(&html, "Ada lo hele friminuttet.");
}

/// Every read and write of the log is in the audit log, and so is the
/// refused handover.
async fn audited(app: &App, log: &str, staff_a: &StaffId, staff_b: &StaffId) {
    let records = app
        .db
        .store
        .audit_records(&app.tenant, 100_000)
        .await
        .expect("audit log");
    let of_log: Vec<_> = records
        .iter()
        .map(|r| &r.event)
        .filter(|e| e.resource_id == log)
        .collect();
    for (who, action, resource) in [
        (staff_a, "read", "relay_log"),
        (staff_a, "create", "relay_log"),
        (staff_a, "update", "relay_log"),
        (staff_b, "read", "relay_log"),
        (staff_b, "create", "relay_log"),
        (staff_b, "update", "relay_log"),
        (staff_b, "read", "relay_archive"),
    ] {
        assert!(
            of_log.iter().any(|e| e.actor_id == who.as_str()
                && e.action == action
                && e.resource_type == resource
                && e.outcome == "allow"),
            "no allowed {action} of the {resource} by {who}: {of_log:#?}"
        );
    }
    // The forged offer: refused as a share with school B, in the same
    // request as the (allowed) update of the log it was about.
    let share = records
        .iter()
        .map(|r| &r.event)
        .find(|e| e.resource_type == "relay_log_share" && e.outcome == "deny")
        .expect("the refused share is audited");
    assert_eq!(share.actor_id, staff_a.as_str());
    assert_eq!(share.reason, "not_covered_by_consent");
    assert_eq!(share.resource_id, app.school_b.as_str());
    assert!(!share.request_id.is_empty());
    assert!(
        of_log
            .iter()
            .any(|e| e.request_id == share.request_id && e.action == "update"),
        "{share:?}"
    );
}
