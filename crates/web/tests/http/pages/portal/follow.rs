//! The portal's feedback forms and next meetings over HTTP: the parent
//! answers an open form about their child with the shared feedback form
//! (a bad score is refused in plain words and nothing is stored), staff see
//! the answer as the parent's, and the coming meeting is listed with who
//! comes and a calendar file that names no child. Every page is LIX 40 or
//! less in bokmål.

use ettlag_core::Day;
use ettlag_core::feedback::Respondent;
use ettlag_core::ids::MeetingTemplateId;
use ettlag_core::meeting::MeetingTime;
use ettlag_core::plan::{GoalDraft, PlanDraft, parse_reason};
use ettlag_core::policy::Purpose;
use ettlag_db::{AccessContext, NewEpisode, NewMeeting, PackOrigin, PlanWrite, now_ms};
use reqwest::StatusCode;

use super::{Family, assert_plain, parent_account};
use crate::world::World as App;

const TEST_PACK: &str = include_str!("../../../../../../packs/test.toml");

async fn teacher(app: &App) -> AccessContext {
    let s = &app.db.store;
    let actor = s
        .actor(&app.tenant, &app.staff_a)
        .await
        .expect("load")
        .expect("teacher");
    s.access(actor, Purpose::FollowUp, "test")
}

fn plan_write() -> PlanWrite {
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
    PlanWrite {
        content: draft.parse().expect("a valid plan"),
        reason: parse_reason("Ny plan").expect("reason"),
    }
}

#[tokio::test]
async fn a_parent_answers_a_feedback_form_and_sees_the_next_meeting() {
    let app = App::start().await;
    parent_account(&app).await;
    app.db
        .store
        .install_pack_for(&app.tenant, TEST_PACK, PackOrigin::Shipped)
        .await
        .expect("store")
        .expect("pack");
    let t = teacher(&app).await;
    let episode = t
        .start_feedback_episode(NewEpisode {
            person: app.child_a1.clone(),
            unit: app.school_a.clone(),
            pack_id: "test".into(),
            log_id: None,
            plan_id: None,
        })
        .await
        .expect("episode");
    let plan = t
        .create_plan(&app.child_a1, None, plan_write())
        .await
        .expect("plan");
    let start = Day::from_ms(now_ms()).add_days(3).start_ms() + 9 * 3_600_000;
    let meeting = t
        .create_meeting(
            &plan,
            NewMeeting {
                template_id: MeetingTemplateId::parse("default").expect("the built-in template"),
                time: MeetingTime::new(start, start + 3_600_000).expect("time"),
                place: "Nordli skole, rom 2".into(),
                leader: app.staff_a.clone(),
                staff: vec![],
                family: vec![app.guardian_a.clone()],
                child: true,
            },
        )
        .await
        .expect("meeting");

    let f = Family::sign_in(&app).await;
    let child = app.child_a1.as_str();
    let member = f.page(&format!("/portal/children/{child}")).await;
    assert!(member.contains("Våre neste møter"), "{member}");
    assert!(member.contains("Nordli skole, rom 2"));
    assert!(member.contains("leder møtet"));
    assert!(member.contains("Svar oss"));
    let form_path = format!("/portal/children/{child}/feedback/{episode}/outcome");
    assert!(member.contains(&form_path), "{member}");
    assert_plain("member with forms and meetings", &member);

    let form = f.page(&form_path).await;
    assert!(form.contains("Hvordan går det med Ada?"));
    assert_plain("feedback form", &form);
    // A wrong CSRF token and a bad score change nothing.
    let r =
        f.c.post(app.url(&form_path))
            .form(&[("csrf", "wrong"), ("item-0", "5")])
            .send()
            .await
            .expect("post");
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let (status, html) = f
        .post(
            &form_path,
            &[
                ("item-0", "11"),
                ("item-1", "5"),
                ("item-2", "5"),
                ("item-3", "5"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    assert!(html.contains("aria-invalid=\"true\""));
    let (view, _) = t.feedback_episode(&episode).await.expect("episode");
    assert!(view.answers.is_empty());
    let (status, html) = f
        .post(
            &form_path,
            &[
                ("item-0", "7,3"),
                ("item-1", "6"),
                ("item-2", "5"),
                ("item-3", "8"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("Svaret er sendt"));
    assert_plain("feedback sent", &html);
    let (view, _) = t.feedback_episode(&episode).await.expect("episode");
    assert_eq!(view.answers.len(), 1);
    assert_eq!(view.answers[0].respondent, Respondent::Parent);
    assert_eq!(view.answers[0].total.get(), 263);

    // The calendar file: the meeting's time and place, no child's name.
    let ics_path = format!("/portal/children/{child}/meetings/{meeting}/calendar.ics");
    let r = f.c.get(app.url(&ics_path)).send().await.expect("get");
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .expect("type")
            .starts_with("text/calendar")
    );
    let ics = r.text().await.expect("body");
    assert!(ics.contains("BEGIN:VEVENT") && ics.contains("Nordli skole"));
    assert!(!ics.contains("Ada"), "{ics}");
    // Another child's forms and meetings are not there.
    let other = app.child_b.as_str();
    let (status, _) = f
        .get(&format!(
            "/portal/children/{other}/meetings/{meeting}/calendar.ics"
        ))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = f
        .get(&format!(
            "/portal/children/{other}/feedback/{episode}/outcome"
        ))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = f
        .get(&format!("/portal/children/{child}/feedback/{episode}/nope"))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    app.stop().await;
}
