//! Two servers on one database, each with its own writer: a conditional
//! write must hold across processes, not only inside one. Two caseworkers
//! deciding on the same report with the same version get one decision and
//! one "changed since you read it", never two decisions; appends to one
//! relay log from both servers at once all land, with no duplicate keys and
//! the access log's chain intact. (On SQLite the file's write lock already
//! orders the two; on PostgreSQL the writers' transactions would interleave
//! without the writer's own lock.)

use ettlag_core::policy::{Actor, Purpose};
use ettlag_core::relay::{ConcernDecision, Entry, Level};
use ettlag_core::report::{Outcome, ReportDraft};
use ettlag_core::text::Text;
use ettlag_core::{Role, RoleSet, ServiceType};
use ettlag_db::{DbError, LogCommand, NewConcern, NewReport, NewStaff, Store};

use crate::support::{World, as_actor, store, world};

/// Rounds of the report race; each is one chance for a lost update.
const ROUNDS: usize = 12;
/// Entries each server appends to the one log at the same time.
const APPENDS: usize = 12;

async fn second_server(w: &World) -> Store {
    Store::open(&w.db.url)
        .await
        .expect("a second store on the same database")
}

async fn caseworker(w: &World) -> Actor {
    let admin = store(w).system_access(&w.tenant);
    let unit = admin
        .create_unit("Testvik barnevern", ServiceType::ChildWelfare)
        .await
        .expect("unit");
    let id = admin
        .create_staff(NewStaff {
            username: "saksbehandler".into(),
            display_name: "Saksbehandler".into(),
            roles: RoleSet::new(vec![Role::Staff]),
            units: vec![unit],
            password_hash: None,
        })
        .await
        .expect("staff");
    store(w)
        .actor(&w.tenant, &id)
        .await
        .expect("load")
        .expect("actor")
}

fn assert_chain_intact(reports: &[ettlag_db::ChainReport]) {
    for r in reports {
        assert!(r.result.is_ok(), "the access log's chain: {r:?}");
    }
}

#[tokio::test]
async fn two_servers_deciding_on_one_report_version_make_exactly_one_decision() {
    let w = world().await;
    let other = second_server(&w).await;
    let cw = caseworker(&w).await;
    let teacher = as_actor(&w, &w.teacher_a);
    for round in 0..ROUNDS {
        let report = teacher
            .make_report(NewReport {
                child: w.child_a.clone(),
                draft: ReportDraft::parse(&["a".into()], "Blåmerker på armene").expect("draft"),
                receiving_unit: None,
                concern: None,
            })
            .await
            .expect("report");
        let here = store(&w).access(cw.clone(), Purpose::FollowUp, "race");
        let there = other.access(cw.clone(), Purpose::FollowUp, "race");
        let v = Some(report.version);
        let (a, b) = tokio::join!(
            here.review_report(&report.id, Outcome::Investigate, None, v),
            there.review_report(&report.id, Outcome::Dismiss, None, v),
        );
        let winner = match (&a, &b) {
            (Ok(()), Err(DbError::Stale)) => Outcome::Investigate,
            (Err(DbError::Stale), Ok(())) => Outcome::Dismiss,
            other => panic!("round {round}: one decision and one stale, not {other:?}"),
        };
        let stored = here.report(&report.id).await.expect("read");
        assert_eq!(stored.outcome, Some(winner), "round {round}");
    }
    assert_chain_intact(&store(&w).verify_audit().await.expect("verify"));
    other.close().await;
    w.db.remove().await;
}

#[tokio::test]
async fn two_servers_appending_to_one_relay_log_at_once_lose_nothing() {
    let w = world().await;
    let other = second_server(&w).await;
    let a = as_actor(&w, &w.teacher_a);
    let concern = a
        .raise_concern(NewConcern {
            child: w.child_a.clone(),
            unit: None,
            text: Text::parse("Leker alene i friminuttene", 200).expect("text"),
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
        .expect("a log");
    let before = a.relay_log(&log).await.expect("read").events.len();
    let append = |s: &Store, i: usize| {
        let ctx = s.access(w.teacher_a.clone(), Purpose::FollowUp, "race");
        let log = log.clone();
        async move {
            let text = Text::parse(&format!("Observasjon {i}"), 200).expect("text");
            ctx.record(
                &log,
                LogCommand::Entry {
                    entry: Entry::Observation { text },
                    supersedes: None,
                    category: ettlag_core::consent::Category::RelayLog,
                },
                None,
            )
            .await
        }
    };
    let here: Vec<_> = (0..APPENDS).map(|i| append(store(&w), i)).collect();
    let there: Vec<_> = (0..APPENDS).map(|i| append(&other, APPENDS + i)).collect();
    let (here, there) = tokio::join!(
        futures_util::future::join_all(here),
        futures_util::future::join_all(there)
    );
    for result in here.iter().chain(there.iter()) {
        assert!(result.is_ok(), "every append lands: {result:?}");
    }
    let after = a.relay_log(&log).await.expect("read").events.len();
    assert_eq!(after - before, 2 * APPENDS, "none lost, none twice");
    assert_chain_intact(&store(&w).verify_audit().await.expect("verify"));
    other.close().await;
    w.db.remove().await;
}
