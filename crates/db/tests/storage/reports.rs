//! The duty to report to child welfare: a statutory path that needs no
//! consent and goes through a restriction, is decided and audited with its
//! legal basis, is reviewed by child welfare within a week, and is escalated
//! when it is not.

use ettlag_core::audit::AuditEvent;
use ettlag_core::consent::{AgeBasis, Category, Consent, Evidence, Recipients};
use ettlag_core::policy::{Actor, Purpose};
use ettlag_core::relay::{ConcernDecision, Level};
use ettlag_core::report::{Ground, Outcome, REVIEW_DAYS, ReportDraft};
use ettlag_core::text::Text;
use ettlag_core::{Day, PersonId, Role, RoleSet, ServiceType, UnitId};
use ettlag_db::{
    AccessContext, AuditFilter, DbError, LogCommand, NewConcern, NewReport, NewStaff,
    REPORT_REVIEW_DUE, now_ms,
};

use crate::support::{World, as_actor, store, world};

const DAY_MS: i64 = 86_400_000;
const WHAT: &str = "Ada hadde blåmerker på begge armene og ville ikke si hvorfor";

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

fn new_report(child: &PersonId) -> NewReport {
    NewReport {
        child: child.clone(),
        draft: ReportDraft::parse(&["a".into()], WHAT).expect("draft"),
        receiving_unit: None,
        concern: None,
    }
}

async fn staff_in(w: &World, username: &str, roles: Vec<Role>, units: Vec<UnitId>) -> Actor {
    let s = store(w);
    let id = s
        .system_access(&w.tenant)
        .create_staff(NewStaff {
            username: username.into(),
            display_name: username.into(),
            roles: RoleSet::new(roles),
            units,
            password_hash: None,
        })
        .await
        .expect("staff");
    s.actor(&w.tenant, &id).await.expect("load").expect("actor")
}

/// The municipality's child welfare service with one caseworker.
async fn child_welfare(w: &World) -> (UnitId, Actor) {
    let unit = store(w)
        .system_access(&w.tenant)
        .create_unit("Testvik barnevern", ServiceType::ChildWelfare)
        .await
        .expect("unit");
    let caseworker = staff_in(w, "saksbehandler", vec![Role::Staff], vec![unit.clone()]).await;
    (unit, caseworker)
}

async fn privacy_officer(w: &World) -> AccessContext {
    let officer = staff_in(w, "personvern", vec![Role::PrivacyOfficer], Vec::new()).await;
    store(w).access(officer, Purpose::PrivacyReview, "test")
}

/// The audit records about one resource, oldest first, as the privacy
/// officer reads them.
async fn audit_of(officer: &AccessContext, resource_id: &str) -> Vec<AuditEvent> {
    let mut records = officer
        .audit_log(&AuditFilter {
            resource_id: resource_id.into(),
            ..AuditFilter::default()
        })
        .await
        .expect("the access log");
    records.reverse();
    records.into_iter().map(|r| r.event).collect()
}

fn notification_kinds(desk: &ettlag_db::MyWork, report: &str) -> Vec<String> {
    desk.notifications
        .iter()
        .filter(|n| n.report_id.as_deref() == Some(report))
        .map(|n| n.kind.clone())
        .collect()
}

#[tokio::test]
async fn a_teacher_reports_without_consent_and_child_welfare_reviews_it() {
    let w = world().await;
    let (cw, caseworker) = child_welfare(&w).await;
    let officer = privacy_officer(&w).await;
    let a = as_actor(&w, &w.teacher_a);
    let b = as_actor(&w, &w.teacher_b);
    let c = as_actor(&w, &caseworker);
    assert!(a.consents_of(&w.child_a).await.expect("ledger").is_empty());
    assert_eq!(
        a.child_welfare_units()
            .await
            .expect("units")
            .iter()
            .map(|u| u.id.as_str())
            .collect::<Vec<_>>(),
        [cw.as_str()]
    );

    // The receipt.
    let before = now_ms();
    let receipt = a.make_report(new_report(&w.child_a)).await.expect("report");
    assert!(
        receipt.reference.starts_with("BV-") && receipt.reference.len() > 3,
        "{}",
        receipt.reference
    );
    assert!(receipt.submitted_at_ms >= before && receipt.submitted_at_ms <= now_ms());
    assert_eq!(
        receipt.review_due_at_ms - receipt.submitted_at_ms,
        REVIEW_DAYS * DAY_MS
    );
    assert_eq!(REVIEW_DAYS, 7);
    assert_eq!(receipt.child.id, w.child_a);
    assert_eq!(receipt.grounds, [Ground::Mistreatment]);
    assert_eq!(receipt.text, WHAT);
    assert_eq!(receipt.reporter.id, w.teacher_a.staff);
    assert_eq!(
        receipt.reporter_unit.as_ref().map(|u| u.id.clone()),
        Some(w.school_a.clone())
    );
    assert_eq!(receipt.receiving_unit.id, cw, "the only child welfare unit");
    assert!(receipt.acknowledged_at_ms.is_none() && receipt.reviewed_at_ms.is_none());
    assert!(!receipt.reader_reviews);
    let id = receipt.id.clone();

    // Child welfare finds it in its queue and is told of it.
    let queue = c.report_queue().await.expect("queue");
    assert_eq!(
        queue.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        [id.as_str()]
    );
    assert!(queue[0].reader_reviews);
    assert_eq!(
        notification_kinds(&c.my_work().await.expect("desk"), &id),
        ["report_received"]
    );
    // The reporter has the receipt.
    let mine = a.my_reports().await.expect("receipts");
    assert_eq!(
        mine.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        [id.as_str()]
    );
    assert_eq!(
        a.report(&id).await.expect("receipt").reference,
        receipt.reference
    );
    assert!(a.report_queue().await.expect("queue").is_empty());

    // Another school knows nothing of the child or the report.
    not_found(b.make_report(new_report(&w.child_a)).await);
    not_found(b.report(&id).await);
    assert!(b.my_reports().await.expect("none").is_empty());
    assert!(b.report_queue().await.expect("none").is_empty());
    not_found(
        a.make_report(new_report(&PersonId::from_trusted("no-such-child".into())))
            .await,
    );
    assert_eq!(c.report_queue().await.expect("queue").len(), 1);

    // Only child welfare acknowledges and reviews: the reporter, who may
    // read the report, is told so; a stranger learns nothing.
    assert!(matches!(
        a.acknowledge_report(&id, None).await,
        Err(DbError::Forbidden)
    ));
    assert!(matches!(
        a.review_report(&id, Outcome::Dismiss, None, None).await,
        Err(DbError::Forbidden)
    ));
    not_found(b.acknowledge_report(&id, None).await);
    let v1 = c.report(&id).await.expect("read").version;
    assert!(matches!(
        c.acknowledge_report(&id, Some(v1 + 1)).await,
        Err(DbError::Stale)
    ));
    c.acknowledge_report(&id, Some(v1))
        .await
        .expect("acknowledge");
    refused(
        c.acknowledge_report(&id, None).await,
        "report-error-acknowledged",
    );
    let seen = a.report(&id).await.expect("receipt");
    assert!(seen.acknowledged_at_ms.is_some());
    assert_eq!(
        seen.acknowledged_by.as_ref().map(|s| s.id.clone()),
        Some(caseworker.staff.clone())
    );
    assert_eq!(
        notification_kinds(&a.my_work().await.expect("desk"), &id),
        ["report_acknowledged"]
    );

    let v2 = c.report(&id).await.expect("read").version;
    assert_eq!(v2, v1 + 1);
    assert!(matches!(
        c.review_report(&id, Outcome::Investigate, None, Some(v1))
            .await,
        Err(DbError::Stale)
    ));
    c.review_report(
        &id,
        Outcome::Investigate,
        Some(text("Undersøkelse startet")),
        Some(v2),
    )
    .await
    .expect("review");
    refused(
        c.review_report(&id, Outcome::Dismiss, None, None).await,
        "report-error-reviewed",
    );
    let reviewed = c.report(&id).await.expect("read");
    assert_eq!(reviewed.outcome, Some(Outcome::Investigate));
    assert!(reviewed.reviewed_at_ms.is_some());
    assert_eq!(
        reviewed.review_note.as_deref(),
        Some("Undersøkelse startet")
    );
    assert_eq!(
        reviewed.reviewed_by.as_ref().map(|s| s.id.clone()),
        Some(caseworker.staff.clone())
    );
    // The reporter learns the outcome, not child welfare's note.
    let receipt = a.report(&id).await.expect("receipt");
    assert_eq!(receipt.outcome, Some(Outcome::Investigate));
    assert_eq!(receipt.review_note, None);
    assert!(!receipt.reader_reviews);
    let kinds = notification_kinds(&a.my_work().await.expect("desk"), &id);
    assert!(kinds.contains(&"report_reviewed".to_string()), "{kinds:?}");

    // A reviewed report is not escalated.
    assert_eq!(
        store(&w)
            .run_due_jobs(now_ms() + 8 * DAY_MS)
            .await
            .expect("run"),
        0
    );
    assert!(
        !notification_kinds(&c.my_work().await.expect("desk"), &id)
            .contains(&"report_overdue".to_string())
    );

    // The access log has every step, with its legal basis.
    let records = audit_of(&officer, &id).await;
    let create = records
        .iter()
        .find(|e| e.action == "create")
        .expect("the report's creation is audited");
    assert_eq!(create.actor_id, w.teacher_a.staff.as_str());
    assert_eq!(create.resource_type, "report");
    assert_eq!(create.outcome, "allow");
    assert_eq!(create.reason, "duty_to_report");
    // The legal basis names the statutory ground (a).
    assert_eq!(create.legal_basis, "duty_to_report:a");
    assert!(
        records
            .iter()
            .any(|e| e.actor_id == w.teacher_b.staff.as_str()
                && e.action == "read"
                && e.outcome == "deny"
                && e.legal_basis == "none")
    );
    assert!(
        records
            .iter()
            .any(|e| e.actor_id == w.teacher_a.staff.as_str()
                && e.action == "update"
                && e.outcome == "deny")
    );
    let reviews: Vec<_> = records
        .iter()
        .filter(|e| e.actor_id == caseworker.staff.as_str() && e.action == "update")
        .collect();
    assert!(!reviews.is_empty());
    assert!(reviews.iter().all(|e| e.outcome == "allow"
        && e.reason == "child_welfare_review"
        && e.legal_basis == "child_welfare_review"));
    assert!(
        records
            .iter()
            .any(|e| e.actor_id == w.teacher_a.staff.as_str()
                && e.action == "read"
                && e.reason == "reporter"
                && e.legal_basis == "duty_to_report")
    );
    // The other school's refused report is in the log too.
    let by_b = officer
        .audit_log(&AuditFilter {
            actor_id: w.teacher_b.staff.to_string(),
            ..AuditFilter::default()
        })
        .await
        .expect("log");
    assert!(by_b.iter().any(|r| r.event.resource_type == "report"
        && r.event.action == "create"
        && r.event.outcome == "deny"
        && r.event.reason == "not_linked_to_own_unit"));
    let reports = store(&w).verify_audit().await.expect("verify");
    assert!(reports.iter().all(|r| r.result.is_ok()), "{reports:?}");
    w.db.remove().await;
}

#[tokio::test]
async fn a_report_not_reviewed_within_a_week_is_escalated_once() {
    let w = world().await;
    let (cw, caseworker) = child_welfare(&w).await;
    let colleague = staff_in(&w, "saksbehandler.2", vec![Role::Staff], vec![cw.clone()]).await;
    let a = as_actor(&w, &w.teacher_a);
    let c = as_actor(&w, &caseworker);
    let id = a
        .make_report(new_report(&w.child_a))
        .await
        .expect("report")
        .id;
    let s = store(&w);
    assert_eq!(
        s.run_due_jobs(now_ms() + 6 * DAY_MS).await.expect("run"),
        0,
        "not yet"
    );
    c.acknowledge_report(&id, None)
        .await
        .expect("an acknowledgement is not a review");
    assert_eq!(s.run_due_jobs(now_ms() + 8 * DAY_MS).await.expect("run"), 1);
    for who in [&caseworker, &colleague] {
        let desk = as_actor(&w, who).my_work().await.expect("desk");
        let overdue: Vec<_> = desk
            .notifications
            .iter()
            .filter(|n| n.kind == "report_overdue")
            .collect();
        assert_eq!(overdue.len(), 1, "{:?}", desk.notifications);
        assert_eq!(overdue[0].report_id.as_deref(), Some(id.as_str()));
        assert_eq!(overdue[0].child_id, w.child_a);
    }
    // The reporter and other schools are not told.
    for who in [&w.teacher_a, &w.teacher_b] {
        let desk = as_actor(&w, who).my_work().await.expect("desk");
        assert!(
            desk.notifications
                .iter()
                .all(|n| n.kind != "report_overdue")
        );
    }
    // Once.
    assert_eq!(s.run_due_jobs(now_ms() + 9 * DAY_MS).await.expect("run"), 0);
    s.execute_raw(&format!(
        "UPDATE jobs SET status = 'pending' WHERE kind = '{REPORT_REVIEW_DUE}'"
    ))
    .await
    .expect("re-arm");
    assert_eq!(s.run_due_jobs(now_ms() + 9 * DAY_MS).await.expect("run"), 1);
    let overdue = c
        .my_work()
        .await
        .expect("desk")
        .notifications
        .into_iter()
        .filter(|n| n.kind == "report_overdue")
        .count();
    assert_eq!(overdue, 1, "no duplicate");
    let reminders = s
        .audit_records(&w.tenant, 10_000)
        .await
        .expect("audit")
        .into_iter()
        .filter(|r| r.event.resource_id == id && r.event.reason == "reminder")
        .count();
    assert_eq!(reminders, 2, "the system's reads for reminders are audited");
    w.db.remove().await;
}

#[tokio::test]
async fn with_a_leader_the_escalation_goes_to_the_leader() {
    let w = world().await;
    let (cw, caseworker) = child_welfare(&w).await;
    let leader = staff_in(&w, "leder", vec![Role::UnitLeader], vec![cw.clone()]).await;
    let id = as_actor(&w, &w.teacher_a)
        .make_report(new_report(&w.child_a))
        .await
        .expect("report")
        .id;
    assert_eq!(
        store(&w)
            .run_due_jobs(now_ms() + 8 * DAY_MS)
            .await
            .expect("run"),
        1
    );
    let to_leader = as_actor(&w, &leader).my_work().await.expect("desk");
    let mut kinds = notification_kinds(&to_leader, &id);
    kinds.sort();
    assert_eq!(kinds, ["report_overdue", "report_received"]);
    let to_caseworker = as_actor(&w, &caseworker).my_work().await.expect("desk");
    assert_eq!(notification_kinds(&to_caseworker, &id), ["report_received"]);
    w.db.remove().await;
}

#[tokio::test]
async fn a_report_goes_through_a_restriction() {
    let w = world().await;
    let (_, caseworker) = child_welfare(&w).await;
    let officer = privacy_officer(&w).await;
    officer
        .set_restriction(&w.child_a, Some(text("Foreldrene bestrider opplysningene")))
        .await
        .expect("restrict");
    let a = as_actor(&w, &w.teacher_a);
    not_found(a.person(&w.child_a).await);
    let receipt = a
        .make_report(new_report(&w.child_a))
        .await
        .expect("the duty to report is not restricted");
    let c = as_actor(&w, &caseworker);
    let queued = c.report(&receipt.id).await.expect("child welfare reads it");
    assert_eq!(queued.child.id, w.child_a);
    assert_eq!(queued.text, WHAT);
    c.review_report(&receipt.id, Outcome::Dismiss, None, None)
        .await
        .expect("review");
    assert_eq!(
        a.report(&receipt.id).await.expect("receipt").outcome,
        Some(Outcome::Dismiss)
    );
    let create = audit_of(&officer, &receipt.id)
        .await
        .into_iter()
        .find(|e| e.action == "create")
        .expect("audited");
    assert_eq!(
        (
            create.outcome.as_str(),
            create.reason.as_str(),
            create.legal_basis.as_str()
        ),
        ("allow", "duty_to_report", "duty_to_report:a")
    );
    // Another school still may not report about the child.
    not_found(
        as_actor(&w, &w.teacher_b)
            .make_report(new_report(&w.child_a))
            .await,
    );
    w.db.remove().await;
}

#[tokio::test]
async fn the_holder_of_the_childs_log_may_report_from_another_unit() {
    let w = world().await;
    let (_, caseworker) = child_welfare(&w).await;
    let a = as_actor(&w, &w.teacher_a);
    let b = as_actor(&w, &w.teacher_b);
    let concern = a
        .raise_concern(NewConcern {
            child: w.child_a.clone(),
            unit: None,
            text: text("Ada er redd for å gå hjem"),
            areas: Vec::new(),
            since: None,
        })
        .await
        .expect("raise");
    let log = a
        .decide_concern(
            &concern,
            ConcernDecision::StartLog(Level::Two),
            Some(crate::support::told()),
            None,
            None,
        )
        .await
        .expect("decide")
        .expect("log");
    let today = Day::from_ms(now_ms());
    let consent = a
        .give_consent(Consent {
            id: String::new(),
            subject: w.child_a.clone(),
            grantors: vec![w.guardian_a.clone()],
            basis: AgeBasis::Guardians,
            purpose: "Overgang til ny skole".into(),
            recipients: Recipients {
                units: vec![w.school_b.clone()],
                service_types: Vec::new(),
            },
            categories: vec![Category::RelayLog],
            valid_from: today.add_days(-1),
            valid_to: Some(today.add_days(365)),
            evidence: Evidence::Meeting,
            withdrawn_at_ms: None,
            stance: Default::default(),
            awaiting: Vec::new(),
            one_guardian_accepted: false,
        })
        .await
        .expect("consent");
    a.record(
        &log,
        LogCommand::OfferBaton {
            to: w.teacher_b.staff.clone(),
            to_unit: w.school_b.clone(),
            family_wish: None,
            transition: None,
        },
        None,
    )
    .await
    .expect("offer");
    b.record(&log, LogCommand::AcceptBaton, None)
        .await
        .expect("accept");
    // The consent goes and the baton goes home, but the one who held it
    // still knows the child through their work.
    a.withdraw_consent(&consent, None).await.expect("withdraw");
    let receipt = b
        .make_report(NewReport {
            concern: Some(concern.clone()),
            ..new_report(&w.child_a)
        })
        .await
        .expect("the holder knows the child through the case");
    assert_eq!(receipt.concern_id.as_deref(), Some(concern.as_str()));
    assert_eq!(
        receipt.reporter_unit.as_ref().map(|u| u.id.clone()),
        Some(w.school_b.clone()),
        "reported from the holder's own unit"
    );
    assert_eq!(
        as_actor(&w, &caseworker)
            .report_queue()
            .await
            .expect("queue")
            .len(),
        1
    );
    // Teacher A has neither a case with child B nor child B in the school.
    not_found(a.make_report(new_report(&w.child_b)).await);
    w.db.remove().await;
}

#[tokio::test]
async fn a_report_needs_a_child_welfare_unit_to_go_to() {
    let w = world().await;
    let a = as_actor(&w, &w.teacher_a);
    assert!(a.child_welfare_units().await.expect("none").is_empty());
    refused(
        a.make_report(new_report(&w.child_a)).await,
        "report-error-no-child-welfare",
    );
    assert!(a.my_reports().await.expect("nothing stored").is_empty());

    // With two, the reporter chooses one of them, and only one of them.
    let (first, caseworker) = child_welfare(&w).await;
    let second = store(&w)
        .system_access(&w.tenant)
        .create_unit("Nabokommunen barnevern", ServiceType::ChildWelfare)
        .await
        .expect("unit");
    assert_eq!(a.child_welfare_units().await.expect("two").len(), 2);
    refused(
        a.make_report(new_report(&w.child_a)).await,
        "report-error-receiver",
    );
    refused(
        a.make_report(NewReport {
            receiving_unit: Some(w.school_b.clone()),
            ..new_report(&w.child_a)
        })
        .await,
        "report-error-receiver",
    );
    assert!(a.my_reports().await.expect("nothing stored").is_empty());
    let to_second = a
        .make_report(NewReport {
            receiving_unit: Some(second.clone()),
            ..new_report(&w.child_a)
        })
        .await
        .expect("report");
    assert_eq!(to_second.receiving_unit.id, second);
    // The first unit's caseworker does not see a report sent to the second.
    let c = as_actor(&w, &caseworker);
    assert!(c.report_queue().await.expect("queue").is_empty());
    not_found(c.report(&to_second.id).await);
    let to_first = a
        .make_report(NewReport {
            receiving_unit: Some(first.clone()),
            ..new_report(&w.child_a)
        })
        .await
        .expect("report");
    assert_ne!(to_first.reference, to_second.reference);
    assert_eq!(
        c.report_queue()
            .await
            .expect("queue")
            .iter()
            .map(|r| r.id.as_str())
            .collect::<Vec<_>>(),
        [to_first.id.as_str()]
    );
    assert_eq!(a.my_reports().await.expect("receipts").len(), 2);
    w.db.remove().await;
}
