//! The family portal's feedback forms and next meetings: a guardian answers
//! an open episode about their child (stored as the parent's answer, with
//! its alerts on staff's desk, audited as the citizen), sees the coming
//! meetings they are invited to with who comes from the services, and gets
//! nothing about another child.

use ettlag_core::Day;
use ettlag_core::feedback::{Respondent, Tenths};
use ettlag_core::ids::{EpisodeId, MeetingTemplateId};
use ettlag_core::meeting::MeetingTime;
use ettlag_core::plan::{GoalDraft, PlanDraft, parse_reason};
use ettlag_core::policy::citizen::Citizen;
use ettlag_db::{
    CitizenAccess, DbError, FEEDBACK_ALERT, NewEpisode, NewMeeting, PackOrigin, PlanWrite, now_ms,
};

use crate::support::{World, as_actor, store, world};

const TEST_PACK: &str = include_str!("../../../../packs/test.toml");

fn parent(w: &World) -> CitizenAccess {
    store(w).citizen_access(
        Citizen {
            tenant: w.tenant.clone(),
            person: w.guardian_a.clone(),
        },
        "portal-follow",
    )
}

fn items(values: [u16; 4]) -> Vec<Tenths> {
    values.into_iter().map(Tenths::new).collect()
}

async fn open_episode(w: &World) -> EpisodeId {
    store(w)
        .install_pack_for(&w.tenant, TEST_PACK, PackOrigin::Shipped)
        .await
        .expect("store")
        .expect("a valid pack");
    as_actor(w, &w.teacher_a)
        .start_feedback_episode(NewEpisode {
            person: w.child_a.clone(),
            unit: w.school_a.clone(),
            pack_id: "test".into(),
            log_id: None,
            plan_id: None,
        })
        .await
        .expect("episode")
}

#[tokio::test]
async fn a_guardian_answers_an_open_feedback_form_as_the_parent() {
    let w = world().await;
    let id = open_episode(&w).await;
    let p = parent(&w);
    let open = p.open_feedback(&w.child_a).await.expect("open");
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].episode_id, id);
    assert_eq!(open[0].unit_name, "Nordli skole");
    assert!(open[0].pack.scale("outcome").is_some());
    // A wrong number of scores is refused with the score error and stores nothing.
    assert!(matches!(
        p.answer_feedback(&w.child_a, &id, "outcome", vec![Tenths::new(10)])
            .await,
        Err(DbError::Refused("feedback-score-item-count"))
    ));
    let saved = p
        .answer_feedback(&w.child_a, &id, "outcome", items([10, 50, 50, 50]))
        .await
        .expect("answer");
    assert_eq!(saved.total, Tenths::new(160));
    assert!(!saved.alerts.is_empty(), "a low answer raises alerts");
    let a = as_actor(&w, &w.teacher_a);
    let (view, _) = a.feedback_episode(&id).await.expect("episode");
    assert_eq!(view.answers.len(), 1);
    assert_eq!(view.answers[0].respondent, Respondent::Parent);
    let desk = a.my_work().await.expect("desk");
    assert!(
        desk.notifications
            .iter()
            .any(|n| n.kind == FEEDBACK_ALERT && n.feedback_episode_id.as_deref() == Some(&id)),
        "the alert reaches the one who started the episode"
    );
    // Another child's forms are neither listed nor answerable.
    assert!(matches!(
        p.open_feedback(&w.child_b).await,
        Err(DbError::NotFound)
    ));
    assert!(matches!(
        p.answer_feedback(&w.child_b, &id, "outcome", items([50, 50, 50, 50]))
            .await,
        Err(DbError::NotFound)
    ));
    // An episode of another person named through one's own child is not found.
    let other = as_actor(&w, &w.teacher_b)
        .start_feedback_episode(NewEpisode {
            person: w.child_b.clone(),
            unit: w.school_b.clone(),
            pack_id: "test".into(),
            log_id: None,
            plan_id: None,
        })
        .await
        .expect("episode");
    assert!(matches!(
        p.answer_feedback(&w.child_a, &other, "outcome", items([50, 50, 50, 50]))
            .await,
        Err(DbError::NotFound)
    ));
    // Every decision is in the access log as the citizen's, allowed or not.
    let audit = store(&w)
        .audit_records(&w.tenant, 500)
        .await
        .expect("audit");
    let actor = format!("citizen:{}", w.guardian_a.as_str());
    let answers: Vec<_> = audit
        .iter()
        .map(|r| &r.event)
        .filter(|e| e.actor_id == actor && e.resource_type == "feedback_answer")
        .map(|e| (e.outcome.as_str(), e.resource_id.as_str()))
        .collect();
    assert!(answers.contains(&("allow", id.as_str())));
    assert!(answers.contains(&("deny", id.as_str())));
    assert!(answers.contains(&("allow", other.as_str())));
    // Once the episode has ended, it is no longer offered nor answerable.
    a.end_feedback_episode(&id).await.expect("end");
    assert!(p.open_feedback(&w.child_a).await.expect("open").is_empty());
    assert!(matches!(
        p.answer_feedback(&w.child_a, &id, "outcome", items([50, 50, 50, 50]))
            .await,
        Err(DbError::Refused("feedback-error-ended"))
    ));
}

fn plan_write() -> PlanWrite {
    let today = Day::from_ms(now_ms());
    let draft = PlanDraft {
        what_matters: "Å være med vennene mine".into(),
        needs_and_dreams: "Bli fotballtrener".into(),
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
async fn a_guardian_sees_the_coming_meetings_they_are_invited_to() {
    let w = world().await;
    let a = as_actor(&w, &w.teacher_a);
    let plan = a
        .create_plan(&w.child_a, None, plan_write())
        .await
        .expect("plan");
    let start = Day::from_ms(now_ms()).add_days(3).start_ms() + 9 * 3_600_000;
    let meeting = |start: i64, family: bool| NewMeeting {
        template_id: MeetingTemplateId::parse("default").expect("the built-in template"),
        time: MeetingTime::new(start, start + 3_600_000).expect("time"),
        place: "Nordli skole, møterom 2".into(),
        leader: w.teacher_a.staff.clone(),
        staff: vec![],
        family: if family {
            vec![w.guardian_a.clone()]
        } else {
            vec![]
        },
        child: true,
    };
    let coming = a
        .create_meeting(&plan, meeting(start, true))
        .await
        .expect("meeting");
    let past = start - 10 * 86_400_000;
    a.create_meeting(&plan, meeting(past, true))
        .await
        .expect("a past meeting");
    let p = parent(&w);
    let next = p.next_meetings(&w.child_a).await.expect("meetings");
    assert_eq!(next.len(), 1, "only the meeting that has not ended");
    assert_eq!(next[0].id, coming);
    assert_eq!(next[0].meeting.place.as_str(), "Nordli skole, møterom 2");
    assert_eq!(next[0].staff.len(), 1);
    assert_eq!(next[0].staff[0].name, "lærer.a");
    assert_eq!(next[0].staff[0].units, vec!["Nordli skole".to_string()]);
    assert!(next[0].staff[0].leads);
    assert_eq!(
        p.next_meeting(&w.child_a, &coming).await.expect("one").id,
        coming
    );
    assert!(matches!(
        p.next_meetings(&w.child_b).await,
        Err(DbError::NotFound)
    ));
    assert!(matches!(
        p.next_meeting(&w.child_b, &coming).await,
        Err(DbError::NotFound)
    ));
    let audit = store(&w)
        .audit_records(&w.tenant, 500)
        .await
        .expect("audit");
    let actor = format!("citizen:{}", w.guardian_a.as_str());
    assert!(audit.iter().map(|r| &r.event).any(|e| e.actor_id == actor
        && e.resource_type == "meeting"
        && e.outcome == "allow"
        && e.resource_id == w.child_a.as_str()));
    assert!(audit.iter().map(|r| &r.event).any(|e| e.actor_id == actor
        && e.resource_type == "meeting"
        && e.outcome == "deny"
        && e.resource_id == w.child_b.as_str()));
}
