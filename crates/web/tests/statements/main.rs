//! What an audited read costs the database, counted: every statement the
//! server sends, as sqlx reports it (`sqlx::query` events), and every wait
//! for a durable commit. A test binary of its own, because the count is
//! global to the process and the tests here run one at a time.
//!
//! The bounds are the targets of docs/benchmarks.md: an audited read of one
//! child is at most four statements (who is asking, the people around the
//! child, the facts about them, the child with their enrolments) and one
//! commit of its access-log records; a child's page waits for one commit.

#[allow(dead_code)] // the fixture is shared with the http suite, which uses all of it
#[path = "../http/world.rs"]
mod world;

use std::sync::{Mutex, MutexGuard, OnceLock};

use tracing::field::{Field, Visit};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::{Layer, Registry};
use world::World;

/// The statements seen so far, by their first words.
static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Keeps the tests of this binary from counting each other's statements;
/// an async lock, because a test holds it across its requests.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

struct Counter;

struct Summary(String);

impl Visit for Summary {
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "summary" {
            self.0 = value.to_string();
        }
    }
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "summary" && self.0.is_empty() {
            self.0 = format!("{value:?}");
        }
    }
}

impl<S: tracing::Subscriber> Layer<S> for Counter {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        if event.metadata().target() == "sqlx::query" {
            let mut summary = Summary(String::new());
            event.record(&mut summary);
            lock(&SEEN).push(summary.0.to_lowercase());
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Starts counting (once per process) and holds the binary to one test.
async fn counting() -> tokio::sync::MutexGuard<'static, ()> {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        tracing::subscriber::set_global_default(Registry::default().with(Counter))
            .expect("the only subscriber of this binary");
    });
    ONE_AT_A_TIME.lock().await
}

/// The statements of the group commit that makes a read's records durable:
/// the transaction (with the writers' lock on PostgreSQL), the chain head
/// and the records.
fn is_commit(statement: &str) -> bool {
    ["begin", "commit", "savepoint", "release"]
        .iter()
        .any(|w| statement.starts_with(w))
        || statement.contains("pg_advisory_xact_lock")
        || statement.contains("audit_head")
        || statement.contains("insert into audit_log")
}

/// The statements and commits of `request`, reads and commit apart.
async fn count<F: std::future::Future<Output = reqwest::Response>>(
    w: &World,
    request: F,
) -> (Vec<String>, Vec<String>, u64) {
    lock(&SEEN).clear();
    let commits = w.db.store.commits_waited();
    let response = request.await;
    assert_eq!(response.status(), 200, "the read succeeds");
    let _ = response.bytes().await;
    let waited = w.db.store.commits_waited() - commits;
    // A connection the pool happens to open during the request sets itself
    // up (SQLite's PRAGMAs): a cost of the pool, not of the read.
    let seen = std::mem::take(&mut *lock(&SEEN))
        .into_iter()
        .filter(|s| !s.starts_with("pragma"));
    let (commit, reads) = seen.partition(|s| is_commit(s));
    (reads, commit, waited)
}

#[tokio::test]
async fn an_audited_read_of_a_child_is_four_statements_and_one_commit() {
    let _one = counting().await;
    let w = World::start().await;
    let path = format!("/api/v1/persons/{}", w.child_a1.as_str());
    // The first request opens connections and fills statement caches.
    let _ = w.get(&w.teacher_a, &path).await;
    let (reads, commit, waited) = count(&w, w.get(&w.teacher_a, &path)).await;
    assert!(
        reads.len() <= 4,
        "at most 4 statements to read, found {}: {reads:#?}",
        reads.len()
    );
    assert_eq!(waited, 1, "one durable commit");
    assert!(
        commit.len() <= 8,
        "the commit is a transaction (and the writers' lock) with one append, found {commit:#?}"
    );
    w.stop().await;
}

/// Raises a concern about child A1 as teacher A and starts a log from it.
async fn open_log(w: &World) -> String {
    let body = serde_json::json!({"text": "Trekker seg unna", "areas": ["social"]});
    let path = format!("/api/v1/children/{}/concerns", w.child_a1.as_str());
    let created: serde_json::Value = w
        .post(&w.teacher_a, &path, &body)
        .await
        .json()
        .await
        .expect("a concern");
    let concern = created["id"].as_str().expect("the concern's id");
    let body = serde_json::json!({
        "decision": "start_log", "level": 1, "family_informed": world::told()
    });
    let path = format!("/api/v1/concerns/{concern}/decision");
    let decided: serde_json::Value = w
        .post(&w.teacher_a, &path, &body)
        .await
        .json()
        .await
        .expect("a decision");
    decided["log_id"].as_str().expect("a log").to_string()
}

#[tokio::test]
async fn an_audited_read_of_a_relay_log_is_seven_statements_and_one_commit() {
    let _one = counting().await;
    let w = World::start().await;
    let path = format!("/api/v1/relay-logs/{}", open_log(&w).await);
    let _ = w.get(&w.teacher_a, &path).await;
    let (reads, _, waited) = count(&w, w.get(&w.teacher_a, &path)).await;
    // Who is asking, the log, the child's facts, the child's consents, the
    // child, the events, the names of the staff and units they mention.
    assert!(
        reads.len() <= 7,
        "at most 7 statements to read a log, found {}: {reads:#?}",
        reads.len()
    );
    assert_eq!(waited, 1, "one durable commit");
    w.stop().await;
}

#[tokio::test]
async fn a_childs_page_waits_for_one_commit_within_its_statement_budget() {
    let _one = counting().await;
    let w = World::start().await;
    let (client, _) = w.sign_in("laerer.a").await;
    let page = w.url(&format!("/children/{}", w.child_a1.as_str()));
    let _ = client.get(&page).send().await.expect("page");
    let (reads, _, waited) =
        count(&w, async { client.get(&page).send().await.expect("page") }).await;
    assert_eq!(waited, 1, "one durable commit for the whole page");
    assert!(
        reads.len() <= PAGE_READS,
        "at most {PAGE_READS} statements for the page, found {}: {reads:#?}",
        reads.len()
    );
    w.stop().await;
}

/// The child's page: the session and the staff member, the child (three, as
/// in the read above), their logs, concerns, consents, the case history the
/// consent ledger needs, feedback and break-the-glass state. The consent
/// ledger and the feedback facts reuse the request's facts about the child
/// (units, restriction, break-the-glass, consents): 15 when measured on
/// 2026-12-07, down from 22 (docs/benchmarks.md).
const PAGE_READS: usize = 15;
