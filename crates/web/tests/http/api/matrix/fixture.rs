//! The callers of the matrix and the data its rows point at.

use ettlag_core::policy::Purpose;
use ettlag_core::{PersonId, PersonKind, RelationKind, Role, RoleSet, ServiceType, UnitId};
use ettlag_db::{NewPerson, NewStaff};
use reqwest::StatusCode;
use serde_json::json;

use super::super::relay::{raise, write};
use crate::world::{World, json};

/// The columns of the matrix, in order.
pub const CALLERS: [&str; 11] = [
    "no token",
    "wrong token",
    "teacher A",
    "teacher B",
    "unit leader A",
    "municipality leader",
    "administrator",
    "privacy officer",
    "deactivated staff",
    "child welfare",
    "intake",
];

/// The token each column sends; `None` sends no `Authorization` at all.
pub struct Callers {
    pub tokens: [Option<String>; 11],
    /// The staff id of unit leader A, who is offered batons.
    pub leader_a: String,
    /// The token of the intake worker, who assigns the items of the cases.
    pub intake: String,
}

/// A staff member with a token.
async fn staff(w: &World, user: &str, roles: Vec<Role>, units: Vec<UnitId>) -> (String, String) {
    let id =
        w.db.store
            .system_access(&w.tenant)
            .create_staff(NewStaff {
                username: user.into(),
                display_name: format!("Navn {user}"),
                roles: RoleSet::new(roles),
                units,
                password_hash: None,
            })
            .await
            .expect("staff");
    let token =
        w.db.store
            .create_api_token(&w.tenant, &id, "test")
            .await
            .expect("token");
    (id.as_str().to_string(), token)
}

pub async fn callers(w: &World) -> Callers {
    let store = &w.db.store;
    let (leader_a, leader_token) = staff(
        w,
        "leder.a",
        vec![Role::UnitLeader],
        vec![w.school_a.clone()],
    )
    .await;
    let (_, muni_token) = staff(w, "kommunalsjef", vec![Role::MunicipalityLeader], vec![]).await;
    let officer = store
        .account("personvern")
        .await
        .expect("account")
        .expect("the privacy officer");
    let officer_token = store
        .create_api_token(&w.tenant, &officer.staff_id, "test")
        .await
        .expect("token");
    // A teacher at school A whose account was deactivated after the token
    // was made: the token stops working at once.
    let (gone, gone_token) = staff(w, "sluttet", vec![Role::Staff], vec![w.school_a.clone()]).await;
    let admin = store
        .account("admin")
        .await
        .expect("account")
        .expect("the administrator");
    let admin = store
        .actor(&w.tenant, &admin.staff_id)
        .await
        .expect("actor")
        .expect("active");
    store
        .access(admin, Purpose::Administration, "matrix")
        .set_staff_active(&ettlag_core::StaffId::from_trusted(gone), false)
        .await
        .expect("deactivate");
    // The municipality's child welfare unit and its caseworker.
    let child_welfare = w.add_child_welfare().await;
    // The coordinating unit's intake worker.
    let intake = w.add_intake().await;
    Callers {
        tokens: [
            None,
            Some("not-a-token-anyone-has".into()),
            Some(w.teacher_a.clone()),
            Some(w.teacher_b.clone()),
            Some(leader_token),
            Some(muni_token),
            Some(w.admin.clone()),
            Some(officer_token),
            Some(gone_token),
            Some(child_welfare.token),
            Some(intake.token.clone()),
        ],
        leader_a,
        intake: intake.token,
    }
}

/// The ids a row's path and body are made of.
#[derive(Debug, Clone)]
pub struct Ids {
    /// A child of school A with a guardian, an open relay log held by
    /// teacher A (with one entry), a concern not yet decided, and a consent.
    pub child: String,
    pub guardian: String,
    pub concern: String,
    pub log: String,
    pub entry: String,
    pub consent: String,
    /// A report about the child to child welfare, sent by teacher A.
    pub report: String,
    /// A closed log (of child A2), with its archive copy.
    pub closed_log: String,
    pub child_b: String,
    pub school_a: String,
    pub school_b: String,
    /// Guardian A, related to no fresh child.
    pub other_adult: String,
    pub leader_a: String,
    /// An intake item about the child: teacher A's request for help,
    /// assigned by the intake worker to school A.
    pub intake: String,
    /// The intake worker's token (not an id: kept by [`Ids::missing`]).
    pub intake_token: String,
    /// Unique per fresh target, for names that must be unique.
    pub n: usize,
    /// A feedback answer about the child, given in a meeting with teacher A.
    pub feedback_answer: String,
    /// The feedback episode of that answer.
    pub feedback_episode: String,
    /// Child A1's individual plan, made by teacher A, and a meeting about it
    /// with the guardian invited.
    pub plan: String,
    pub meeting: String,
    /// An annual-cycle task for school A's leaders, and an occurrence's due day.
    pub cycle_task: String,
    pub cycle_due: String,
}

/// An id of the right shape that names nothing.
pub const MISSING: &str = "0000matrix0000-no-such-id";

impl Ids {
    /// The same ids with every path id replaced by one that names nothing.
    pub fn missing(&self) -> Ids {
        let m = || MISSING.to_string();
        Ids {
            child: m(),
            guardian: m(),
            concern: m(),
            log: m(),
            entry: m(),
            consent: m(),
            report: m(),
            closed_log: m(),
            child_b: m(),
            intake: m(),
            feedback_answer: m(),
            feedback_episode: m(),
            plan: m(),
            meeting: m(),
            cycle_task: m(),
            ..self.clone()
        }
    }
}

/// A unit the consents name; nobody works there, so a consent changes no
/// one's access.
pub async fn unstaffed_unit(w: &World) -> UnitId {
    w.db.store
        .system_access(&w.tenant)
        .create_unit("Helsestasjonen", ServiceType::HealthStation)
        .await
        .expect("unit")
}

/// Fills in the case of `child` (at school A, with `guardian`): an open log
/// with an entry, a concern not decided, a consent; with `offer`, the baton
/// offered by teacher A to unit leader A; with `report`, a report about the
/// child sent by teacher A.
async fn case(w: &World, base: &Ids, unit_c: &UnitId, offer: bool, report: bool) -> Ids {
    let child = PersonId::from_trusted(base.child.clone());
    let log = {
        let concern = raise(w, &w.teacher_a, child.as_str()).await;
        let body =
            json!({"decision": "start_log", "level": 1, "family_informed": crate::world::told()});
        let path = format!("/api/v1/concerns/{concern}/decision");
        let (status, decided) = json(w.post(&w.teacher_a, &path, &body).await).await;
        assert_eq!(status, StatusCode::OK, "{decided}");
        decided["log_id"].as_str().expect("a log").to_string()
    };
    let concern = raise(w, &w.teacher_a, child.as_str()).await;
    let entry = write(
        w,
        &w.teacher_a,
        &log,
        json!({"kind": "goal", "text": "Lese"}),
    )
    .await;
    let consent = json!({
        "grantors": [base.guardian],
        "purpose": "Helsestasjonen følger opp.",
        "categories": ["relay_log"],
        "units": [unit_c.as_str()],
        "evidence": "meeting",
    });
    let r = w
        .post(
            &w.teacher_a,
            &format!("/api/v1/children/{child}/consents"),
            &consent,
        )
        .await;
    let (status, created) = json(r).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    if offer {
        let body = json!({"to_staff_id": base.leader_a, "to_unit_id": base.school_a});
        let r = w
            .post(
                &w.teacher_a,
                &format!("/api/v1/relay-logs/{log}/baton/offer"),
                &body,
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
    }
    let report = if report {
        let body = json!({"child_id": child.as_str(), "grounds": ["a"], "text": "Blåmerker"});
        let (status, sent) = json(w.post(&w.teacher_a, "/api/v1/reports", &body).await).await;
        assert_eq!(status, StatusCode::CREATED, "{sent}");
        sent["id"].as_str().expect("id").to_string()
    } else {
        String::new()
    };
    let intake = intake_item(w, base, &child).await;
    Ids {
        concern,
        log,
        entry,
        report,
        intake,
        consent: created["id"].as_str().expect("id").to_string(),
        ..base.clone()
    }
}

/// Teacher A's request for help about `child`, assigned by the intake
/// worker to school A.
async fn intake_item(w: &World, base: &Ids, child: &PersonId) -> String {
    let body = json!({"source": "staff_request", "person_id": child.as_str(), "text": "Trenger hjelp rundt barnet"});
    let (status, item) = json(w.post(&w.teacher_a, "/api/v1/intake", &body).await).await;
    assert_eq!(status, StatusCode::CREATED, "{item}");
    let item = item["id"].as_str().expect("id").to_string();
    let assign = json!({"step": "assigned", "to": {"kind": "unit", "unit": base.school_a}});
    let path = format!("/api/v1/intake/{item}/steps");
    let (status, assigned) = json(w.post(&base.intake_token, &path, &assign).await).await;
    assert_eq!(status, StatusCode::OK, "{assigned}");
    item
}

/// The shared target: child A1's case, and a closed log of child A2.
pub async fn shared(w: &World, callers: &Callers, unit_c: &UnitId) -> Ids {
    let leader_a = callers.leader_a.as_str();
    let closed_log = {
        // child A2's log, closed by its holder.
        let concern = raise(w, &w.teacher_a, w.child_a2.as_str()).await;
        let body =
            json!({"decision": "start_log", "level": 1, "family_informed": crate::world::told()});
        let path = format!("/api/v1/concerns/{concern}/decision");
        let (status, decided) = json(w.post(&w.teacher_a, &path, &body).await).await;
        assert_eq!(status, StatusCode::OK, "{decided}");
        let log = decided["log_id"].as_str().expect("a log").to_string();
        let close = json!({"reason": "goals_reached"});
        let r = w
            .post(
                &w.teacher_a,
                &format!("/api/v1/relay-logs/{log}/close"),
                &close,
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        log
    };
    let base = Ids {
        child: w.child_a1.as_str().into(),
        guardian: w.guardian_a.as_str().into(),
        concern: String::new(),
        log: String::new(),
        entry: String::new(),
        consent: String::new(),
        report: String::new(),
        closed_log,
        child_b: w.child_b.as_str().into(),
        school_a: w.school_a.as_str().into(),
        school_b: w.school_b.as_str().into(),
        other_adult: w.guardian_a.as_str().into(),
        leader_a: leader_a.into(),
        intake: String::new(),
        intake_token: callers.intake.clone(),
        n: 0,
        feedback_answer: String::new(),
        feedback_episode: String::new(),
        plan: String::new(),
        meeting: String::new(),
        cycle_task: String::new(),
        cycle_due: String::new(),
    };
    let ids = case(w, &base, unit_c, false, true).await;
    let (feedback_episode, feedback_answer) = feedback_answer(w, &w.child_a1).await;
    let (plan, meeting) = plan_and_meeting(w, &ids).await;
    let (cycle_task, cycle_due) = cycle_task(w).await;
    Ids {
        feedback_answer,
        feedback_episode,
        plan,
        meeting,
        cycle_task,
        cycle_due,
        ..ids
    }
}

/// A feedback episode of the test pack for `child` in school A, with one
/// answer given in a meeting with teacher A: the episode's id and the answer's.
async fn feedback_answer(w: &World, child: &PersonId) -> (String, String) {
    let s = &w.db.store;
    s.install_pack_for(
        &w.tenant,
        include_str!("../../../../../../packs/test.toml"),
        ettlag_db::PackOrigin::Shipped,
    )
    .await
    .expect("store")
    .expect("pack");
    let teacher = s
        .actor(&w.tenant, &w.staff_a)
        .await
        .expect("load")
        .expect("actor");
    let a = s.access(teacher, ettlag_core::policy::Purpose::FollowUp, "matrix");
    let episode = a
        .start_feedback_episode(ettlag_db::NewEpisode {
            person: child.clone(),
            unit: w.school_a.clone(),
            pack_id: "test".into(),
            log_id: None,
            plan_id: None,
        })
        .await
        .expect("episode");
    let items = [73, 80, 80, 80]
        .map(ettlag_core::feedback::Tenths::new)
        .to_vec();
    let answer = a
        .record_feedback_answer(&episode, "outcome", items)
        .await
        .expect("answer")
        .id;
    (episode.to_string(), answer.into_string())
}

/// Child A1's plan and a meeting about it, made by teacher A through the API.
async fn plan_and_meeting(w: &World, ids: &Ids) -> (String, String) {
    let body = json!({
        "reason": "Ny plan",
        "plan": {
            "what_matters": "Vennene mine", "needs_and_dreams": "Spille fotball",
            "resources": "", "participants": "", "cooperation": "", "consent": "",
            "goals": [{"master": "Lese en bok", "by": "2030-01-01", "know_by": "Hun forteller"}],
            "measures": [],
            "period_start": "2025-01-01", "period_end": "2030-12-31", "next_revision": "2030-06-01",
        },
    });
    let path = format!("/api/v1/children/{}/plan", ids.child);
    let (status, made) = json(w.post(&w.teacher_a, &path, &body).await).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let plan = made["id"].as_str().expect("a plan").to_string();
    let body = json!({
        "template_id": "default", "start_ms": 1_900_000_000_000_i64, "end_ms": 1_900_003_600_000_i64,
        "place": "Skolen", "leader_id": w.staff_a.as_str(), "family_ids": [ids.guardian], "child": true,
    });
    let path = format!("/api/v1/plans/{plan}/meetings");
    let (status, called) = json(w.post(&w.teacher_a, &path, &body).await).await;
    assert_eq!(status, StatusCode::CREATED, "{called}");
    (plan, called["id"].as_str().expect("a meeting").to_string())
}

/// A fresh target for one write: a new child of school A with its own
/// guardian and case, so that the write changes nothing another cell reads.
pub async fn fresh(
    w: &World,
    shared: &Ids,
    unit_c: &UnitId,
    n: usize,
    offer: bool,
    report: bool,
) -> Ids {
    let base = fresh_child(w, shared, n).await;
    case(w, &base, unit_c, offer, report).await
}

/// A fresh child of school A with only an intake item (assigned to school
/// A): no relay log yet, so one may be started from the item.
pub async fn fresh_intake(w: &World, shared: &Ids, n: usize) -> Ids {
    let base = fresh_child(w, shared, n).await;
    let child = PersonId::from_trusted(base.child.clone());
    let intake = intake_item(w, &base, &child).await;
    Ids { intake, ..base }
}

/// A new child of school A with its own guardian.
async fn fresh_child(w: &World, shared: &Ids, n: usize) -> Ids {
    let system = w.db.store.system_access(&w.tenant);
    let person = |kind, given: String| NewPerson {
        kind,
        national_id: None,
        given_name: given,
        family_name: "Matrisesen".into(),
    };
    let child = system
        .create_person(person(PersonKind::Child, format!("Barn{n}")))
        .await
        .expect("child");
    let guardian = system
        .create_person(person(PersonKind::Adult, format!("Forelder{n}")))
        .await
        .expect("adult");
    system
        .add_relation(&child, &guardian, RelationKind::Guardian)
        .await
        .expect("relation");
    system
        .enrol(&child, &w.school_a, "2021-08-16")
        .await
        .expect("enrol");
    Ids {
        child: child.as_str().into(),
        guardian: guardian.as_str().into(),
        n,
        ..shared.clone()
    }
}

/// A monthly annual-cycle task for school A's leaders, and its next due day.
async fn cycle_task(w: &World) -> (String, String) {
    use ettlag_core::cycle::{Audience, CycleTask, Recurrence, RecurrenceKind};
    let r = Recurrence::new(RecurrenceKind::Monthly, 1, 15, 7).expect("recurrence");
    let task = CycleTask::new("Matrisen", "", Audience::Unit(w.school_a.clone()), r).expect("task");
    let id =
        w.db.store
            .system_access(&w.tenant)
            .save_cycle_task(None, task, true)
            .await
            .expect("cycle task");
    let due = r.first_on_or_after(ettlag_core::Day::from_ms(ettlag_db::now_ms()));
    (id.into_string(), due.to_string())
}
