//! Break-the-glass: a staff member without a relation to a child takes
//! time-limited read access with a reason; every use is audited as such,
//! the access ends or expires at once, and the privacy officer reviews it.

use ettlag_core::consent::Category;
use ettlag_core::ids::{EmergencyAccessId, RelayLogId};
use ettlag_core::policy::{Actor, Purpose};
use ettlag_core::relay::{ConcernDecision, Entry, Level};
use ettlag_core::text::Text;
use ettlag_core::{Role, RoleSet};
use ettlag_db::{AccessContext, DbError, LogCommand, NewConcern, NewStaff, now_ms};

use crate::support::{World, as_actor, nin, store, world};

const REASON: &str = "Ada er skadet i skolegården og foreldrene svarer ikke";
const HEALTH: &str = "Allergisk mot penicillin";

fn text(s: &str) -> Text {
    Text::parse(s, 500).expect("text")
}

fn refused<T: std::fmt::Debug>(result: Result<T, DbError>, key: &str) {
    match result {
        Err(DbError::Refused(k)) if k == key => {}
        other => panic!("expected Refused({key}), got {other:?}"),
    }
}

fn not_found<T: std::fmt::Debug>(result: Result<T, DbError>) {
    assert!(
        matches!(result, Err(DbError::NotFound)),
        "expected NotFound, got {result:?}"
    );
}

async fn officer(w: &World) -> (Actor, AccessContext) {
    let s = store(w);
    let id = s
        .system_access(&w.tenant)
        .create_staff(NewStaff {
            username: "personvern".into(),
            display_name: "Vera Vern".into(),
            roles: RoleSet::new(vec![Role::PrivacyOfficer]),
            units: Vec::new(),
            password_hash: None,
        })
        .await
        .expect("officer");
    let actor = s.actor(&w.tenant, &id).await.expect("load").expect("actor");
    let ctx = s.access(actor.clone(), Purpose::PrivacyReview, "test");
    (actor, ctx)
}

/// Teacher A opens a log about child A with a health entry in it.
async fn open_log(w: &World) -> RelayLogId {
    let a = as_actor(w, &w.teacher_a);
    let concern = a
        .raise_concern(NewConcern {
            child: w.child_a.clone(),
            unit: None,
            text: text("Ada faller ofte"),
            areas: Vec::new(),
            since: None,
        })
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
        .expect("log");
    a.record(
        &log,
        LogCommand::Entry {
            entry: Entry::Observation { text: text(HEALTH) },
            supersedes: None,
            category: Category::Health,
        },
        None,
    )
    .await
    .expect("health entry");
    log
}

fn observation() -> LogCommand {
    LogCommand::Entry {
        entry: Entry::Observation {
            text: text("Skrevet under nødtilgang"),
        },
        supersedes: None,
        category: Category::RelayLog,
    }
}

#[tokio::test]
async fn break_the_glass_opens_a_child_for_reading_until_it_ends() {
    let w = world().await;
    let log = open_log(&w).await;
    let (officer_actor, officer) = officer(&w).await;
    let a = as_actor(&w, &w.teacher_a);
    let b = as_actor(&w, &w.teacher_b);

    not_found(b.person(&w.child_a).await);
    not_found(b.relay_log(&log).await);
    assert!(b.relay_logs_of(&w.child_a).await.expect("list").is_empty());

    // Nothing to break for those who already have access.
    refused(
        a.take_emergency_access(&nin(2015, 3, 1), text(REASON))
            .await,
        "emergency-error-not-needed",
    );
    // A number that names no child: not an adult, not a stranger.
    refused(
        b.take_emergency_access(&nin(2016, 1, 1), text(REASON))
            .await,
        "emergency-error-unknown-child",
    );
    refused(
        b.take_emergency_access(&nin(1985, 6, 7), text(REASON))
            .await,
        "emergency-error-unknown-child",
    );
    // Only those who work with children may break the glass.
    refused(
        store(&w)
            .access(officer_actor.clone(), Purpose::FollowUp, "test")
            .take_emergency_access(&nin(2015, 3, 1), text(REASON))
            .await,
        "emergency-error-not-allowed",
    );
    assert!(b.my_emergency_accesses().await.expect("none").is_empty());

    let before = now_ms();
    let access = b
        .take_emergency_access(&nin(2015, 3, 1), text(REASON))
        .await
        .expect("break the glass");
    assert_eq!(access.staff_id, w.teacher_b.staff);
    assert_eq!(access.child_id, w.child_a);
    assert_eq!(access.child_name, "Ada Testesen");
    assert_eq!(access.reason, REASON);
    assert!(access.granted_at_ms >= before && access.granted_at_ms <= now_ms());
    assert_eq!(
        access.expires_at_ms - access.granted_at_ms,
        60 * 60_000,
        "an hour by default"
    );
    assert!(access.ended_at_ms.is_none() && access.reviewed_at_ms.is_none());
    assert!(access.is_active(now_ms()));
    assert!(!access.is_active(access.expires_at_ms));

    // Reads now; the whole picture, health included.
    let person = b.person(&w.child_a).await.expect("the child");
    assert_eq!(person.person.id, w.child_a);
    assert!(
        person.relations.iter().any(|r| r.person_id == w.guardian_a),
        "the guardian, to call"
    );
    let lines = b.relay_logs_of(&w.child_a).await.expect("list");
    assert_eq!(
        lines.iter().map(|l| l.id.as_str()).collect::<Vec<_>>(),
        [log.as_str()]
    );
    let view = b.relay_log(&log).await.expect("the log");
    assert!(view.withheld.is_empty(), "{:?}", view.withheld);
    assert!(serde_json::to_string(&view).expect("json").contains(HEALTH));
    // ... but never writes.
    let written = b.record(&log, observation(), None).await;
    assert!(
        matches!(written, Err(DbError::NotFound) | Err(DbError::Forbidden)),
        "{written:?}"
    );
    assert_eq!(
        b.my_emergency_accesses()
            .await
            .expect("mine")
            .iter()
            .map(|e| e.id.as_str())
            .collect::<Vec<_>>(),
        [access.id.as_str()]
    );
    assert!(
        !b.my_emergency_accesses().await.expect("mine")[0]
            .child_name
            .is_empty(),
        "named while it runs"
    );
    assert_eq!(
        b.active_emergency_access(&w.child_a)
            .await
            .expect("active")
            .map(|e| e.id),
        Some(access.id.clone())
    );

    // Every read under it says so in the access log.
    let audit = store(&w)
        .audit_records(&w.tenant, 10_000)
        .await
        .expect("audit");
    let mine: Vec<_> = audit
        .iter()
        .map(|r| &r.event)
        .filter(|e| e.actor_id == w.teacher_b.staff.as_str() && e.at_ms >= access.granted_at_ms)
        .collect();
    for (kind, id) in [("person", w.child_a.as_str()), ("relay_log", log.as_str())] {
        let read = mine
            .iter()
            .find(|e| e.resource_type == kind && e.resource_id == id && e.action == "read")
            .unwrap_or_else(|| panic!("the read of the {kind} is audited"));
        assert_eq!(read.outcome, "allow");
        assert_eq!(read.reason, "emergency_access");
        assert_eq!(read.legal_basis, "emergency_access");
    }
    let emergency_reads = mine
        .iter()
        .filter(|e| e.reason == "emergency_access" && e.action != "create")
        .count();
    assert!(
        emergency_reads >= 4,
        "person, guardian, list, log: {mine:?}"
    );
    assert!(
        audit
            .iter()
            .any(|r| r.event.resource_type == "emergency_access"
                && r.event.action == "create"
                && r.event.actor_id == w.teacher_b.staff.as_str()
                && r.event.resource_id == w.child_a.as_str()),
        "taking it is audited"
    );
    assert!(
        audit
            .iter()
            .any(|r| r.event.resource_type == "emergency_access"
                && r.event.outcome == "deny"
                && r.event.actor_id == officer_actor.staff.as_str()),
        "a refused attempt is audited"
    );

    // Someone else cannot end it; its holder can, and the next read stops.
    not_found(a.end_emergency_access(&access.id).await);
    b.person(&w.child_a).await.expect("still open");
    b.end_emergency_access(&access.id).await.expect("end");
    not_found(b.person(&w.child_a).await);
    not_found(b.relay_log(&log).await);
    assert!(b.relay_logs_of(&w.child_a).await.expect("list").is_empty());
    not_found(b.end_emergency_access(&access.id).await);
    let ended = b.my_emergency_accesses().await.expect("mine");
    assert!(ended[0].ended_at_ms.is_some());
    // Once it is over, the list no longer names the child (nor while it ran
    // did it name it without a decision in the access log).
    assert!(ended[0].child_name.is_empty(), "{:?}", ended[0].child_name);
    assert!(!ended[0].is_active(now_ms()));

    // The privacy officer's review.
    not_found(b.emergency_reviews().await);
    not_found(
        store(&w)
            .access(w.teacher_a.clone(), Purpose::PrivacyReview, "test")
            .emergency_reviews()
            .await,
    );
    let listed = officer.emergency_reviews().await.expect("reviews");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, access.id);
    assert_eq!(listed[0].reason, REASON);
    assert_eq!(listed[0].staff_id, w.teacher_b.staff);
    assert!(listed[0].ended_at_ms.is_some());
    // Exactly the reads made under it (those counted above and the check
    // that it was still open: the child and its guardian), not the taking
    // or the ending of it.
    assert_eq!(listed[0].uses, emergency_reads as i64 + 2);
    not_found(
        b.review_emergency_access(&access.id, Some(text("Fint")))
            .await,
    );
    officer
        .review_emergency_access(&access.id, Some(text("Begrunnet: akutt skade")))
        .await
        .expect("review");
    not_found(officer.review_emergency_access(&access.id, None).await);
    not_found(
        officer
            .review_emergency_access(
                &EmergencyAccessId::parse("no-such-access").expect("an id"),
                None,
            )
            .await,
    );

    // A new one waits above the reviewed one.
    let again = b
        .take_emergency_access(&nin(2015, 3, 1), text("Ny skade"))
        .await
        .expect("again");
    let listed = officer.emergency_reviews().await.expect("reviews");
    assert_eq!(
        listed.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(),
        [again.id.as_str(), access.id.as_str()],
        "not yet reviewed first"
    );
    assert!(listed[0].reviewed_at_ms.is_none());
    let reviewed = &listed[1];
    assert!(reviewed.reviewed_at_ms.is_some());
    assert_eq!(reviewed.reviewed_by.as_deref(), Some("Vera Vern"));
    assert_eq!(
        reviewed.review_note.as_deref(),
        Some("Begrunnet: akutt skade")
    );
    w.db.remove().await;
}

#[tokio::test]
async fn an_emergency_access_expires_by_itself() {
    let w = world().await;
    let log = open_log(&w).await;
    let s = store(&w);
    s.execute_raw(&format!(
        "INSERT INTO tenant_settings (tenant_id, name, value) VALUES ('{}', 'emergency_minutes', '10')",
        w.tenant.as_str()
    ))
    .await
    .expect("setting");
    let b = as_actor(&w, &w.teacher_b);
    let access = b
        .take_emergency_access(&nin(2015, 3, 1), text(REASON))
        .await
        .expect("take");
    assert_eq!(access.expires_at_ms - access.granted_at_ms, 10 * 60_000);
    b.relay_log(&log).await.expect("open");

    // The time passes: the very next read finds nothing.
    s.execute_raw(&format!(
        "UPDATE emergency_access SET expires_at = {} WHERE id = '{}'",
        now_ms() - 1,
        access.id
    ))
    .await
    .expect("expire");
    not_found(b.relay_log(&log).await);
    not_found(b.person(&w.child_a).await);
    assert!(b.relay_logs_of(&w.child_a).await.expect("list").is_empty());
    assert!(!b.my_emergency_accesses().await.expect("mine")[0].is_active(now_ms()));

    // Once expired, it may be taken again. A value out of range falls back
    // to the default.
    s.execute_raw("UPDATE tenant_settings SET value = '1' WHERE name = 'emergency_minutes'")
        .await
        .expect("setting");
    let again = b
        .take_emergency_access(&nin(2015, 3, 1), text(REASON))
        .await
        .expect("take again");
    assert_eq!(again.expires_at_ms - again.granted_at_ms, 60 * 60_000);
    b.relay_log(&log).await.expect("open again");
    w.db.remove().await;
}

#[tokio::test]
async fn a_restriction_is_not_broken_by_the_glass() {
    let w = world().await;
    let log = open_log(&w).await;
    let (_, officer) = officer(&w).await;
    let b = as_actor(&w, &w.teacher_b);
    let access = b
        .take_emergency_access(&nin(2015, 3, 1), text(REASON))
        .await
        .expect("take");
    b.relay_log(&log).await.expect("open");

    officer
        .set_restriction(&w.child_a, Some(text("Bestridt")))
        .await
        .expect("restrict");
    // Restriction wins over an access already taken ...
    not_found(b.relay_log(&log).await);
    not_found(b.person(&w.child_a).await);
    // ... and none can be taken while it lasts.
    b.end_emergency_access(&access.id).await.expect("end");
    refused(
        b.take_emergency_access(&nin(2015, 3, 1), text(REASON))
            .await,
        "emergency-error-not-allowed",
    );
    assert_eq!(b.my_emergency_accesses().await.expect("mine").len(), 1);
    officer
        .set_restriction(&w.child_a, None)
        .await
        .expect("lift");
    b.take_emergency_access(&nin(2015, 3, 1), text(REASON))
        .await
        .expect("take after the restriction is lifted");
    b.relay_log(&log).await.expect("open");
    w.db.remove().await;
}
