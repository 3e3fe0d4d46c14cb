//! Whom a family notice reaches: the citizen policy decides. A young person
//! at the age hears of a new log about them and their parent does not; the
//! parent still hears of a handover ("who follows us up" is theirs to see);
//! and a meeting the family is invited to is announced once.

use ettlag_core::ids::{MeetingTemplateId, RelayLogId};
use ettlag_core::meeting::MeetingTime;
use ettlag_core::plan::{GoalDraft, PlanDraft, parse_reason};
use ettlag_core::policy::citizen::Citizen;
use ettlag_core::relay::{ConcernDecision, Level};
use ettlag_core::text::Text;
use ettlag_core::{Day, PersonId, PersonKind, RelationKind};
use ettlag_db::{
    FAMILY_NOTICE, FamilyNotice, LogCommand, NewConcern, NewMeeting, NewPerson, NoticeContact,
    NoticeKind, PlanWrite, now_ms,
};

use crate::support::{World, add_teacher, as_actor, nin, store, world};

async fn give_address(w: &World, person: &PersonId, address: &str) {
    store(w)
        .citizen_access(
            Citizen {
                tenant: w.tenant.clone(),
                person: person.clone(),
            },
            "test",
        )
        .set_notice_contact(
            NoticeContact {
                email: Some(address.into()),
                phone: None,
            },
            "nn",
        )
        .await
        .expect("address");
}

/// (recipient address, kind) of each family notice waiting.
async fn notices(w: &World) -> Vec<(String, NoticeKind)> {
    store(w)
        .outbox_unsent()
        .await
        .expect("outbox")
        .into_iter()
        .filter(|m| m.kind == FAMILY_NOTICE)
        .map(|m| {
            let n: FamilyNotice = serde_json::from_str(&m.params).expect("params");
            (m.to, n.notice)
        })
        .collect()
}

async fn open_log_about(w: &World, child: &PersonId) -> RelayLogId {
    let a = as_actor(w, &w.teacher_a);
    let concern = a
        .raise_concern(NewConcern {
            child: child.clone(),
            unit: None,
            text: Text::parse("Trekker seg unna", 100).expect("text"),
            areas: Vec::new(),
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

#[tokio::test]
async fn a_young_person_at_the_age_hears_of_a_new_log_and_the_parent_only_of_a_handover() {
    let w = world().await;
    let admin = store(&w).system_access(&w.tenant);
    let young = admin
        .create_person(NewPerson {
            kind: PersonKind::Child,
            national_id: Some(nin(2008, 5, 5)),
            given_name: "Ung".into(),
            family_name: "Testesen".into(),
        })
        .await
        .expect("young person");
    admin
        .add_relation(&young, &w.guardian_a, RelationKind::Guardian)
        .await
        .expect("relation");
    admin
        .enrol(&young, &w.school_a, "2021-08-16")
        .await
        .expect("enrol");
    give_address(&w, &young, "ung@familie.invalid").await;
    give_address(&w, &w.guardian_a, "gro@familie.invalid").await;

    let log = open_log_about(&w, &young).await;
    assert_eq!(
        notices(&w).await,
        vec![("ung@familie.invalid".to_string(), NoticeKind::NewLog)]
    );
    let colleague = add_teacher(&w, "kollega", &w.school_a).await;
    as_actor(&w, &w.teacher_a)
        .record(
            &log,
            LogCommand::OfferBaton {
                to: colleague.staff.clone(),
                to_unit: w.school_a.clone(),
                family_wish: None,
                transition: None,
            },
            None,
        )
        .await
        .expect("offer");
    as_actor(&w, &colleague)
        .record(&log, LogCommand::AcceptBaton, None)
        .await
        .expect("accept");
    let mut handovers: Vec<String> = notices(&w)
        .await
        .into_iter()
        .filter(|(_, k)| *k == NoticeKind::Handover)
        .map(|(to, _)| to)
        .collect();
    handovers.sort();
    assert_eq!(handovers, ["gro@familie.invalid", "ung@familie.invalid"]);
    w.db.remove().await;
}

#[tokio::test]
async fn a_meeting_the_family_is_invited_to_is_announced_once() {
    let w = world().await;
    give_address(&w, &w.guardian_a, "gro@familie.invalid").await;
    let t = as_actor(&w, &w.teacher_a);
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
            &w.child_a,
            None,
            PlanWrite {
                content: draft.parse().expect("a valid plan"),
                reason: parse_reason("Ny plan").expect("reason"),
            },
        )
        .await
        .expect("plan");
    let start = today.add_days(3).start_ms() + 9 * 3_600_000;
    let meeting = |family: Vec<PersonId>| NewMeeting {
        template_id: MeetingTemplateId::parse("default").expect("the built-in template"),
        time: MeetingTime::new(start, start + 3_600_000).expect("time"),
        place: "Nordli skole, rom 2".into(),
        leader: w.teacher_a.staff.clone(),
        staff: vec![],
        family,
        child: false,
    };
    // A meeting of the services only is not the family's to hear of.
    t.create_meeting(&plan, meeting(Vec::new()))
        .await
        .expect("staff meeting");
    assert!(notices(&w).await.is_empty());
    t.create_meeting(&plan, meeting(vec![w.guardian_a.clone()]))
        .await
        .expect("meeting");
    assert_eq!(
        notices(&w).await,
        vec![(
            "gro@familie.invalid".to_string(),
            NoticeKind::MeetingInvitation
        )]
    );
    w.db.remove().await;
}
