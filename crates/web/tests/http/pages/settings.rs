//! The municipality's settings (administrators) and a staff member's own
//! address for reminder e-mails.

use ettlag_core::policy::Purpose;
use ettlag_core::text::Text;
use ettlag_db::NewConcern;

use crate::world::World as App;

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

#[tokio::test]
async fn an_administrator_sets_the_days_to_decide_a_concern() {
    let app = App::start().await;
    let (admin, csrf) = app.sign_in("admin").await;
    let page = admin
        .get(app.url("/admin/settings"))
        .send()
        .await
        .expect("get");
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("body");
    assert!(html.contains("value=\"14\""), "the default is 14 days");

    for bad in ["0", "91", "fjorten"] {
        let r = post(
            &admin,
            &app,
            "/admin/settings",
            &[("csrf", &csrf), ("name", "concern_days"), ("value", bad)],
        )
        .await;
        assert_eq!(r.status(), 422, "{bad}");
        let html = r.text().await.expect("body");
        assert!(
            html.contains("Tallet er utenfor det som er tillatt."),
            "{bad}: {html}"
        );
    }
    let r = post(
        &admin,
        &app,
        "/admin/settings",
        &[("csrf", &csrf), ("name", "concern_days"), ("value", "7")],
    )
    .await;
    assert_eq!(r.status(), 303);
    let location = r.headers()["location"].to_str().expect("ascii").to_string();
    assert_eq!(location, "/admin/settings?done=setting");
    let html = admin
        .get(app.url(&location))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(html.contains("value=\"7\"") && html.contains("Innstillingen er lagret."));

    // A teacher may not change it, and a new concern gets 7 days.
    let (teacher, teacher_csrf) = app.sign_in("laerer.a").await;
    let r = post(
        &teacher,
        &app,
        "/admin/settings",
        &[
            ("csrf", &teacher_csrf),
            ("name", "concern_days"),
            ("value", "30"),
        ],
    )
    .await;
    assert_eq!(r.status(), 403);
    let account = app
        .db
        .store
        .account("laerer.a")
        .await
        .expect("account")
        .expect("exists");
    let actor = app
        .db
        .store
        .actor(&account.tenant_id, &account.staff_id)
        .await
        .expect("actor")
        .expect("active");
    let access = app.db.store.access(actor, Purpose::FollowUp, "test");
    let id = access
        .raise_concern(NewConcern {
            child: app.child_a1.clone(),
            unit: None,
            text: Text::parse("Trøtt om morgenen", 100).expect("text"),
            areas: Vec::new(),
            since: None,
        })
        .await
        .expect("concern");
    let concern = access.concern(&id).await.expect("read");
    assert_eq!(concern.deadline_ms - concern.raised_at_ms, 7 * 86_400_000);
    let audit = app
        .db
        .store
        .audit_records(&app.tenant, 500)
        .await
        .expect("audit");
    assert!(
        audit
            .iter()
            .any(|r| r.event.resource_type == "setting" && r.event.outcome == "allow")
    );
    assert!(
        audit
            .iter()
            .any(|r| r.event.actor_id == account.staff_id.as_str()
                && r.event.resource_type == "register"
                && r.event.outcome == "deny"),
        "the teacher's refused attempt is logged too"
    );
    app.stop().await;
}

#[tokio::test]
async fn staff_choose_their_own_address_for_reminder_emails() {
    let app = App::start().await;
    let (c, csrf) = app.sign_in("laerer.a").await;
    let r = post(
        &c,
        &app,
        "/settings/email",
        &[("csrf", &csrf), ("email", "ikke en adresse")],
    )
    .await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("Det er ikke en gyldig e-postadresse.")
    );
    let account = app
        .db
        .store
        .account("laerer.a")
        .await
        .expect("account")
        .expect("exists");
    assert_eq!(
        app.db
            .store
            .staff_email(&account.tenant_id, &account.staff_id)
            .await
            .expect("read"),
        None
    );

    let r = post(
        &c,
        &app,
        "/settings/email",
        &[("csrf", &csrf), ("email", " kari@testvik.invalid ")],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        app.db
            .store
            .staff_email(&account.tenant_id, &account.staff_id)
            .await
            .expect("read")
            .as_deref(),
        Some("kari@testvik.invalid")
    );
    let audit = app
        .db
        .store
        .audit_records(&app.tenant, 100)
        .await
        .expect("audit");
    assert!(
        audit.iter().any(|r| r.event.resource_type == "staff_email"
            && r.event.actor_id == account.staff_id.as_str()),
        "the change of address is in the access log"
    );
    let html = c
        .get(app.url("/settings?done=email"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(html.contains("kari@testvik.invalid") && html.contains("E-postadressen er lagret."));
    let r = post(
        &c,
        &app,
        "/settings/email",
        &[("csrf", &csrf), ("email", "")],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        app.db
            .store
            .staff_email(&account.tenant_id, &account.staff_id)
            .await
            .expect("read"),
        None,
        "an empty field removes it"
    );
    app.stop().await;
}

#[tokio::test]
async fn staff_choose_what_families_see_and_a_bad_phone_changes_nothing() {
    let app = App::start().await;
    let (c, csrf) = app.sign_in("laerer.a").await;
    let account = app
        .db
        .store
        .account("laerer.a")
        .await
        .expect("account")
        .expect("exists");
    let stored = || async {
        app.db
            .store
            .family_contact_setting(&account.tenant_id, &account.staff_id)
            .await
            .expect("read")
    };
    let before = stored().await;
    for (phone, show, words) in [
        ("12", "phone", "Det er ikke et telefonnummer."),
        ("40000000", "everything", "Velg hva familien skal se."),
    ] {
        let r = post(
            &c,
            &app,
            "/settings/family-contact",
            &[("csrf", &csrf), ("phone", phone), ("show", show)],
        )
        .await;
        assert_eq!(r.status(), 422);
        assert!(r.text().await.expect("body").contains(words), "{words}");
        assert_eq!(stored().await, before, "nothing changed");
    }
    let r = post(
        &c,
        &app,
        "/settings/family-contact",
        &[
            ("csrf", &csrf),
            ("phone", "+47 400 00 000"),
            ("show", "both"),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    let now = stored().await;
    assert_eq!(now.phone.as_deref(), Some("+4740000000"));
    assert_eq!(now.show, ettlag_db::ShowToFamily::Both);
    let audit = app
        .db
        .store
        .audit_records(&app.tenant, 100)
        .await
        .expect("audit");
    assert!(
        audit
            .iter()
            .any(|r| r.event.resource_type == "staff_family_contact"
                && r.event.actor_id == account.staff_id.as_str()),
        "the change is in the access log"
    );
    let html = c
        .get(app.url("/settings?done=family"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(html.contains("+4740000000") && html.contains("Det er lagret."));
    app.stop().await;
}
