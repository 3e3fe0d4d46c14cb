//! Collaboration meetings about a relay log (action items become measure
//! entries in the log; access is the log's), invitations in the mail
//! outbox, inactive templates, and coordinators ended and overseen by the
//! coordinating unit.

use ettlag_core::ids::{MeetingTemplateId, RelayLogId};
use ettlag_core::meeting::{Decision, MeetingEvent, MeetingTemplate, MeetingTime};
use ettlag_core::plan::{CoordinatorKind, Due};
use ettlag_core::policy::Actor;
use ettlag_core::relay::{ConcernDecision, DevelopmentArea, Level};
use ettlag_core::text::Text;
use ettlag_core::{Day, Role, RoleSet, ServiceType};
use ettlag_db::{
    ActionOutcome, DbError, LogCommand, MEETING_INVITATION, MeetingInvitation, NewActionItem,
    NewConcern, NewMeeting, NewStaff, now_ms,
};

use crate::support::{World, as_actor, store, world};

fn today() -> Day {
    Day::from_ms(now_ms())
}

fn call(w: &World, template: &str) -> NewMeeting {
    let start = today().add_days(1).start_ms() + 9 * 3_600_000;
    NewMeeting {
        template_id: MeetingTemplateId::parse(template).expect("a template id"),
        time: MeetingTime::new(start, start + 3_600_000).expect("time"),
        place: "Skolen, møterom 2".into(),
        leader: w.teacher_a.staff.clone(),
        staff: vec![],
        family: vec![w.guardian_a.clone()],
        child: true,
    }
}

async fn log_at_level_one(w: &World) -> RelayLogId {
    let a = as_actor(w, &w.teacher_a);
    let concern = a
        .raise_concern(NewConcern {
            child: w.child_a.clone(),
            unit: None,
            text: Text::parse("Ada trenger mer hjelp", 100).expect("text"),
            areas: vec![DevelopmentArea::Social],
            since: None,
        })
        .await
        .expect("raise");
    a.decide_concern(
        &concern,
        ConcernDecision::StartLog(Level::One),
        Some(crate::support::told()),
        None,
        None,
    )
    .await
    .expect("decide")
    .expect("log")
}

async fn meeting_events(w: &World, id: &str) -> Vec<(String, String)> {
    store(w)
        .audit_records(&w.tenant, 100_000)
        .await
        .expect("audit")
        .into_iter()
        .map(|r| r.event)
        .filter(|e| e.resource_id == id && e.resource_type == "meeting")
        .map(|e| (e.action, e.outcome))
        .collect()
}

#[tokio::test]
async fn a_meeting_about_a_relay_log_writes_its_action_items_into_the_log() {
    let w = world().await;
    let a = as_actor(&w, &w.teacher_a);
    let b = as_actor(&w, &w.teacher_b);
    store(&w)
        .set_staff_email(
            &w.tenant,
            &w.teacher_a.staff,
            Some("lærer.a@testvik.no".into()),
        )
        .await
        .expect("email");
    let log = log_at_level_one(&w).await;
    // Level 1 is inside one service: no collaboration meeting yet.
    assert!(matches!(
        a.create_log_meeting(&log, call(&w, "default")).await,
        Err(DbError::Refused("meeting-error-log-level"))
    ));
    a.record(
        &log,
        LogCommand::ChangeLevel {
            to: Level::Two,
            reason: "Helsestasjonen inn".into(),
            family_informed: Some(crate::support::told()),
        },
        None,
    )
    .await
    .expect("level 2");
    let candidates = a
        .meeting_candidates_about(&ettlag_db::MeetingAbout::Log(log.clone()))
        .await
        .expect("candidates");
    assert!(candidates.relatives.iter().any(|(p, _)| *p == w.guardian_a));
    let id = a
        .create_log_meeting(&log, call(&w, "default"))
        .await
        .expect("meeting");
    // Another school does not learn that the log or the meeting exists.
    assert!(matches!(
        b.create_log_meeting(&log, call(&w, "default")).await,
        Err(DbError::NotFound)
    ));
    assert!(matches!(b.meeting(&id).await, Err(DbError::NotFound)));
    assert!(matches!(b.log_meetings(&log).await, Err(DbError::NotFound)));

    let view = a.meeting(&id).await.expect("read");
    assert_eq!(view.log_id.as_deref(), Some(log.as_str()));
    assert_eq!(view.plan_id, None);
    assert!(view.goals.is_empty());
    // A decision about the family needs the family.
    let about_family =
        MeetingEvent::Decision(Decision::parse("Tett oppfølging", true, None).expect("d"));
    assert!(matches!(
        a.record_in_meeting(&id, about_family.clone()).await,
        Err(DbError::Refused("meeting-error-family-absent"))
    ));
    let guardian = view
        .meeting
        .invitees
        .iter()
        .position(|i| i.id == w.guardian_a.as_str())
        .expect("guardian invited");
    a.record_in_meeting(
        &id,
        MeetingEvent::Attendance {
            present: vec![guardian],
        },
    )
    .await
    .expect("attendance");
    a.record_in_meeting(&id, about_family)
        .await
        .expect("decision");

    // An action item becomes a measure entry in the log.
    let deadline = today().add_days(30);
    let outcome = a
        .add_meeting_action(
            &id,
            NewActionItem {
                what: "Samtale med helsesykepleier hver uke".into(),
                responsible: w.teacher_a.staff.clone(),
                deadline: deadline.to_string(),
                goal: String::new(),
            },
        )
        .await
        .expect("action");
    let ActionOutcome::LogEntry(entry) = outcome else {
        panic!("a log meeting's action item is a log entry: {outcome:?}");
    };
    let measures = a.relay_log(&log).await.expect("log").measures;
    let m = measures
        .iter()
        .find(|m| m.id == entry)
        .expect("the measure is in the log");
    assert_eq!(m.due, deadline);
    assert_eq!(m.responsible, w.teacher_a.staff);
    assert_eq!(m.responsible_unit, w.school_a);
    // A deadline in the past is refused and nothing is written.
    assert!(matches!(
        a.add_meeting_action(
            &id,
            NewActionItem {
                what: "For sent".into(),
                responsible: w.teacher_a.staff.clone(),
                deadline: today().add_days(-1).to_string(),
                goal: String::new(),
            },
        )
        .await,
        Err(DbError::Refused("meeting-error-time"))
    ));
    assert_eq!(a.relay_log(&log).await.expect("log").measures.len(), 1);
    let listed = a.log_meetings(&log).await.expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].decisions.len(), 1);

    // Every access is in the access log, the stranger's as denied.
    let events = meeting_events(&w, &id).await;
    assert!(events.contains(&("read".into(), "allow".into())));
    assert!(events.contains(&("read".into(), "deny".into())));
    assert!(events.contains(&("create".into(), "allow".into())));

    // The invitation waits in the outbox for the leader, who has an
    // address, and names no child.
    let mails: Vec<_> = store(&w)
        .outbox_unsent()
        .await
        .expect("outbox")
        .into_iter()
        .filter(|m| m.tenant == w.tenant)
        .collect();
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert_eq!(mails[0].kind, MEETING_INVITATION);
    assert_eq!(mails[0].to, "lærer.a@testvik.no");
    let params: MeetingInvitation = serde_json::from_str(&mails[0].params).expect("params");
    assert_eq!(params.meeting_id, id);
    assert_eq!(params.place, "Skolen, møterom 2");
    let child_name = candidates.person.1;
    assert!(
        !mails[0].params.contains(&child_name),
        "{}",
        mails[0].params
    );
    for part in child_name.split_whitespace() {
        assert!(
            !mails[0].params.contains(part),
            "{part} in {}",
            mails[0].params
        );
    }
    store(&w).mark_outbox_sent(&mails[0]).await.expect("sent");
    assert!(
        store(&w)
            .outbox_unsent()
            .await
            .expect("outbox")
            .iter()
            .all(|m| m.tenant != w.tenant)
    );
}

#[tokio::test]
async fn an_inactive_template_is_not_offered_and_meetings_keep_theirs() {
    let w = world().await;
    let admin = store(&w).system_access(&w.tenant);
    let mut kept = MeetingTemplate::default_template();
    kept.name = Text::parse("Overgangsmøte", 200).expect("name");
    let mut retired = MeetingTemplate::default_template();
    retired.name = Text::parse("Gammelt møte", 200).expect("name");
    let kept = admin.save_meeting_template(None, kept).await.expect("kept");
    let retired_id = admin
        .save_meeting_template(None, retired.clone())
        .await
        .expect("retired");
    let log = log_at_level_one(&w).await;
    let a = as_actor(&w, &w.teacher_a);
    a.record(
        &log,
        LogCommand::ChangeLevel {
            to: Level::Two,
            reason: "Helsestasjonen inn".into(),
            family_informed: Some(crate::support::told()),
        },
        None,
    )
    .await
    .expect("level 2");
    let old = a
        .create_log_meeting(&log, call(&w, &retired_id))
        .await
        .expect("called from the template while active");
    admin
        .set_meeting_template_active(&retired_id, false)
        .await
        .expect("deactivate");
    // A colleague may not deactivate templates.
    assert!(matches!(
        a.set_meeting_template_active(&kept, false).await,
        Err(DbError::Forbidden)
    ));
    let offered = a.meeting_templates().await.expect("offered");
    assert_eq!(offered.len(), 1);
    assert_eq!(offered[0].0, kept);
    let all = admin.all_meeting_templates(true).await.expect("all");
    assert!(all.iter().any(|t| t.id == retired_id && !t.active));
    assert!(matches!(
        a.create_log_meeting(&log, call(&w, &retired_id)).await,
        Err(DbError::Refused("meeting-error-template"))
    ));
    // Editing keeps it inactive; the old meeting keeps its copy.
    retired.purpose = Text::parse("Nytt formål", 200).expect("purpose");
    admin
        .save_meeting_template(Some(&retired_id), retired)
        .await
        .expect("edit");
    let all = admin.all_meeting_templates(true).await.expect("all");
    assert!(all.iter().any(|t| t.id == retired_id && !t.active));
    let view = a.meeting(&old).await.expect("old meeting");
    assert_eq!(view.meeting.template.name.as_str(), "Gammelt møte");
    admin
        .set_meeting_template_active(&retired_id, true)
        .await
        .expect("activate");
    assert_eq!(a.meeting_templates().await.expect("offered").len(), 2);
}

async fn coordinating_unit(w: &World) -> Actor {
    let s = store(w);
    let admin = s.system_access(&w.tenant);
    let unit = admin
        .create_unit("Koordinerende enhet", ServiceType::CoordinatingUnit)
        .await
        .expect("unit");
    let id = admin
        .create_staff(NewStaff {
            username: "ke".into(),
            display_name: "Kim Koordinerende".into(),
            roles: RoleSet::new(vec![Role::Staff]),
            units: vec![unit],
            password_hash: None,
        })
        .await
        .expect("staff");
    s.actor(&w.tenant, &id).await.expect("load").expect("actor")
}

#[tokio::test]
async fn the_coordinating_unit_ends_coordinators_and_oversees_every_plan_and_load() {
    let w = world().await;
    let ke = coordinating_unit(&w).await;
    let k = as_actor(&w, &ke);
    let a = as_actor(&w, &w.teacher_a);
    k.assign_coordinator(&w.child_a, CoordinatorKind::Coordinator, &w.teacher_b.staff)
        .await
        .expect("assign");
    k.assign_coordinator(
        &w.child_b,
        CoordinatorKind::ChildCoordinator,
        &w.teacher_b.staff,
    )
    .await
    .expect("assign");
    // Only the coordinating unit sees the overview.
    assert!(matches!(
        a.coordination_overview().await,
        Err(DbError::Forbidden)
    ));
    let o = k.coordination_overview().await.expect("overview");
    assert_eq!(o.lines.len(), 2);
    assert!(
        o.lines
            .iter()
            .all(|l| l.due == Due::NoPlan && l.plan_id.is_none())
    );
    assert_eq!(o.load.len(), 1);
    assert_eq!(o.load[0].staff_id, w.teacher_b.staff);
    assert_eq!((o.load[0].people, o.load[0].without_plan), (2, 2));
    // Teacher A cannot end a coordinator; the unit can, once.
    assert!(
        a.end_coordinator(&w.child_a, CoordinatorKind::Coordinator)
            .await
            .is_err()
    );
    k.end_coordinator(&w.child_a, CoordinatorKind::Coordinator)
        .await
        .expect("end");
    assert!(matches!(
        k.end_coordinator(&w.child_a, CoordinatorKind::Coordinator)
            .await,
        Err(DbError::Refused("plan-error-no-coordinator"))
    ));
    assert!(k.coordinators(&w.child_a).await.expect("list").1.is_empty());
    let o = k.coordination_overview().await.expect("overview");
    assert_eq!(o.lines.len(), 1);
    assert_eq!(o.lines[0].person_id, w.child_b);
    assert_eq!(o.lines[0].coordinators.len(), 1);
    assert_eq!(o.load[0].people, 1);
    let audit: Vec<_> = store(&w)
        .audit_records(&w.tenant, 100_000)
        .await
        .expect("audit")
        .into_iter()
        .map(|r| r.event)
        .filter(|e| e.resource_type == "coordination_overview")
        .map(|e| e.outcome)
        .collect();
    assert!(audit.contains(&"allow".to_string()) && audit.contains(&"deny".to_string()));
}
