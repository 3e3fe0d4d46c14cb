//! Field groups inside a relay log: health and school entries reach only
//! the writer, the unit they were written from, and the units the family's
//! consent names for their category. Everyone else who reads the log is told
//! that something is withheld, never what.

use ettlag_core::consent::{AgeBasis, Category, Consent, Evidence, Recipients};
use ettlag_core::ids::RelayLogId;
use ettlag_core::policy::Actor;
use ettlag_core::relay::{ClosingReason, ConcernDecision, Entry, Level, Outcome};
use ettlag_core::text::{MAX_TEXT, Text};
use ettlag_core::{Day, RoleSet, ServiceType, UnitId};
use ettlag_db::{
    AccessContext, DbError, LogCommand, NewConcern, NewStaff, RelayLogView, WithheldView, now_ms,
};
use sha2::{Digest, Sha256};

use crate::support::{World, add_teacher, as_actor, store, world};

const HEALTH_OBSERVATION: &str = "Astma, bruker inhalator før gym";
const HEALTH_MEASURE: &str = "Oppfølging hos helsesykepleier hver fjortende dag";
const HEALTH_EVALUATION: &str = "Pusten er bedre etter ny medisin";
const SCHOOL_OBSERVATION: &str = "Leser to trinn under alderen";
const SHARED_OBSERVATION: &str = "Ada var glad og leken i dag";

fn text(s: &str) -> Text {
    Text::parse(s, MAX_TEXT).expect("text")
}

fn today() -> Day {
    Day::from_ms(now_ms())
}

fn consent(w: &World, categories: &[Category], units: &[&UnitId]) -> Consent {
    Consent {
        id: String::new(),
        subject: w.child_a.clone(),
        grantors: vec![w.guardian_a.clone()],
        basis: AgeBasis::Guardians,
        purpose: "Samarbeid om Ada".into(),
        recipients: Recipients {
            units: units.iter().map(|u| (*u).clone()).collect(),
            service_types: Vec::new(),
        },
        categories: categories.to_vec(),
        valid_from: today().add_days(-1),
        valid_to: Some(today().add_days(365)),
        evidence: Evidence::Meeting,
        withdrawn_at_ms: None,
        stance: Default::default(),
        awaiting: Vec::new(),
        one_guardian_accepted: false,
    }
}

fn entry(entry: Entry, category: Category) -> LogCommand {
    LogCommand::Entry {
        entry,
        supersedes: None,
        category,
    }
}

fn observation(what: &str) -> Entry {
    Entry::Observation { text: text(what) }
}

/// A health station with a nurse in it.
async fn health_station(w: &World) -> (UnitId, Actor) {
    let s = store(w);
    let admin = s.system_access(&w.tenant);
    let unit = admin
        .create_unit("Testvik helsestasjon", ServiceType::HealthStation)
        .await
        .expect("unit");
    let id = admin
        .create_staff(NewStaff {
            username: "helsesykepleier".into(),
            display_name: "Hilde Helse".into(),
            roles: RoleSet::new(vec![ettlag_core::Role::Staff]),
            units: vec![unit.clone()],
            password_hash: None,
        })
        .await
        .expect("staff");
    let nurse = s.actor(&w.tenant, &id).await.expect("load").expect("actor");
    (unit, nurse)
}

/// Teacher A opens a log about child A (school A holds it).
async fn open_log(w: &World) -> RelayLogId {
    let a = as_actor(w, &w.teacher_a);
    let concern = a
        .raise_concern(NewConcern {
            child: w.child_a.clone(),
            unit: None,
            text: text("Ada er ofte sliten og andpusten"),
            areas: Vec::new(),
            since: None,
        })
        .await
        .expect("raise");
    a.decide_concern(
        &concern,
        ConcernDecision::StartLog(Level::Two),
        Some(crate::support::told()),
        None,
        None,
    )
    .await
    .expect("decide")
    .expect("log")
}

async fn view(ctx: &AccessContext, log: &RelayLogId) -> RelayLogView {
    ctx.relay_log(log).await.expect("read log")
}

fn event_ids(v: &RelayLogView) -> Vec<&str> {
    v.events.iter().map(|e| e.id.as_str()).collect()
}

fn withheld_ids(v: &RelayLogView) -> Vec<&str> {
    v.withheld.iter().map(|e| e.id.as_str()).collect()
}

fn json(v: &RelayLogView) -> String {
    serde_json::to_string(v).expect("the view serializes")
}

/// The serialized view names none of these texts.
fn shows_none_of(v: &RelayLogView, texts: &[&str]) {
    let json = json(v);
    for t in texts {
        assert!(!json.contains(t), "{t:?} leaked into the view: {json}");
    }
}

fn shows_all_of(v: &RelayLogView, texts: &[&str]) {
    let json = json(v);
    for t in texts {
        assert!(json.contains(t), "{t:?} is missing from the view");
    }
}

fn withheld<'a>(v: &'a RelayLogView, id: &str) -> &'a WithheldView {
    v.withheld
        .iter()
        .find(|h| h.id == id)
        .unwrap_or_else(|| panic!("{id} is not withheld: {:?}", v.withheld))
}

#[tokio::test]
async fn health_entries_reach_only_the_units_the_consent_names_for_health() {
    let w = world().await;
    let (station, nurse) = health_station(&w).await;
    let log = open_log(&w).await;
    let a = as_actor(&w, &w.teacher_a);
    let b = as_actor(&w, &w.teacher_b);
    let n = as_actor(&w, &nurse);

    // School B may receive the log and the plan, not health; the health
    // station may receive the log and health.
    let shared_with_b = a
        .give_consent(consent(
            &w,
            &[Category::RelayLog, Category::Plan],
            &[&w.school_b],
        ))
        .await
        .expect("consent for school B");
    a.give_consent(consent(
        &w,
        &[Category::RelayLog, Category::Health],
        &[&station],
    ))
    .await
    .expect("consent for the health station");

    // The nurse writes health information and something for everyone.
    let health_obs = n
        .record(
            &log,
            entry(observation(HEALTH_OBSERVATION), Category::Health),
            None,
        )
        .await
        .expect("health observation");
    let health_measure = n
        .record(
            &log,
            entry(
                Entry::Measure {
                    what: text(HEALTH_MEASURE),
                    responsible: nurse.staff.clone(),
                    responsible_unit: station.clone(),
                    start: today(),
                    evaluate_by: today().add_days(60),
                    goal: None,
                    measure_type: None,
                },
                Category::Health,
            ),
            None,
        )
        .await
        .expect("health measure");
    // Filed as the log's own, the evaluation of a health measure still
    // takes the measure's category.
    let health_eval = n
        .record(
            &log,
            entry(
                Entry::Evaluation {
                    measure: health_measure.clone(),
                    outcome: Outcome::Continue,
                    learned: text(HEALTH_EVALUATION),
                    next_evaluation: Some(today().add_days(90)),
                },
                Category::RelayLog,
            ),
            None,
        )
        .await
        .expect("evaluation of the health measure");
    let shared = n
        .record(
            &log,
            entry(observation(SHARED_OBSERVATION), Category::RelayLog),
            None,
        )
        .await
        .expect("shared observation");
    let health_texts = [HEALTH_OBSERVATION, HEALTH_MEASURE, HEALTH_EVALUATION];
    let health_ids = [&health_obs, &health_measure, &health_eval];

    // The nurse wrote it and works where it was written from: she sees it all.
    let seen_by_nurse = view(&n, &log).await;
    assert!(
        seen_by_nurse.withheld.is_empty(),
        "{:?}",
        seen_by_nurse.withheld
    );
    for id in health_ids.iter().chain([&&shared]) {
        assert!(event_ids(&seen_by_nurse).contains(&id.as_str()));
    }
    assert_eq!(
        seen_by_nurse
            .measures
            .iter()
            .map(|m| m.id.as_str())
            .collect::<Vec<_>>(),
        [health_measure.as_str()]
    );
    assert_eq!(seen_by_nurse.measures[0].evaluations, 1);
    shows_all_of(&seen_by_nurse, &health_texts);
    shows_all_of(&seen_by_nurse, &[SHARED_OBSERVATION]);

    // School B reads the log, and is told that three health entries exist.
    let seen_by_b = view(&b, &log).await;
    assert!(event_ids(&seen_by_b).contains(&shared.as_str()));
    for id in health_ids {
        assert!(!event_ids(&seen_by_b).contains(&id.as_str()));
        assert_eq!(withheld(&seen_by_b, id).category, Category::Health);
    }
    assert_eq!(
        withheld_ids(&seen_by_b),
        health_ids.iter().map(|i| i.as_str()).collect::<Vec<_>>(),
        "in the order they were written"
    );
    let written_at = seen_by_nurse
        .events
        .iter()
        .find(|e| e.id == health_obs)
        .expect("the nurse's copy")
        .at_ms;
    assert_eq!(withheld(&seen_by_b, &health_obs).at_ms, written_at);
    assert!(
        seen_by_b.measures.is_empty(),
        "the health measure is kept out"
    );
    assert_eq!(
        seen_by_b.events.len() + seen_by_b.withheld.len(),
        seen_by_nurse.events.len(),
        "every event is either shown or listed as withheld"
    );
    shows_none_of(&seen_by_b, &health_texts);
    shows_all_of(&seen_by_b, &[SHARED_OBSERVATION]);

    // The holder's own unit is not named for health either.
    let seen_by_holder = view(&a, &log).await;
    assert_eq!(
        withheld_ids(&seen_by_holder),
        health_ids.iter().map(|i| i.as_str()).collect::<Vec<_>>()
    );
    assert!(seen_by_holder.measures.is_empty());
    shows_none_of(&seen_by_holder, &health_texts);
    shows_all_of(&seen_by_holder, &[SHARED_OBSERVATION]);

    // Once the family lets school A receive health information, the holder
    // sees it on the next read; school B still does not.
    let health_for_a = a
        .give_consent(consent(&w, &[Category::Health], &[&w.school_a]))
        .await
        .expect("health for school A");
    let seen_by_holder = view(&a, &log).await;
    assert!(
        seen_by_holder.withheld.is_empty(),
        "{:?}",
        seen_by_holder.withheld
    );
    shows_all_of(&seen_by_holder, &health_texts);
    assert_eq!(seen_by_holder.measures.len(), 1);
    let seen_by_b = view(&b, &log).await;
    assert_eq!(seen_by_b.withheld.len(), 3);
    shows_none_of(&seen_by_b, &health_texts);

    // Withdrawn again: hidden again, at once.
    a.withdraw_consent(&health_for_a, None)
        .await
        .expect("withdraw health for school A");
    let seen_by_holder = view(&a, &log).await;
    assert_eq!(seen_by_holder.withheld.len(), 3);
    shows_none_of(&seen_by_holder, &health_texts);

    // Withdrawing school B's consent cuts it off from the whole log.
    a.withdraw_consent(&shared_with_b, None)
        .await
        .expect("withdraw school B");
    assert!(matches!(b.relay_log(&log).await, Err(DbError::NotFound)));
    view(&n, &log).await;
    w.db.remove().await;
}

#[tokio::test]
async fn school_entries_stay_in_the_unit_they_were_written_from() {
    let w = world().await;
    let (station, nurse) = health_station(&w).await;
    let colleague = add_teacher(&w, "lærer.a2", &w.school_a).await;
    let log = open_log(&w).await;
    let a = as_actor(&w, &w.teacher_a);
    let b = as_actor(&w, &w.teacher_b);
    let c = as_actor(&w, &colleague);
    let n = as_actor(&w, &nurse);
    a.give_consent(consent(&w, &[Category::RelayLog], &[&w.school_b, &station]))
        .await
        .expect("consent");

    let school = a
        .record(
            &log,
            entry(observation(SCHOOL_OBSERVATION), Category::School),
            None,
        )
        .await
        .expect("school observation");
    // The writer's colleague sees it through the unit it was written from.
    let seen = view(&c, &log).await;
    assert!(seen.withheld.is_empty());
    shows_all_of(&seen, &[SCHOOL_OBSERVATION]);
    // The other units do not: the consent names nobody for school information.
    for (who, ctx) in [("school B", &b), ("the nurse", &n)] {
        let seen = view(ctx, &log).await;
        assert_eq!(withheld_ids(&seen), [school.as_str()], "{who}");
        assert_eq!(seen.withheld[0].category, Category::School);
        shows_none_of(&seen, &[SCHOOL_OBSERVATION]);
    }
    // A consent for school information to school B reaches school B only.
    a.give_consent(consent(&w, &[Category::School], &[&w.school_b]))
        .await
        .expect("school consent");
    shows_all_of(&view(&b, &log).await, &[SCHOOL_OBSERVATION]);
    shows_none_of(&view(&n, &log).await, &[SCHOOL_OBSERVATION]);
    w.db.remove().await;
}

#[tokio::test]
async fn the_archive_copy_is_whole_only_for_a_reader_who_may_see_all_of_it() {
    let w = world().await;
    let (station, nurse) = health_station(&w).await;
    let log = open_log(&w).await;
    let a = as_actor(&w, &w.teacher_a);
    let b = as_actor(&w, &w.teacher_b);
    let n = as_actor(&w, &nurse);
    let shared_with_b = a
        .give_consent(consent(
            &w,
            &[Category::RelayLog, Category::Plan],
            &[&w.school_b],
        ))
        .await
        .expect("consent for school B");
    a.give_consent(consent(
        &w,
        &[Category::RelayLog, Category::Health],
        &[&station, &w.school_a],
    ))
    .await
    .expect("health for the station and the holder");
    let health = n
        .record(
            &log,
            entry(observation(HEALTH_OBSERVATION), Category::Health),
            None,
        )
        .await
        .expect("health observation");
    let school = a
        .record(
            &log,
            entry(observation(SCHOOL_OBSERVATION), Category::School),
            None,
        )
        .await
        .expect("school observation");
    a.record(
        &log,
        LogCommand::Close {
            reason: ClosingReason::GoalsReached,
            note: None,
        },
        None,
    )
    .await
    .expect("close");

    // The holder may see all of it: the copy as filed, with its hash.
    let whole = a.relay_archive(&log).await.expect("archive");
    assert!(whole.view.withheld.is_empty());
    let filed = whole.json.clone().expect("the whole copy");
    assert_eq!(
        whole.sha256.clone().expect("hash"),
        hex::encode(Sha256::digest(filed.as_bytes()))
    );
    assert!(filed.contains(HEALTH_OBSERVATION) && filed.contains(SCHOOL_OBSERVATION));

    // School B may see neither: only the redacted view, no filed copy.
    let for_b = b.relay_archive(&log).await.expect("archive for school B");
    assert!(for_b.json.is_none(), "no filed copy with withheld entries");
    assert!(
        for_b.sha256.is_none(),
        "nor its hash, which would let guesses be tested"
    );
    assert_eq!(
        withheld_ids(&for_b.view),
        [health.as_str(), school.as_str()]
    );
    shows_none_of(&for_b.view, &[HEALTH_OBSERVATION, SCHOOL_OBSERVATION]);
    assert!(for_b.view.closed.is_some());

    // The nurse sees her health entry, not the school's.
    let for_nurse = n.relay_archive(&log).await.expect("archive for the nurse");
    assert!(for_nurse.json.is_none());
    assert_eq!(withheld_ids(&for_nurse.view), [school.as_str()]);
    shows_all_of(&for_nurse.view, &[HEALTH_OBSERVATION]);
    shows_none_of(&for_nurse.view, &[SCHOOL_OBSERVATION]);

    // Without the consent, school B gets nothing of the closed log.
    a.withdraw_consent(&shared_with_b, None)
        .await
        .expect("withdraw");
    assert!(matches!(
        b.relay_archive(&log).await,
        Err(DbError::NotFound)
    ));
    assert!(matches!(b.relay_log(&log).await, Err(DbError::NotFound)));
    w.db.remove().await;
}
