//! Meetings about a plan: called from the municipality's template with the
//! family invited, the values poster, minutes, the child's voice, decisions
//! that need the family, action items that become measures in a new plan
//! revision, and the audit of every access; another school sees nothing.

use ettlag_core::Day;
use ettlag_core::ids::MeetingTemplateId;
use ettlag_core::meeting::{
    Confirmation, Decision, MeetingEvent, MeetingTemplate, MeetingTime, ValuesPoster,
};
use ettlag_core::plan::{GoalDraft, PlanDraft, parse_reason};
use ettlag_db::{DbError, NewActionItem, NewMeeting, PlanWrite, now_ms};

use crate::support::{World, as_actor, store, world};

fn today() -> Day {
    Day::from_ms(now_ms())
}

fn plan_write() -> PlanWrite {
    let draft = PlanDraft {
        what_matters: "Å være med vennene mine".into(),
        needs_and_dreams: "Bli fotballtrener".into(),
        goals: vec![GoalDraft {
            master: "Lese en bok selv".into(),
            by: today().add_days(200).to_string(),
            know_by: "Hun forteller om den".into(),
        }],
        period_start: today().add_days(-30).to_string(),
        period_end: today().add_days(365).to_string(),
        next_revision: today().add_days(90).to_string(),
        ..Default::default()
    };
    PlanWrite {
        content: draft.parse().expect("a valid plan"),
        reason: parse_reason("Ny plan").expect("reason"),
    }
}

fn new_meeting(w: &World, family: bool) -> NewMeeting {
    let start = today().add_days(1).start_ms() + 9 * 3_600_000;
    NewMeeting {
        template_id: MeetingTemplateId::parse("default").expect("the built-in template"),
        time: MeetingTime::new(start, start + 3_600_000).expect("time"),
        place: "Skolen, møterom 2".into(),
        leader: w.teacher_a.staff.clone(),
        staff: vec![],
        family: if family {
            vec![w.guardian_a.clone()]
        } else {
            vec![]
        },
        child: true,
    }
}

fn about_family() -> MeetingEvent {
    MeetingEvent::Decision(Decision::parse("Leksehjelp to dager i uka", true, None).expect("d"))
}

#[tokio::test]
async fn a_meeting_with_the_family_records_decisions_and_action_items_become_measures() {
    let w = world().await;
    let a = as_actor(&w, &w.teacher_a);
    let b = as_actor(&w, &w.teacher_b);
    let plan = a
        .create_plan(&w.child_a, None, plan_write())
        .await
        .expect("plan");
    // The municipality's template and poster, as the administrator saves them.
    let admin = store(&w).system_access(&w.tenant);
    let mut template = MeetingTemplate::default_template();
    template.name = ettlag_core::text::Text::parse("Oppfølgingsmøte", 200).expect("name");
    let template_id = admin
        .save_meeting_template(None, template)
        .await
        .expect("template");
    admin
        .save_values_poster(ValuesPoster::parse(ValuesPoster::sample()).expect("poster"))
        .await
        .expect("poster");
    assert!(matches!(
        a.save_values_poster(ValuesPoster::default()).await,
        Err(DbError::Forbidden)
    ));
    let templates = a.meeting_templates().await.expect("templates");
    assert_eq!(
        templates.len(),
        1,
        "the municipality's own replace the default"
    );
    assert!(matches!(
        a.create_meeting(&plan, new_meeting(&w, true)).await,
        Err(DbError::Refused("meeting-error-template"))
    ));
    let candidates = a.meeting_candidates(&plan).await.expect("candidates");
    assert!(
        candidates
            .relatives
            .iter()
            .any(|(id, _)| id == &w.guardian_a)
    );
    let mut call = new_meeting(&w, true);
    call.template_id = template_id;
    let id = a.create_meeting(&plan, call).await.expect("meeting");

    // Another school cannot tell the meeting exists, nor write in it.
    assert!(matches!(b.meeting(&id).await, Err(DbError::NotFound)));
    assert!(matches!(
        b.record_in_meeting(&id, MeetingEvent::minute("x").expect("m"))
            .await,
        Err(DbError::NotFound)
    ));
    assert!(matches!(
        b.create_meeting(&plan, new_meeting(&w, true)).await,
        Err(DbError::NotFound)
    ));

    // Before anyone from the family is marked present, a decision about
    // the family is refused and nothing is written.
    assert!(matches!(
        a.record_in_meeting(&id, about_family()).await,
        Err(DbError::Refused("meeting-error-family-absent"))
    ));
    let view = a.meeting(&id).await.expect("read");
    assert!(view.events.is_empty());
    assert_eq!(view.poster.values.len(), 3);
    assert_eq!(view.meeting.invitees.len(), 3, "leader, guardian, child");
    let parent = view
        .meeting
        .invitees
        .iter()
        .position(|i| i.id == w.guardian_a.as_str())
        .expect("parent invited");
    a.record_in_meeting(
        &id,
        MeetingEvent::Attendance {
            present: vec![0, parent],
        },
    )
    .await
    .expect("attendance");
    a.record_in_meeting(
        &id,
        MeetingEvent::minute("Vi startet med det som er viktig for Ada").expect("m"),
    )
    .await
    .expect("minute");
    a.record_in_meeting(
        &id,
        MeetingEvent::child_voice(
            "Samtale med tegninger før møtet",
            "Jeg vil lese for lillebror",
        )
        .expect("voice"),
    )
    .await
    .expect("voice");
    a.record_in_meeting(&id, about_family())
        .await
        .expect("decision");
    assert!(matches!(
        a.record_in_meeting(&id, MeetingEvent::Attendance { present: vec![9] })
            .await,
        Err(DbError::Refused("meeting-error-invitee"))
    ));
    for what in ["Leksehjelp tirsdag", "Lesestund med mor"] {
        a.add_meeting_action(
            &id,
            NewActionItem {
                what: what.into(),
                responsible: w.teacher_a.staff.clone(),
                deadline: today().add_days(30).to_string(),
                goal: "1".into(),
            },
        )
        .await
        .expect("action item");
    }
    assert!(matches!(
        a.add_meeting_action(
            &id,
            NewActionItem {
                what: "x".into(),
                responsible: w.teacher_a.staff.clone(),
                deadline: today().to_string(),
                goal: "7".into(),
            },
        )
        .await,
        Err(DbError::Refused("meeting-error-goal"))
    ));
    let plan_view = a.plan(&plan).await.expect("plan");
    assert_eq!(plan_view.revisions.len(), 3, "one revision per action item");
    let measures = &plan_view.revisions[2].content.measures;
    assert_eq!(measures.len(), 2);
    assert!(
        measures
            .iter()
            .all(|m| m.origin.as_ref().is_some_and(|o| o.meeting == id))
    );
    // The first revision reads as it stood.
    assert!(plan_view.revisions[0].content.measures.is_empty());

    let lines = a.plan_meetings(&plan).await.expect("meetings");
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].decisions.len(), 1);
    assert!(matches!(
        b.plan_meetings(&plan).await,
        Err(DbError::NotFound)
    ));

    // A second meeting without the family: refused, unless the family
    // confirmed it afterwards.
    let second = a
        .create_meeting(&plan, {
            let mut m = new_meeting(&w, false);
            m.template_id = templates[0].0.clone();
            m
        })
        .await
        .expect("second");
    a.record_in_meeting(&second, MeetingEvent::Attendance { present: vec![0] })
        .await
        .expect("attendance");
    assert!(matches!(
        a.record_in_meeting(&second, about_family()).await,
        Err(DbError::Refused("meeting-error-family-absent"))
    ));
    let confirmed = Decision::parse(
        "Leksehjelp to dager i uka",
        true,
        Confirmation::parse("Mor", &today().add_days(2).to_string(), "på telefon").expect("c"),
    )
    .expect("d");
    a.record_in_meeting(&second, MeetingEvent::Decision(confirmed))
        .await
        .expect("confirmed afterwards");

    let audit: Vec<(String, String, String)> = store(&w)
        .audit_records(&w.tenant, 100_000)
        .await
        .expect("audit")
        .into_iter()
        .map(|r| r.event)
        .filter(|e| e.resource_type == "meeting")
        .map(|e| (e.resource_id, e.action, e.outcome))
        .collect();
    assert!(audit.contains(&(id.to_string(), "read".into(), "allow".into())));
    assert!(audit.contains(&(id.to_string(), "read".into(), "deny".into())));
    assert!(audit.contains(&(id.to_string(), "create".into(), "allow".into())));
    assert!(audit.contains(&(id.to_string(), "update".into(), "allow".into())));
    assert!(audit.contains(&(id.to_string(), "list".into(), "allow".into())));
    assert!(audit.contains(&(plan.to_string(), "create".into(), "deny".into())));
}
