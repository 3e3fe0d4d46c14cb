//! "Our log" and notices over HTTP: a parent reads the log in bokmål —
//! the level, the holder with the contact the holder chose to show, goals,
//! measures, meetings, and a health entry named by category only — in
//! plain language, and the download withholds that entry as the page
//! does; and gives and removes an address for notices, a bad one refused
//! in words with nothing stored.

use ettlag_core::Day;
use ettlag_core::consent::Category;
use ettlag_core::ids::MeetingTemplateId;
use ettlag_core::meeting::MeetingTime;
use ettlag_core::plan::{GoalDraft, PlanDraft, parse_reason};
use ettlag_core::policy::Purpose;
use ettlag_core::policy::citizen::Citizen;
use ettlag_core::relay::Entry;
use ettlag_core::text::Text;
use ettlag_db::{AccessContext, LogCommand, NewMeeting, NoticeContact, PlanWrite, now_ms};
use reqwest::StatusCode;

use super::{Family, assert_plain, open_log, parent_account};
use crate::world::World as App;

pub(super) async fn teacher(app: &App) -> AccessContext {
    let s = &app.db.store;
    let actor = s
        .actor(&app.tenant, &app.staff_a)
        .await
        .expect("load")
        .expect("teacher");
    s.access(actor, Purpose::FollowUp, "test")
}

pub(super) fn text(s: &str) -> Text {
    Text::parse(s, 4000).expect("text")
}

pub(super) async fn write(t: &AccessContext, log: &str, entry: Entry, category: Category) {
    t.record(
        &ettlag_core::ids::RelayLogId::parse(log).expect("a log id"),
        LogCommand::Entry {
            entry,
            supersedes: None,
            category,
        },
        None,
    )
    .await
    .expect("entry");
}

/// A plan and a meeting the family is invited to, three days ahead.
async fn meeting(app: &App, t: &AccessContext) {
    let today = Day::from_ms(now_ms());
    let draft = PlanDraft {
        what_matters: "Å ha venner".into(),
        needs_and_dreams: "Spille fotball".into(),
        goals: vec![GoalDraft {
            master: "Lese en bok selv".into(),
            by: today.add_days(200).to_string(),
            know_by: "Hun forteller om den".into(),
        }],
        period_start: today.add_days(-30).to_string(),
        period_end: today.add_days(365).to_string(),
        next_revision: today.add_days(90).to_string(),
        ..Default::default()
    };
    let plan = t
        .create_plan(
            &app.child_a1,
            None,
            PlanWrite {
                content: draft.parse().expect("a valid plan"),
                reason: parse_reason("Ny plan").expect("reason"),
            },
        )
        .await
        .expect("plan");
    let start = today.add_days(3).start_ms() + 9 * 3_600_000;
    t.create_meeting(
        &plan,
        NewMeeting {
            template_id: MeetingTemplateId::parse("default").expect("the built-in template"),
            time: MeetingTime::new(start, start + 3_600_000).expect("time"),
            place: "Nordli skole, rom 2".into(),
            leader: app.staff_a.clone(),
            staff: vec![],
            family: vec![app.guardian_a.clone()],
            child: false,
        },
    )
    .await
    .expect("meeting");
}

#[tokio::test]
async fn a_parent_reads_the_log_in_plain_bokmal_with_the_holders_chosen_contact() {
    let app = App::start().await;
    parent_account(&app).await;
    let log = open_log(&app).await;
    // The holder shows families a phone and not the e-mail.
    let (c, csrf) = app.sign_in("laerer.a").await;
    for (path, fields) in [
        ("/settings/email", vec![("email", "laerer@skole.invalid")]),
        (
            "/settings/family-contact",
            vec![("phone", "400 00 000"), ("show", "phone")],
        ),
    ] {
        let mut form = vec![("csrf", csrf.as_str())];
        form.extend(fields);
        let r = c
            .post(app.url(path))
            .form(&form)
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{path}");
    }
    let t = teacher(&app).await;
    write(
        &t,
        &log,
        Entry::Goal {
            text: text("Ada har en venn i friminuttene"),
            areas: Vec::new(),
        },
        Category::RelayLog,
    )
    .await;
    let today = Day::from_ms(now_ms());
    write(
        &t,
        &log,
        Entry::Measure {
            what: text("Vi leker i gruppe hver dag"),
            responsible: app.staff_a.clone(),
            responsible_unit: app.school_a.clone(),
            start: today,
            evaluate_by: today.add_days(30),
            goal: None,
            measure_type: None,
        },
        Category::RelayLog,
    )
    .await;
    write(
        &t,
        &log,
        Entry::Observation {
            text: text("Astma, bruker inhalator før gym"),
        },
        Category::Health,
    )
    .await;
    meeting(&app, &t).await;

    let f = Family::sign_in(&app).await;
    let child = app.child_a1.as_str();
    let member = f.page(&format!("/portal/children/{child}")).await;
    assert!(member.contains(&format!("/portal/children/{child}/log")));
    let page = f.page(&format!("/portal/children/{child}/log")).await;
    for shown in [
        "Nivå 1",
        "Én tjeneste hjelper barnet.",
        "Navn laerer.a",
        "Nordli skole",
        "40000000",
        "Ada har en venn i friminuttene",
        "Vi leker i gruppe hver dag",
        "Nordli skole, rom 2",
        "Det finnes helseopplysninger som ikke vises her.",
    ] {
        assert!(page.contains(shown), "{shown:?} is missing:\n{page}");
    }
    assert!(
        !page.contains("laerer@skole.invalid"),
        "the e-mail is not chosen"
    );
    assert!(!page.contains("Astma"), "a health entry's text leaked");
    assert_plain("log", &page);
    // The download withholds what the page withholds, and says so in words.
    let (status, download) = f
        .get(&format!("/portal/children/{child}/download.json"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !download.contains("Astma"),
        "the download leaked:\n{download}"
    );
    assert!(download.contains("Ada har en venn i friminuttene"));
    assert!(
        download.contains("Det finnes helseopplysninger som ikke vises her."),
        "{download}"
    );
    // Another family's child is not found.
    let (status, _) = f
        .get(&format!("/portal/children/{}/log", app.child_b))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    app.stop().await;
}

#[tokio::test]
async fn a_parent_gives_and_removes_an_address_and_a_bad_one_is_refused_in_words() {
    let app = App::start().await;
    parent_account(&app).await;
    let f = Family::sign_in(&app).await;
    let page = f.page("/portal/notices").await;
    assert_plain("notices", &page);
    let stored = || async {
        app.db
            .store
            .citizen_access(
                Citizen {
                    tenant: app.tenant.clone(),
                    person: app.guardian_a.clone(),
                },
                "test",
            )
            .notice_contact()
            .await
            .expect("read")
    };

    let (status, html) = f
        .post(
            "/portal/notices",
            &[
                ("email", "ikke en adresse"),
                ("phone", ""),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("Det er ikke en e-post vi kan sende til."),
        "{html}"
    );
    assert!(html.contains("aria-invalid=\"true\""));
    assert_eq!(stored().await, NoticeContact::default());

    let (status, _) = f
        .post(
            "/portal/notices",
            &[
                ("email", "gro@familie.invalid"),
                ("phone", "12"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a bad number stops both"
    );
    assert_eq!(stored().await, NoticeContact::default());

    let (status, _) = f
        .post(
            "/portal/notices",
            &[
                ("email", "gro@familie.invalid"),
                ("phone", ""),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(stored().await.email.as_deref(), Some("gro@familie.invalid"));
    let page = f.page("/portal/notices?done=saved").await;
    assert!(page.contains("Det er lagret.") && page.contains("gro@familie.invalid"));

    let (status, _) = f.post("/portal/notices", &[("action", "remove")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(stored().await, NoticeContact::default());
    let page = f.page("/portal/notices?done=removed").await;
    assert!(page.contains("Vi sender deg ingen beskjed nå."));
    assert!(!page.contains("gro@familie.invalid"));
    app.stop().await;
}
