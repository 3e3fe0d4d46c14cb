//! Concerns and relay logs: the level-0 clock, entries and corrections,
//! levels, the baton, closing with its archive copy, the audit of every
//! access, and reminders that survive a restart.

use ettlag_core::audit::AuditEvent;
use ettlag_core::ids::{ConcernId, RelayLogId};
use ettlag_core::policy::Actor;
use ettlag_core::relay::{
    ClosingReason, ConcernDecision, DevelopmentArea, Entry, Event, FamilyInformedDraft, Level,
    Outcome,
};
use ettlag_core::text::{MAX_TEXT, Text};
use ettlag_core::{Day, PersonId, UnitId};
use ettlag_db::{
    AccessContext, CONCERN_DEADLINE, DbError, EVALUATION_DUE, LogCommand, NewConcern, RelayLogView,
    Store, now_ms,
};
use sha2::{Digest, Sha256};

use crate::support::{World, add_teacher, as_actor, relay_consent, store, world};

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

fn text(s: &str) -> Text {
    Text::parse(s, MAX_TEXT).expect("text")
}

fn day(s: &str) -> Day {
    Day::parse(s).expect("day")
}

fn today() -> Day {
    Day::from_ms(now_ms())
}

fn new_concern(child: &PersonId, what: &str) -> NewConcern {
    NewConcern {
        child: child.clone(),
        unit: None,
        text: text(what),
        areas: vec![DevelopmentArea::Social, DevelopmentArea::Attendance],
        since: Some(day("2025-01-06")),
    }
}

fn entry(entry: Entry) -> LogCommand {
    LogCommand::Entry {
        entry,
        supersedes: None,
        category: ettlag_core::consent::Category::RelayLog,
    }
}

fn correction(entry: Entry, of: &str) -> LogCommand {
    LogCommand::Entry {
        entry,
        supersedes: Some(of.to_string()),
        category: ettlag_core::consent::Category::RelayLog,
    }
}

fn goal(what: &str) -> Entry {
    Entry::Goal {
        text: text(what),
        areas: vec![DevelopmentArea::Social],
    }
}

fn observation(what: &str) -> Entry {
    Entry::Observation { text: text(what) }
}

fn measure(who: &Actor, unit: &UnitId, start: Day, evaluate_by: Day, goal: Option<&str>) -> Entry {
    Entry::Measure {
        what: text("Fast voksen i friminuttene"),
        responsible: who.staff.clone(),
        responsible_unit: unit.clone(),
        start,
        evaluate_by,
        goal: goal.map(str::to_string),
        measure_type: None,
    }
}

fn offer(to: &Actor, unit: &UnitId) -> LogCommand {
    LogCommand::OfferBaton {
        to: to.staff.clone(),
        to_unit: unit.clone(),
        family_wish: Some(text("Foreldrene ønsker kontaktlæreren")),
        transition: None,
    }
}

fn refused(result: Result<impl std::fmt::Debug, DbError>, key: &str) {
    match result {
        Err(DbError::Refused(k)) if k == key => {}
        other => panic!("expected Refused({key}), got {other:?}"),
    }
}

/// Teacher A raises a concern about child A and starts a level-1 log from it.
async fn open_log(w: &World) -> (ConcernId, RelayLogId) {
    let a = as_actor(w, &w.teacher_a);
    let concern = a
        .raise_concern(new_concern(&w.child_a, "Ada leker alene i friminuttene"))
        .await
        .expect("raise");
    let log = a
        .decide_concern(
            &concern,
            ConcernDecision::StartLog(Level::One),
            Some(crate::support::told()),
            None,
            None,
        )
        .await
        .expect("decide")
        .expect("a log was started");
    (concern, log)
}

async fn view(ctx: &AccessContext, log: &RelayLogId) -> RelayLogView {
    ctx.relay_log(log).await.expect("read log")
}

/// The audit records about one resource, oldest first.
async fn audit_of(w: &World, resource_id: &str) -> Vec<AuditEvent> {
    store(w)
        .audit_records(&w.tenant, 100_000)
        .await
        .expect("audit")
        .into_iter()
        .map(|r| r.event)
        .filter(|e| e.resource_id == resource_id)
        .collect()
}

/// (actor, action, outcome, reason) of each record, for comparing.
fn summary(events: &[AuditEvent]) -> Vec<(&str, &str, &str, &str)> {
    events
        .iter()
        .map(|e| {
            (
                e.actor_id.as_str(),
                e.action.as_str(),
                e.outcome.as_str(),
                e.reason.as_str(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_concern_is_seen_by_its_school_and_decided_once() {
    let w = world().await;
    let a = as_actor(&w, &w.teacher_a);
    let b = as_actor(&w, &w.teacher_b);

    let before = now_ms();
    let id = a
        .raise_concern(new_concern(&w.child_a, "Ada leker alene i friminuttene"))
        .await
        .expect("raise");
    let concern = a.concern(&id).await.expect("the author reads it");
    assert_eq!(concern.child.id, w.child_a);
    assert_eq!(concern.unit.id, w.school_a, "raised from the shared unit");
    assert_eq!(concern.raised_by.id, w.teacher_a.staff);
    assert_eq!(concern.text.as_str(), "Ada leker alene i friminuttene");
    assert!(concern.raised_at_ms >= before && concern.raised_at_ms <= now_ms());
    assert_eq!(
        concern.deadline_ms - concern.raised_at_ms,
        14 * DAY_MS,
        "fourteen days to decide by default"
    );
    assert!(concern.decision.is_none() && concern.log_id.is_none());
    let desk = a.my_work().await.expect("desk");
    assert_eq!(
        desk.concerns
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>(),
        [id.as_str()]
    );

    // Another school neither sees it nor may raise one about a child it cannot see.
    assert!(matches!(b.concern(&id).await, Err(DbError::NotFound)));
    assert!(b.concerns_of(&w.child_a).await.expect("list").is_empty());
    assert!(matches!(
        b.raise_concern(new_concern(&w.child_a, "Uro")).await,
        Err(DbError::NotFound)
    ));
    assert!(matches!(
        a.raise_concern(new_concern(&w.child_b, "Uro")).await,
        Err(DbError::NotFound)
    ));
    let nobody = PersonId::from_trusted("no-such-child".into());
    assert!(matches!(
        a.raise_concern(new_concern(&nobody, "Uro")).await,
        Err(DbError::NotFound)
    ));
    assert!(matches!(
        a.raise_concern(NewConcern {
            unit: Some(w.school_b.clone()),
            ..new_concern(&w.child_a, "Uro")
        })
        .await,
        Err(DbError::Refused("concern-error-unit"))
    ));
    assert_eq!(a.concerns_of(&w.child_a).await.expect("list").len(), 1);

    // Deciding to start a log makes the decider the holder, with the concern
    // as the first entry.
    let log = a
        .decide_concern(
            &id,
            ConcernDecision::StartLog(Level::One),
            Some(crate::support::told()),
            Some(text("Vi prøver tiltak i klassen")),
            Some(concern.version),
        )
        .await
        .expect("decide")
        .expect("a log");
    let decided = a.concern(&id).await.expect("read");
    let outcome = decided.decision.expect("decided");
    assert_eq!(outcome.decision, ConcernDecision::StartLog(Level::One));
    assert_eq!(outcome.by.id, w.teacher_a.staff);
    assert_eq!(outcome.note.as_deref(), Some("Vi prøver tiltak i klassen"));
    assert_eq!(decided.log_id.as_deref(), Some(log.as_str()));
    assert!(
        a.my_work().await.expect("desk").concerns.is_empty(),
        "a decided concern waits for nobody"
    );

    let v = view(&a, &log).await;
    assert_eq!(v.holder.id, w.teacher_a.staff);
    assert_eq!(v.holder_unit.id, w.school_a);
    assert_eq!(v.level, Level::One);
    assert_eq!(v.concern_id.as_deref(), Some(id.as_str()));
    assert!(v.offer.is_none() && v.closed.is_none());
    assert_eq!(v.events.len(), 2);
    assert!(matches!(
        &v.events[0].event,
        Event::Opened { level: Level::One, holder, concern: Some(c), .. }
            if holder == &w.teacher_a.staff && c == &id
    ));
    match v.events[1].entry() {
        Some(Entry::Concern { text, areas, since }) => {
            assert_eq!(text.as_str(), "Ada leker alene i friminuttene");
            assert_eq!(
                areas,
                &[DevelopmentArea::Social, DevelopmentArea::Attendance]
            );
            assert_eq!(*since, Some(day("2025-01-06")));
        }
        other => panic!("the first entry is the concern, not {other:?}"),
    }
    assert_eq!(v.events[1].by.id, w.teacher_a.staff);
    let desk = a.my_work().await.expect("desk");
    assert_eq!(
        desk.logs.iter().map(|l| l.id.as_str()).collect::<Vec<_>>(),
        [log.as_str()]
    );

    // A decision is written once.
    refused(
        a.decide_concern(&id, ConcernDecision::Close, None, None, None)
            .await,
        "concern-error-decided",
    );
    assert!(matches!(
        a.decide_concern(
            &id,
            ConcernDecision::Close,
            None,
            None,
            Some(concern.version)
        )
        .await,
        Err(DbError::Stale)
    ));
    assert!(matches!(
        b.decide_concern(&id, ConcernDecision::Close, None, None, None)
            .await,
        Err(DbError::NotFound)
    ));

    // A second open log for the same child is refused, and the refusal
    // leaves the concern to be decided otherwise.
    let second = a
        .raise_concern(new_concern(&w.child_a, "Ada er mye borte"))
        .await
        .expect("raise");
    refused(
        a.decide_concern(
            &second,
            ConcernDecision::StartLog(Level::Two),
            Some(crate::support::told()),
            None,
            None,
        )
        .await,
        "relay-error-already-open",
    );
    let still = a.concern(&second).await.expect("read");
    assert!(still.decision.is_none() && still.log_id.is_none());
    assert_eq!(a.relay_logs_of(&w.child_a).await.expect("logs").len(), 1);
    let closed = a
        .decide_concern(
            &second,
            ConcernDecision::Close,
            None,
            None,
            Some(still.version),
        )
        .await
        .expect("close");
    assert_eq!(closed, None, "closing starts no log");
    assert_eq!(
        summary(&audit_of(&w, &second).await)
            .into_iter()
            .filter(|(_, action, _, _)| *action == "update")
            .count(),
        2,
        "the refused decision is audited as well as the one that went through"
    );
    let reports = store(&w).verify_audit().await.expect("verify");
    assert!(reports.iter().all(|r| r.result.is_ok()), "{reports:?}");
    w.db.remove().await;
}

#[tokio::test]
async fn a_municipality_sets_its_own_days_to_decide() {
    let w = world().await;
    let a = as_actor(&w, &w.teacher_a);
    let s = store(&w);
    s.execute_raw(&format!(
        "INSERT INTO tenant_settings (tenant_id, name, value) VALUES ('{}', 'concern_days', '7')",
        w.tenant.as_str()
    ))
    .await
    .expect("setting");
    let id = a
        .raise_concern(new_concern(&w.child_a, "Ada er stille"))
        .await
        .expect("raise");
    let c = a.concern(&id).await.expect("read");
    assert_eq!(c.deadline_ms - c.raised_at_ms, 7 * DAY_MS);
    assert_eq!(s.run_due_jobs(now_ms() + 6 * DAY_MS).await.expect("run"), 0);
    assert_eq!(s.run_due_jobs(now_ms() + 8 * DAY_MS).await.expect("run"), 1);
    assert_eq!(a.my_work().await.expect("desk").notifications.len(), 1);

    // A value out of range falls back to the default.
    s.execute_raw("UPDATE tenant_settings SET value = '0'")
        .await
        .expect("setting");
    let id = a
        .raise_concern(new_concern(&w.child_a, "Ada er sliten"))
        .await
        .expect("raise");
    let c = a.concern(&id).await.expect("read");
    assert_eq!(c.deadline_ms - c.raised_at_ms, 14 * DAY_MS);
    w.db.remove().await;
}

#[tokio::test]
async fn entries_are_appended_and_corrections_supersede() {
    let w = world().await;
    let a = as_actor(&w, &w.teacher_a);
    let (_, log) = open_log(&w).await;
    let v0 = view(&a, &log).await;

    let g1 = a
        .record(
            &log,
            entry(goal("Leke med andre to friminutt i uka")),
            Some(v0.version),
        )
        .await
        .expect("goal");
    let m1 = a
        .record(
            &log,
            entry(measure(
                &w.teacher_a,
                &w.school_a,
                day("2025-09-01"),
                day("2099-10-01"),
                Some(&g1),
            )),
            None,
        )
        .await
        .expect("measure");
    let e1 = a
        .record(
            &log,
            entry(Entry::Evaluation {
                measure: m1.clone(),
                outcome: Outcome::Continue,
                learned: text("Det hjelper å ha en fast voksen"),
                next_evaluation: Some(day("2099-12-01")),
            }),
            None,
        )
        .await
        .expect("evaluation");
    let v1 = view(&a, &log).await;
    assert_eq!(v1.version, v0.version + 3);
    let ids: Vec<_> = v1.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(&ids[2..], [g1.as_str(), m1.as_str(), e1.as_str()]);
    assert_eq!(
        v1.events.iter().map(|e| e.seq).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5]
    );
    assert_eq!(v1.measures.len(), 1);
    assert_eq!(v1.measures[0].id, m1);
    assert_eq!(v1.measures[0].responsible, w.teacher_a.staff);
    assert_eq!(v1.measures[0].evaluations, 1);
    assert_eq!(v1.measures[0].due, day("2099-12-01"));
    assert!(!v1.measures[0].ended);
    let line = a.relay_logs_of(&w.child_a).await.expect("logs");
    assert_eq!(line[0].next_due, Some(day("2099-12-01")));

    // A correction is a new entry; the timeline keeps both.
    let g2 = a
        .record(
            &log,
            correction(goal("Leke med andre tre friminutt i uka"), &g1),
            Some(v1.version),
        )
        .await
        .expect("correction");
    let v2 = view(&a, &log).await;
    assert_eq!(v2.events.len(), 6);
    let old = v2.events.iter().find(|e| e.id == g1).expect("old kept");
    let new = v2.events.iter().find(|e| e.id == g2).expect("new");
    assert_eq!(old.superseded_by.as_deref(), Some(g2.as_str()));
    assert_eq!(new.supersedes.as_deref(), Some(g1.as_str()));
    assert!(new.superseded_by.is_none());
    assert!(matches!(
        old.entry(),
        Some(Entry::Goal { text, .. }) if text.as_str() == "Leke med andre to friminutt i uka"
    ));

    // Corrections keep the kind, and correct the newest version only.
    refused(
        a.record(&log, correction(observation("Smilte"), &g2), None)
            .await,
        "relay-error-correction-kind",
    );
    refused(
        a.record(&log, correction(goal("Tredje versjon"), &g1), None)
            .await,
        "relay-error-already-corrected",
    );
    refused(
        a.record(&log, correction(goal("Ukjent"), "no-such-entry"), None)
            .await,
        "relay-error-unknown-entry",
    );
    // A measure names someone who works in the unit named.
    refused(
        a.record(
            &log,
            entry(measure(
                &w.teacher_b,
                &w.school_a,
                day("2025-09-01"),
                day("2099-10-01"),
                None,
            )),
            None,
        )
        .await,
        "entry-error-responsible",
    );
    // ... in a unit that may receive the child's case.
    refused(
        a.record(
            &log,
            entry(measure(
                &w.teacher_b,
                &w.school_b,
                day("2025-09-01"),
                day("2099-10-01"),
                None,
            )),
            None,
        )
        .await,
        "relay-error-not-covered",
    );
    let shares: Vec<_> = audit_of(&w, w.school_b.as_str())
        .await
        .into_iter()
        .filter(|e| e.resource_type == "relay_log_share")
        .collect();
    assert_eq!(
        summary(&shares),
        [(
            w.teacher_a.staff.as_str(),
            "update",
            "deny",
            "not_covered_by_consent"
        )],
        "the refused share is audited"
    );

    // A stale version is refused and nothing is written.
    assert!(matches!(
        a.record(&log, entry(observation("Smilte i dag")), Some(v1.version))
            .await,
        Err(DbError::Stale)
    ));
    let v3 = view(&a, &log).await;
    assert_eq!(v3.version, v2.version, "refusals change nothing");
    assert_eq!(v3.events.len(), v2.events.len());
    assert!(
        v3.events
            .iter()
            .all(|e| !matches!(e.entry(), Some(Entry::Observation { .. })))
    );

    // Another school cannot write, nor learn that the log exists.
    let b = as_actor(&w, &w.teacher_b);
    assert!(matches!(
        b.record(&log, entry(observation("Smilte")), None).await,
        Err(DbError::NotFound)
    ));
    assert!(matches!(
        b.record(
            &RelayLogId::parse("no-such-log").expect("well-formed"),
            entry(observation("Smilte")),
            None
        )
        .await,
        Err(DbError::NotFound)
    ));
    assert_eq!(view(&a, &log).await.events.len(), 6);
    w.db.remove().await;
}

#[tokio::test]
async fn a_log_starts_and_changes_level_only_with_a_record_of_telling_the_family() {
    let w = world().await;
    let a = as_actor(&w, &w.teacher_a);
    let concern = a
        .raise_concern(new_concern(&w.child_a, "Ada har blåmerker på armene"))
        .await
        .expect("raise");
    let before = a.concern(&concern).await.expect("concern");
    refused(
        a.decide_concern(
            &concern,
            ConcernDecision::StartLog(Level::Two),
            None,
            None,
            Some(before.version),
        )
        .await,
        "family-error-missing",
    );
    let after = a.concern(&concern).await.expect("concern");
    assert!(after.decision.is_none() && after.log_id.is_none());
    assert_eq!(after.version, before.version, "the refusal wrote nothing");

    // Not told yet, because violence is suspected: stored and read back.
    let not_yet = FamilyInformedDraft {
        status: "not_yet".into(),
        reason: "suspected_violence_or_abuse".into(),
        note: "Barnevernet kontaktes før foreldrene informeres.".into(),
        ..FamilyInformedDraft::default()
    }
    .parse(today())
    .expect("valid");
    let log = a
        .decide_concern(
            &concern,
            ConcernDecision::StartLog(Level::Two),
            Some(not_yet.clone()),
            None,
            Some(before.version),
        )
        .await
        .expect("a start with the family's record")
        .expect("a log, the only one: the refusal opened none");
    let v = view(&a, &log).await;
    assert_eq!(v.events[0].event.family_informed(), Some(&not_yet));
    assert!(not_yet.duty_to_report());

    // A level change without it is refused and changes nothing.
    refused(
        a.record(
            &log,
            LogCommand::ChangeLevel {
                to: Level::Three,
                reason: "PPT trengs".into(),
                family_informed: None,
            },
            Some(v.version),
        )
        .await,
        "family-error-missing",
    );
    let unchanged = view(&a, &log).await;
    assert_eq!(
        (unchanged.level, unchanged.events.len(), unchanged.version),
        (Level::Two, v.events.len(), v.version)
    );
    a.record(
        &log,
        LogCommand::ChangeLevel {
            to: Level::Three,
            reason: "PPT trengs".into(),
            family_informed: Some(crate::support::told()),
        },
        Some(v.version),
    )
    .await
    .expect("a change with the family's record");
    let changed = view(&a, &log).await;
    let last = changed.events.last().expect("the change");
    assert!(matches!(last.event, Event::LevelChanged { .. }));
    assert_eq!(last.event.family_informed(), Some(&crate::support::told()));
    w.db.remove().await;
}

#[tokio::test]
async fn only_the_holder_changes_the_level_and_every_change_is_kept() {
    let w = world().await;
    let a = as_actor(&w, &w.teacher_a);
    let colleague = add_teacher(&w, "lærer.a2", &w.school_a).await;
    let c = as_actor(&w, &colleague);
    let (_, log) = open_log(&w).await;

    // The colleague has access to the log, but does not hold the baton.
    c.record(&log, entry(observation("Ada hjalp en venn")), None)
        .await
        .expect("a colleague in the child's unit writes entries");
    refused(
        c.record(
            &log,
            LogCommand::ChangeLevel {
                to: Level::Two,
                reason: "PPT trengs".into(),
                family_informed: Some(crate::support::told()),
            },
            None,
        )
        .await,
        "baton-error-not-holder",
    );
    let change = |to, reason: &str| LogCommand::ChangeLevel {
        to,
        reason: reason.into(),
        family_informed: Some(crate::support::told()),
    };
    a.record(
        &log,
        change(Level::Two, "  Helsesykepleier kobles inn "),
        None,
    )
    .await
    .expect("up");
    a.record(&log, change(Level::Three, "PPT og BUP trengs"), None)
        .await
        .expect("up");
    refused(
        a.record(&log, change(Level::Three, "igjen"), None).await,
        "relay-error-level-unchanged",
    );
    refused(
        a.record(&log, change(Level::One, "   "), None).await,
        "relay-error-reason",
    );
    a.record(&log, change(Level::Two, "Bedring"), None)
        .await
        .expect("down");

    let v = view(&a, &log).await;
    assert_eq!(v.level, Level::Two);
    let changes: Vec<_> = v
        .events
        .iter()
        .filter_map(|e| match &e.event {
            Event::LevelChanged { change, .. } => Some((
                e.by.id.clone(),
                change.from,
                change.to,
                change.reason.as_str(),
            )),
            _ => None,
        })
        .collect();
    let holder = w.teacher_a.staff.clone();
    assert_eq!(
        changes,
        [
            (
                holder.clone(),
                Level::One,
                Level::Two,
                "Helsesykepleier kobles inn"
            ),
            (
                holder.clone(),
                Level::Two,
                Level::Three,
                "PPT og BUP trengs"
            ),
            (holder, Level::Three, Level::Two, "Bedring"),
        ]
    );
    assert_eq!(
        a.relay_logs_of(&w.child_a).await.expect("logs")[0].level,
        Level::Two
    );
    w.db.remove().await;
}

#[tokio::test]
async fn the_baton_goes_by_offer_and_acceptance_to_covered_units_only() {
    let w = world().await;
    let a = as_actor(&w, &w.teacher_a);
    let b = as_actor(&w, &w.teacher_b);
    let admin = store(&w).system_access(&w.tenant);
    let (_, log) = open_log(&w).await;

    // School B may not receive the child's log: the child is not there and
    // no consent covers it.
    refused(
        a.record(&log, offer(&w.teacher_b, &w.school_b), None).await,
        "relay-error-not-covered",
    );
    let shares = audit_of(&w, w.school_b.as_str()).await;
    let share: Vec<_> = shares
        .iter()
        .filter(|e| e.resource_type == "relay_log_share")
        .collect();
    assert_eq!(share.len(), 1, "{shares:?}");
    assert_eq!(share[0].outcome, "deny");
    assert_eq!(share[0].reason, "not_covered_by_consent");
    assert_eq!(share[0].actor_id, w.teacher_a.staff.as_str());
    refused(
        a.record(&log, offer(&w.teacher_b, &w.school_a), None).await,
        "baton-error-not-in-unit",
    );
    refused(
        a.record(&log, offer(&w.teacher_a, &w.school_a), None).await,
        "baton-error-to-self",
    );
    let v = view(&a, &log).await;
    assert!(v.offer.is_none());
    assert_eq!(v.events.len(), 2, "refused offers write nothing");
    assert!(matches!(b.relay_log(&log).await, Err(DbError::NotFound)));

    // Being enrolled at school B as well opens nothing: the log is school
    // A's own, and another unit receives it only by the family's consent.
    admin
        .enrol(&w.child_a, &w.school_b, "2021-08-16")
        .await
        .expect("enrol");
    refused(
        a.record(&log, offer(&w.teacher_b, &w.school_b), None).await,
        "relay-error-not-covered",
    );
    assert!(matches!(b.relay_log(&log).await, Err(DbError::NotFound)));
    // The family consents: now the offer goes through.
    let consent = a
        .give_consent(relay_consent(&w, &[&w.school_b]))
        .await
        .expect("consent");
    a.record(&log, offer(&w.teacher_b, &w.school_b), None)
        .await
        .expect("offer");
    let v = view(&a, &log).await;
    assert_eq!(
        v.holder.id, w.teacher_a.staff,
        "an offer alone hands nothing over"
    );
    let waiting = v.offer.expect("an offer waits");
    assert_eq!(waiting.to.id, w.teacher_b.staff);
    assert_eq!(waiting.to_unit.id, w.school_b);
    assert_eq!(
        waiting.family_wish.as_ref().map(Text::as_str),
        Some("Foreldrene ønsker kontaktlæreren")
    );
    refused(
        a.record(&log, offer(&w.teacher_b, &w.school_b), None).await,
        "baton-error-offer-pending",
    );
    let desk_b = b.my_work().await.expect("desk");
    assert_eq!(
        desk_b
            .offers
            .iter()
            .map(|l| l.id.as_str())
            .collect::<Vec<_>>(),
        [log.as_str()]
    );
    assert!(desk_b.logs.is_empty());
    b.relay_log(&log).await.expect("B reads what is offered");
    let b_reads = |records: Vec<AuditEvent>| -> Vec<String> {
        records
            .into_iter()
            .filter(|e| e.actor_id == w.teacher_b.staff.as_str() && e.action == "read")
            .map(|e| e.reason)
            .collect()
    };
    assert_eq!(
        b_reads(audit_of(&w, &log).await),
        [
            "not_linked_to_own_unit",
            "not_linked_to_own_unit",
            "consented_to_own_unit"
        ]
    );

    // Decline, then offer again.
    b.record(&log, LogCommand::DeclineBaton { reason: None }, None)
        .await
        .expect("decline");
    assert!(view(&a, &log).await.offer.is_none());
    a.record(&log, offer(&w.teacher_b, &w.school_b), None)
        .await
        .expect("offer again");

    // The consent is withdrawn: the one offered is cut off, and the offer
    // ends with it, so there is nothing left to accept.
    a.withdraw_consent(&consent, None).await.expect("withdraw");
    assert!(matches!(b.relay_log(&log).await, Err(DbError::NotFound)));
    assert!(matches!(
        b.record(&log, LogCommand::AcceptBaton, None).await,
        Err(DbError::NotFound)
    ));
    assert!(view(&a, &log).await.offer.is_none(), "the offer ended");
    refused(
        a.record(&log, LogCommand::AcceptBaton, None).await,
        "baton-error-no-offer",
    );
    a.give_consent(relay_consent(&w, &[&w.school_b]))
        .await
        .expect("the family consents again");
    a.record(&log, offer(&w.teacher_b, &w.school_b), None)
        .await
        .expect("offer a third time");

    b.record(&log, LogCommand::AcceptBaton, None)
        .await
        .expect("accept");
    let v = view(&b, &log).await;
    assert_eq!(v.holder.id, w.teacher_b.staff);
    assert_eq!(v.holder_unit.id, w.school_b);
    assert!(v.offer.is_none());
    let codes: Vec<_> = v.events.iter().map(|e| e.event.code()).collect();
    assert_eq!(
        codes,
        [
            "opened",
            "entry",
            "baton_offered",
            "baton_declined",
            "baton_offered",
            "offer_ended",
            "baton_offered",
            "baton_accepted"
        ]
    );

    let desk_a = a.my_work().await.expect("desk");
    assert!(desk_a.logs.iter().all(|l| l.id != log));
    let desk_b = b.my_work().await.expect("desk");
    assert_eq!(
        desk_b
            .logs
            .iter()
            .map(|l| l.id.as_str())
            .collect::<Vec<_>>(),
        [log.as_str()]
    );
    assert!(desk_b.offers.is_empty());

    // The new holder writes and decides; the old one is a colleague in
    // the home unit now.
    b.record(&log, entry(observation("Ada smilte")), None)
        .await
        .expect("the holder writes under the consent");
    refused(
        a.record(
            &log,
            LogCommand::ChangeLevel {
                to: Level::Two,
                reason: "x".into(),
                family_informed: Some(crate::support::told()),
            },
            None,
        )
        .await,
        "baton-error-not-holder",
    );
    w.db.remove().await;
}

#[tokio::test]
async fn the_holder_may_withdraw_an_offer() {
    let w = world().await;
    let a = as_actor(&w, &w.teacher_a);
    let colleague = add_teacher(&w, "lærer.a2", &w.school_a).await;
    let c = as_actor(&w, &colleague);
    let (_, log) = open_log(&w).await;
    a.record(&log, offer(&colleague, &w.school_a), None)
        .await
        .expect("offer");
    refused(
        c.record(&log, LogCommand::WithdrawOffer, None).await,
        "baton-error-not-holder",
    );
    refused(
        a.record(
            &log,
            LogCommand::Close {
                reason: ClosingReason::GoalsReached,
                note: None,
            },
            None,
        )
        .await,
        "baton-error-offer-pending",
    );
    a.record(&log, LogCommand::WithdrawOffer, None)
        .await
        .expect("withdraw");
    refused(
        c.record(&log, LogCommand::AcceptBaton, None).await,
        "baton-error-no-offer",
    );
    let v = view(&a, &log).await;
    assert!(v.offer.is_none());
    assert_eq!(v.holder.id, w.teacher_a.staff);
    assert!(c.my_work().await.expect("desk").offers.is_empty());
    w.db.remove().await;
}

#[tokio::test]
async fn closing_freezes_an_archive_copy_and_ends_the_log() {
    let w = world().await;
    let a = as_actor(&w, &w.teacher_a);
    let colleague = add_teacher(&w, "lærer.a2", &w.school_a).await;
    let c = as_actor(&w, &colleague);
    let (concern, log) = open_log(&w).await;
    let g = a
        .record(&log, entry(goal("Leke med andre")), None)
        .await
        .expect("goal");
    a.record(
        &log,
        entry(measure(
            &colleague,
            &w.school_a,
            day("2025-09-01"),
            day("2099-10-01"),
            Some(&g),
        )),
        None,
    )
    .await
    .expect("measure");
    assert!(matches!(
        a.relay_archive(&log).await,
        Err(DbError::NotFound)
    ));
    let close = || LogCommand::Close {
        reason: ClosingReason::GoalsReached,
        note: Some(text("Ada har venner nå")),
    };
    refused(
        c.record(&log, close(), None).await,
        "baton-error-not-holder",
    );
    let closing = a.record(&log, close(), None).await.expect("close");

    let v = view(&a, &log).await;
    let closed = v.closed.as_ref().expect("closed");
    assert_eq!(closed.reason, ClosingReason::GoalsReached);
    assert_eq!(
        v.events.last().map(|e| e.id.as_str()),
        Some(closing.as_str())
    );

    let copy = a.relay_archive(&log).await.expect("archive copy");
    assert_eq!(copy.log_id, log);
    assert!(copy.view.withheld.is_empty());
    let copy_json = copy.json.clone().expect("the whole copy: nothing withheld");
    assert_eq!(
        copy.sha256.clone().expect("the hash with the whole copy"),
        hex::encode(Sha256::digest(copy_json.as_bytes()))
    );
    let json: serde_json::Value = serde_json::from_str(&copy_json).expect("the copy is JSON");
    assert_eq!(json["id"], log.as_str());
    assert_eq!(json["concern_id"], concern.as_str());
    assert_eq!(json["closed"]["reason"], "goals_reached");
    let archived: Vec<&str> = json["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["id"].as_str().expect("id"))
        .collect();
    let live: Vec<&str> = v.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(archived, live, "every event, in order");
    for id in &live {
        assert!(copy_json.contains(id));
    }
    assert_eq!(v.events.len(), 5);
    // Others than the log's readers do not get the copy.
    assert!(matches!(
        as_actor(&w, &w.teacher_b).relay_archive(&log).await,
        Err(DbError::NotFound)
    ));

    // Nothing more is written to a closed log, by anyone.
    refused(
        a.record(&log, entry(observation("Etterpå")), None).await,
        "relay-error-closed",
    );
    refused(
        c.record(&log, entry(observation("Etterpå")), None).await,
        "relay-error-closed",
    );
    refused(
        a.record(
            &log,
            LogCommand::ChangeLevel {
                to: Level::Two,
                reason: "x".into(),
                family_informed: Some(crate::support::told()),
            },
            None,
        )
        .await,
        "relay-error-closed",
    );
    refused(a.record(&log, close(), None).await, "relay-error-closed");
    assert_eq!(view(&a, &log).await.events.len(), 5);
    let again = a.relay_archive(&log).await.expect("archive copy");
    assert_eq!(again.json, copy.json, "the copy stays as frozen");
    assert_eq!(again.sha256, copy.sha256);

    assert!(a.my_work().await.expect("desk").logs.is_empty());
    let lines = a.relay_logs_of(&w.child_a).await.expect("logs");
    assert!(lines[0].closed_at_ms.is_some());
    // The child may get a new log later.
    let (_, next) = open_log(&w).await;
    assert_ne!(next, log);
    let lines = a.relay_logs_of(&w.child_a).await.expect("logs");
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].id, next, "the open log first");
    w.db.remove().await;
}

#[tokio::test]
async fn every_access_to_a_case_is_audited_with_its_reason() {
    let w = world().await;
    let a = as_actor(&w, &w.teacher_a);
    let b = as_actor(&w, &w.teacher_b);
    let me = w.teacher_a.staff.as_str();
    let other = w.teacher_b.staff.as_str();

    let concern = a
        .raise_concern(new_concern(&w.child_a, "Ada leker alene"))
        .await
        .expect("raise");
    a.concern(&concern).await.expect("read");
    let _ = b.concern(&concern).await;
    a.concerns_of(&w.child_a).await.expect("list");
    let _ = b
        .decide_concern(&concern, ConcernDecision::Close, None, None, None)
        .await;
    let log = a
        .decide_concern(
            &concern,
            ConcernDecision::StartLog(Level::One),
            Some(crate::support::told()),
            None,
            None,
        )
        .await
        .expect("decide")
        .expect("log");
    assert_eq!(
        summary(&audit_of(&w, &concern).await),
        [
            (me, "create", "allow", "enrolled_in_own_unit"),
            (me, "read", "allow", "author"),
            (other, "read", "deny", "not_linked_to_own_unit"),
            (me, "list", "allow", "author"),
            (other, "update", "deny", "not_linked_to_own_unit"),
            (me, "update", "allow", "author"),
        ]
    );

    a.relay_log(&log).await.expect("read");
    let _ = b.relay_log(&log).await;
    let _ = b.record(&log, entry(observation("Smilte")), None).await;
    a.record(&log, entry(observation("Smilte")), None)
        .await
        .expect("write");
    let _ = a
        .record(&log, entry(observation("Smilte")), Some(1))
        .await
        .expect_err("stale");
    a.relay_logs_of(&w.child_a).await.expect("list");
    a.my_work().await.expect("desk");
    b.relay_logs_of(&w.child_a).await.expect("list");
    let records = audit_of(&w, &log).await;
    assert_eq!(
        summary(&records),
        [
            (me, "create", "allow", "author"),
            (me, "read", "allow", "baton_holder"),
            (other, "read", "deny", "not_linked_to_own_unit"),
            (other, "create", "deny", "not_linked_to_own_unit"),
            (me, "create", "allow", "baton_holder"),
            (me, "create", "allow", "baton_holder"),
            (me, "list", "allow", "baton_holder"),
            (me, "list", "allow", "baton_holder"),
            (other, "list", "deny", "not_linked_to_own_unit"),
        ]
    );
    assert!(records.iter().all(|e| e.purpose == "follow_up"));
    assert!(records.iter().all(|e| e.resource_type == "relay_log"));
    let reports = store(&w).verify_audit().await.expect("verify");
    assert!(reports.iter().all(|r| r.result.is_ok()), "{reports:?}");
    w.db.remove().await;
}

/// Closes the store and opens a new one on the same database, as a restart does.
async fn restart(w: &mut World) {
    w.db.store.close().await;
    w.db.store = Store::open(&w.db.url).await.expect("reopen");
    w.db.store
        .migrate()
        .await
        .expect("migrations are idempotent");
}

#[tokio::test]
async fn evaluation_reminders_survive_a_restart_and_arrive_once() {
    let mut w = world().await;
    let colleague = add_teacher(&w, "lærer.a2", &w.school_a).await;
    let (_, log) = open_log(&w).await;
    let a = as_actor(&w, &w.teacher_a);
    let past = a
        .record(
            &log,
            entry(measure(
                &colleague,
                &w.school_a,
                day("2024-01-08"),
                day("2024-02-01"),
                None,
            )),
            None,
        )
        .await
        .expect("measure due long ago");
    let due_today = a
        .record(
            &log,
            entry(measure(&w.teacher_a, &w.school_a, today(), today(), None)),
            None,
        )
        .await
        .expect("measure due today");
    a.record(
        &log,
        entry(measure(
            &colleague,
            &w.school_a,
            today(),
            day("2099-01-01"),
            None,
        )),
        None,
    )
    .await
    .expect("measure due later");
    drop(a);

    restart(&mut w).await;
    let a = as_actor(&w, &w.teacher_a);
    let c = as_actor(&w, &colleague);
    let b = as_actor(&w, &w.teacher_b);
    assert_eq!(
        store(&w).run_due_jobs(now_ms()).await.expect("run"),
        2,
        "the two measures that are due"
    );

    let mine = c.my_work().await.expect("desk").notifications;
    assert_eq!(mine.len(), 1, "{mine:?}");
    assert_eq!(mine[0].kind, EVALUATION_DUE);
    assert_eq!(mine[0].log_id.as_deref(), Some(log.as_str()));
    assert_eq!(mine[0].child_id, w.child_a);
    // The measure's text; the due date is in the key, not repeated here.
    assert_eq!(mine[0].detail, "Fast voksen i friminuttene");
    assert!(mine[0].key.ends_with(":2024-02-01"), "{}", mine[0].key);
    let holders = a.my_work().await.expect("desk").notifications;
    let mut measures: Vec<_> = holders.iter().map(|n| n.key.clone()).collect();
    measures.sort();
    let mut expected = vec![
        format!("{EVALUATION_DUE}:{past}:2024-02-01"),
        format!("{EVALUATION_DUE}:{due_today}:{}", today()),
    ];
    expected.sort();
    assert_eq!(
        measures, expected,
        "the holder hears of every measure due, once"
    );
    assert!(b.my_work().await.expect("desk").notifications.is_empty());

    // Running again, even after another restart, sends nothing twice.
    assert_eq!(store(&w).run_due_jobs(now_ms()).await.expect("run"), 0);
    drop((a, b, c));
    restart(&mut w).await;
    let a = as_actor(&w, &w.teacher_a);
    let c = as_actor(&w, &colleague);
    assert_eq!(store(&w).run_due_jobs(now_ms()).await.expect("run"), 0);
    assert_eq!(c.my_work().await.expect("desk").notifications.len(), 1);
    assert_eq!(a.my_work().await.expect("desk").notifications.len(), 2);

    // Read is read; the holder's own copy stays.
    c.mark_notification_read(&mine[0].key).await.expect("read");
    assert!(c.my_work().await.expect("desk").notifications.is_empty());
    assert_eq!(a.my_work().await.expect("desk").notifications.len(), 2);

    // An evaluation moves the date: the next reminder comes at the new date,
    // and an ended measure has none.
    a.record(
        &log,
        entry(Entry::Evaluation {
            measure: past.clone(),
            outcome: Outcome::Continue,
            learned: text("Går bedre"),
            next_evaluation: Some(day("2024-03-01")),
        }),
        None,
    )
    .await
    .expect("evaluation");
    a.record(
        &log,
        entry(Entry::Evaluation {
            measure: due_today.clone(),
            outcome: Outcome::End,
            learned: text("Ikke lenger nødvendig"),
            next_evaluation: None,
        }),
        None,
    )
    .await
    .expect("evaluation");
    assert_eq!(store(&w).run_due_jobs(now_ms()).await.expect("run"), 1);
    let mine = c.my_work().await.expect("desk").notifications;
    assert_eq!(
        mine.iter().map(|n| n.key.as_str()).collect::<Vec<_>>(),
        [format!("{EVALUATION_DUE}:{past}:2024-03-01").as_str()]
    );

    // The system's reads for reminders are audited too.
    let reminders = audit_of(&w, &log)
        .await
        .into_iter()
        .filter(|e| e.reason == "reminder")
        .count();
    assert_eq!(reminders, 3);

    // A closed log sends no reminders.
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
    assert_eq!(
        store(&w)
            .run_due_jobs(now_ms() + 400 * 365 * DAY_MS)
            .await
            .expect("run"),
        0
    );
    w.db.remove().await;
}

#[tokio::test]
async fn an_undecided_concern_reminds_its_author_after_the_deadline() {
    let mut w = world().await;
    let a = as_actor(&w, &w.teacher_a);
    let waiting = a
        .raise_concern(new_concern(&w.child_a, "Ada er stille"))
        .await
        .expect("raise");
    let decided = a
        .raise_concern(new_concern(&w.child_a, "Ada er sliten"))
        .await
        .expect("raise");
    a.decide_concern(&decided, ConcernDecision::Close, None, None, None)
        .await
        .expect("decide");
    drop(a);

    restart(&mut w).await;
    let a = as_actor(&w, &w.teacher_a);
    let s = store(&w);
    assert_eq!(s.run_due_jobs(now_ms()).await.expect("run"), 0, "not yet");
    assert_eq!(
        s.run_due_jobs(now_ms() + 13 * DAY_MS).await.expect("run"),
        0,
        "not yet"
    );
    assert!(a.my_work().await.expect("desk").notifications.is_empty());
    assert_eq!(
        s.run_due_jobs(now_ms() + 15 * DAY_MS).await.expect("run"),
        1
    );
    let notes = a.my_work().await.expect("desk").notifications;
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0].kind, CONCERN_DEADLINE);
    assert_eq!(notes[0].concern_id.as_deref(), Some(waiting.as_str()));
    assert_eq!(notes[0].child_id, w.child_a);
    assert!(
        as_actor(&w, &w.teacher_b)
            .my_work()
            .await
            .expect("desk")
            .notifications
            .is_empty()
    );

    // Once, however often the runner comes by, and even if a job ran again.
    assert_eq!(
        s.run_due_jobs(now_ms() + 16 * DAY_MS).await.expect("run"),
        0
    );
    s.execute_raw("UPDATE jobs SET status = 'pending'")
        .await
        .expect("re-arm every job");
    assert_eq!(
        s.run_due_jobs(now_ms() + 16 * DAY_MS).await.expect("run"),
        2,
        "both jobs run again"
    );
    let notes = a.my_work().await.expect("desk").notifications;
    assert_eq!(notes.len(), 1, "no duplicate, nothing for the decided one");
    a.mark_notification_read(&notes[0].key).await.expect("read");
    assert!(a.my_work().await.expect("desk").notifications.is_empty());
    w.db.remove().await;
}
