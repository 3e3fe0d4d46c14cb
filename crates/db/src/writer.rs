//! The single writer with group commit.
//!
//! A durable SQLite commit costs about 0.3 ms on our machines, and every audited
//! read needs a durable audit record before its answer leaves. So all writes go
//! through one task that takes every job waiting, runs each in its own savepoint
//! inside one transaction, commits once, and only then tells each caller that
//! its write is durable. One job's failure rolls back only its savepoint.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use std::panic::AssertUnwindSafe;

use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use sqlx::any::AnyConnectOptions;
use sqlx::{AnyConnection, Connection, Executor};
use tokio::sync::{mpsc, oneshot};

use ettlag_core::audit::AuditEvent;

use crate::backend::{Backend, SQLITE_PRAGMAS};
use crate::error::{DbError, DbResult};

/// What a job sees: the writer's connection inside the open transaction, and
/// the audit chain heads this transaction has already locked.
#[derive(Debug)]
pub struct Tx {
    pub(crate) conn: AnyConnection,
    /// How to open the connection again if the database drops it.
    options: AnyConnectOptions,
    /// tenant id → (seq, hash) of the newest record written in this transaction.
    pub(crate) heads: HashMap<String, (i64, String)>,
    pub(crate) backend: Backend,
}

/// Called after the commit with its outcome; hands the job's value to its caller.
type Deliver = Box<dyn FnOnce(DbResult<()>) + Send>;
type Job = Box<dyn for<'c> FnOnce(&'c mut Tx) -> BoxFuture<'c, Option<Deliver>> + Send>;

/// Access-log records of reads, by municipality, waiting for a commit.
type Records = Vec<(String, Vec<AuditEvent>)>;

enum Message {
    Job(Job),
    /// Records that write nothing else: all of a group's are appended
    /// together, in one statement per municipality and 256 records.
    Records(Records, oneshot::Sender<DbResult<()>>),
    Shutdown(oneshot::Sender<()>),
}

/// The most jobs one commit takes; bounds the time a transaction holds locks.
const MAX_BATCH: usize = 512;

/// A handle to the writer task.
#[derive(Debug, Clone)]
pub struct Writer {
    sender: mpsc::Sender<Message>,
    /// Jobs handed to the writer so far: each is one wait for a durable
    /// commit by its caller, which is what a request pays for.
    jobs: Arc<AtomicU64>,
}

impl std::fmt::Debug for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Message")
    }
}

impl Writer {
    pub(crate) fn start(
        conn: AnyConnection,
        options: AnyConnectOptions,
        backend: Backend,
    ) -> Writer {
        let (sender, receiver) = mpsc::channel(16 * MAX_BATCH);
        let tx = Tx {
            conn,
            options,
            heads: HashMap::new(),
            backend,
        };
        tokio::spawn(run(tx, receiver));
        Writer {
            sender,
            jobs: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Runs `job` in the next group commit and returns its value once the
    /// commit is durable. An error from the job rolls back only that job.
    pub async fn run<T, F>(&self, job: F) -> DbResult<T>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(&'c mut Tx) -> BoxFuture<'c, DbResult<T>> + Send + 'static,
    {
        self.jobs.fetch_add(1, Ordering::Relaxed);
        let (reply, answer) = oneshot::channel::<DbResult<T>>();
        let boxed: Job = Box::new(move |tx: &mut Tx| {
            Box::pin(async move {
                match job(tx).await {
                    Ok(value) => Some(Box::new(move |committed: DbResult<()>| {
                        let _ = reply.send(committed.map(|()| value));
                    }) as Deliver),
                    Err(e) => {
                        let _ = reply.send(Err(e));
                        None
                    }
                }
            })
        });
        self.sender
            .send(Message::Job(boxed))
            .await
            .map_err(|_| DbError::Unavailable)?;
        answer.await.map_err(|_| DbError::Unavailable)?
    }

    /// Appends access-log records of reads to their chains in the next group
    /// commit and returns once they are durable. Cheaper than a job: the
    /// records of every read waiting are written together.
    pub(crate) async fn append(&self, records: Records) -> DbResult<()> {
        self.jobs.fetch_add(1, Ordering::Relaxed);
        let (reply, answer) = oneshot::channel();
        self.sender
            .send(Message::Records(records, reply))
            .await
            .map_err(|_| DbError::Unavailable)?;
        answer.await.map_err(|_| DbError::Unavailable)?
    }

    /// How many jobs callers have handed to the writer since it started.
    pub fn jobs(&self) -> u64 {
        self.jobs.load(Ordering::Relaxed)
    }

    /// Lets the writer finish the jobs it has, then stop.
    pub async fn shutdown(&self) {
        let (done, wait) = oneshot::channel();
        if self.sender.send(Message::Shutdown(done)).await.is_ok() {
            let _ = wait.await;
        }
    }
}

/// What one group commit writes.
#[derive(Default)]
struct Group {
    jobs: Vec<Job>,
    records: Records,
    /// Who waits for the records, told after the commit.
    waiting: Vec<oneshot::Sender<DbResult<()>>>,
}

impl Group {
    fn len(&self) -> usize {
        self.jobs.len() + self.waiting.len()
    }

    /// Takes a message; answers the shutdown signal if that is what it was.
    fn take(&mut self, message: Message) -> Option<oneshot::Sender<()>> {
        match message {
            Message::Job(job) => self.jobs.push(job),
            Message::Records(records, reply) => {
                self.records.extend(records);
                self.waiting.push(reply);
            }
            Message::Shutdown(done) => return Some(done),
        }
        None
    }
}

async fn run(mut tx: Tx, mut receiver: mpsc::Receiver<Message>) {
    loop {
        let mut group = Group::default();
        let mut stop = match receiver.recv().await {
            Some(message) => group.take(message),
            None => break,
        };
        // Whatever queued up while the last commit ran joins this one.
        while stop.is_none() && group.len() < MAX_BATCH {
            match receiver.try_recv() {
                Ok(message) => stop = group.take(message),
                Err(_) => break,
            }
        }
        if group.len() > 0 {
            commit_batch(&mut tx, group).await;
        }
        if let Some(done) = stop.take() {
            let _ = done.send(());
            break;
        }
    }
}

async fn commit_batch(tx: &mut Tx, group: Group) {
    let Group {
        jobs,
        records,
        waiting,
    } = group;
    let begin = match tx.backend {
        // IMMEDIATE takes the write lock at once, so another process's writer
        // waits on busy_timeout instead of failing mid-transaction.
        Backend::Sqlite => "BEGIN IMMEDIATE",
        Backend::Postgres => "BEGIN",
    };
    if let Err(e) = tx.conn.execute(begin).await {
        // The connection may have been dropped (a PostgreSQL restart, a
        // network cut): open a new one and try once more before giving up.
        tracing::warn!(error = %e, "could not begin a write transaction; reconnecting");
        let retried = match reconnect(tx).await {
            Ok(()) => tx.conn.execute(begin).await.map(|_| ()),
            Err(e) => Err(e),
        };
        if let Err(e) = retried {
            tracing::error!(error = %e, "the writer cannot reach the database");
            fail_all(jobs, waiting, e);
            return;
        }
    }
    if let Err(e) = hold_writers_lock(tx).await {
        tracing::error!(error = %e, "could not take the writers' lock");
        let _ = tx.conn.execute("ROLLBACK").await;
        fail_all(jobs, waiting, e);
        return;
    }
    tx.heads.clear();
    let records_written = append_records(tx, records).await;
    let mut delivers: Vec<Deliver> = Vec::with_capacity(jobs.len());
    for job in jobs {
        if let Err(e) = tx.conn.execute("SAVEPOINT job").await {
            tracing::error!(error = %e, "could not open a savepoint");
            let _ = tx.conn.execute("ROLLBACK").await;
            for d in delivers {
                d(Err(DbError::Other("the write was rolled back".into())));
            }
            for w in waiting {
                let _ = w.send(Err(DbError::Other("the write was rolled back".into())));
            }
            return;
        }
        // A panic in one job must not take the writer, and every later write,
        // down with it: it counts as that job failing.
        let outcome = AssertUnwindSafe(job(tx)).catch_unwind().await;
        if outcome.is_err() {
            tracing::error!("a write job panicked; its part is rolled back");
        }
        match outcome.ok().flatten() {
            Some(deliver) => {
                if let Err(e) = tx.conn.execute("RELEASE SAVEPOINT job").await {
                    // The job went on past a failed statement, which leaves a
                    // PostgreSQL transaction refusing everything, and the
                    // commit would silently roll back the whole batch. Undo
                    // this job's part only, and tell its caller.
                    tracing::error!(error = %e, "a write job left its transaction failed");
                    let _ = tx.conn.execute("ROLLBACK TO SAVEPOINT job").await;
                    let _ = tx.conn.execute("RELEASE SAVEPOINT job").await;
                    tx.heads.clear();
                    deliver(Err(DbError::Other("the write was rolled back".into())));
                } else {
                    delivers.push(deliver);
                }
            }
            None => {
                // The job failed: undo its part only. The cached chain heads may
                // include its audit records, so read them again next time.
                let _ = tx.conn.execute("ROLLBACK TO SAVEPOINT job").await;
                let _ = tx.conn.execute("RELEASE SAVEPOINT job").await;
                tx.heads.clear();
            }
        }
    }
    let outcome = tx.conn.execute("COMMIT").await;
    if let Err(e) = &outcome {
        tracing::error!(error = %e, "group commit failed");
        let _ = tx.conn.execute("ROLLBACK").await;
    }
    tx.heads.clear();
    let result = || match &outcome {
        Ok(_) => Ok(()),
        Err(e) => Err(DbError::Other(format!("commit failed: {e}"))),
    };
    for d in delivers {
        d(result());
    }
    for w in waiting {
        let _ = w.send(match &records_written {
            Ok(()) => result(),
            Err(message) => Err(DbError::Other(message.clone())),
        });
    }
}

/// The key of the PostgreSQL advisory lock every writer takes for its
/// transaction ("ettlag" in ASCII).
const WRITERS_LOCK: i64 = 0x6574_746c_6167;

/// Makes the writers of several servers on one database take turns, as one
/// server's writer takes its jobs: a transaction of one never interleaves
/// with another's. Each job reads what it checks (a version, the next event
/// number, the chain head) after every earlier commit, so a conditional
/// write cannot be lost and an append cannot take a number twice. SQLite's
/// `BEGIN IMMEDIATE` already does this for every process on the file; on
/// PostgreSQL a transaction-scoped advisory lock does, released by the
/// commit or rollback. Group commit keeps the cost to one wait per batch.
async fn hold_writers_lock(tx: &mut Tx) -> Result<(), sqlx::Error> {
    if tx.backend == Backend::Postgres {
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(WRITERS_LOCK)
            .execute(&mut tx.conn)
            .await?;
    }
    Ok(())
}

/// Appends the group's read records, each municipality's in one run, inside
/// a savepoint of their own: if they fail, only their readers hear of it.
async fn append_records(tx: &mut Tx, records: Records) -> Result<(), String> {
    if records.is_empty() {
        return Ok(());
    }
    let mut by_tenant: Vec<(String, Vec<AuditEvent>)> = Vec::new();
    for (tenant, events) in records {
        match by_tenant.iter_mut().find(|(t, _)| *t == tenant) {
            Some((_, all)) => all.extend(events),
            None => by_tenant.push((tenant, events)),
        }
    }
    let failed = |e: &dyn std::fmt::Display| format!("audit append failed: {e}");
    tx.conn
        .execute("SAVEPOINT records")
        .await
        .map_err(|e| failed(&e))?;
    for (tenant, events) in by_tenant {
        if let Err(e) = tx.append_to_chain(&tenant, events).await {
            tracing::error!(error = %e, "could not append read records");
            let _ = tx.conn.execute("ROLLBACK TO SAVEPOINT records").await;
            let _ = tx.conn.execute("RELEASE SAVEPOINT records").await;
            tx.heads.clear();
            return Err(failed(&e));
        }
    }
    tx.conn
        .execute("RELEASE SAVEPOINT records")
        .await
        .map_err(|e| failed(&e))?;
    Ok(())
}

async fn reconnect(tx: &mut Tx) -> Result<(), sqlx::Error> {
    let mut conn = AnyConnection::connect_with(&tx.options).await?;
    if tx.backend == Backend::Sqlite {
        conn.execute(SQLITE_PRAGMAS).await?;
    }
    tx.conn = conn;
    Ok(())
}

fn fail_all(jobs: Vec<Job>, waiting: Vec<oneshot::Sender<DbResult<()>>>, error: sqlx::Error) {
    // Jobs that never ran have not replied yet; dropping them drops their
    // reply channels, which their callers see as `Unavailable`.
    tracing::error!(error = %error, jobs = jobs.len(), "dropping a batch");
    drop(jobs);
    drop(waiting);
}

#[cfg(test)]
mod tests {
    use crate::error::DbError;
    use crate::testing::TestDatabase;

    #[tokio::test]
    async fn a_panicking_job_fails_alone_and_the_writer_goes_on() {
        let db = TestDatabase::new().await.expect("database");
        let writer = db.store.writer.clone();
        let panicked = writer
            .run(
                |_tx| -> futures_util::future::BoxFuture<'_, Result<(), DbError>> {
                    Box::pin(async { panic!("a bug in a job") })
                },
            )
            .await;
        assert!(matches!(panicked, Err(DbError::Unavailable)));
        let tenant = db.store.create_tenant("Etter kommune", "etter").await;
        assert!(tenant.is_ok(), "{tenant:?}");
        db.remove().await;
    }

    #[tokio::test]
    async fn a_job_that_swallows_a_failed_statement_is_not_reported_as_written() {
        let db = TestDatabase::new().await.expect("database");
        let writer = db.store.writer.clone();
        let answer = writer
            .run(|tx| -> futures_util::future::BoxFuture<'_, Result<(), DbError>> {
                Box::pin(async move {
                    sqlx::query(
                        "INSERT INTO tenants (id, name, slug, created_at) VALUES ('t1', 'Før', 'for', 0)",
                    )
                    .execute(&mut tx.conn)
                    .await?;
                    // A failed statement whose error the job ignores.
                    let _ = sqlx::query("SELECT * FROM no_such_table")
                        .execute(&mut tx.conn)
                        .await;
                    Ok(())
                })
            })
            .await;
        let stored = db.store.tenant_by_slug("for").await.expect("read");
        assert_eq!(
            answer.is_ok(),
            stored.is_some(),
            "a write reported as done is in the database, and only then: {answer:?}"
        );
        let tenant = db.store.create_tenant("Etter kommune", "etter").await;
        assert!(tenant.is_ok(), "the writer goes on: {tenant:?}");
        db.remove().await;
    }
}
