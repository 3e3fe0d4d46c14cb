use ettlag_core::audit::ChainBreak;

use crate::support::{as_actor, store, world};

#[tokio::test]
async fn every_view_is_audited_and_the_chain_verifies() {
    let w = world().await;
    let before = store(&w)
        .audit_records(&w.tenant, 10_000)
        .await
        .expect("log")
        .len();
    let a = as_actor(&w, &w.teacher_a);
    a.children("", 0).await.expect("list");
    a.person(&w.child_a).await.expect("read");
    let _ = as_actor(&w, &w.teacher_b).person(&w.child_a).await;
    let log = store(&w)
        .audit_records(&w.tenant, 10_000)
        .await
        .expect("log");
    let new: Vec<_> = log[before..]
        .iter()
        .map(|r| (r.event.action.as_str(), r.event.outcome.as_str()))
        .collect();
    // list of one child; the read; the guardian shown with it; the denied read.
    assert_eq!(
        new,
        vec![
            ("list", "allow"),
            ("read", "allow"),
            ("list", "allow"),
            ("read", "deny")
        ]
    );
    let reports = store(&w).verify_audit().await.expect("verify");
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].result, Ok(log.len() as i64));
    w.db.remove().await;
}

#[tokio::test]
async fn tampering_is_found_and_the_row_named() {
    let w = world().await;
    let s = store(&w);
    as_actor(&w, &w.teacher_a)
        .children("", 0)
        .await
        .expect("list");
    s.lift_audit_guard()
        .await
        .expect("go around the guard, as an owner could");
    s.execute_raw("UPDATE audit_log SET actor_id = 'someone' WHERE seq = 3")
        .await
        .expect("tamper");
    let reports = s.verify_audit().await.expect("verify");
    assert_eq!(reports[0].result, Err(ChainBreak::Changed { seq: 3 }));
    w.db.remove().await;
}

#[tokio::test]
async fn a_deleted_row_is_found() {
    let w = world().await;
    let s = store(&w);
    s.lift_audit_guard()
        .await
        .expect("go around the guard, as an owner could");
    s.execute_raw("DELETE FROM audit_log WHERE seq = 2")
        .await
        .expect("tamper");
    let reports = s.verify_audit().await.expect("verify");
    assert_eq!(
        reports[0].result,
        Err(ChainBreak::Missing {
            expected: 2,
            found: 3
        })
    );
    w.db.remove().await;
}

#[tokio::test]
async fn concurrent_reads_share_commits_and_keep_the_chain() {
    let w = world().await;
    let mut tasks = Vec::new();
    for _ in 0..64 {
        let ctx = as_actor(&w, &w.teacher_a);
        let child = w.child_a.clone();
        tasks.push(tokio::spawn(
            async move { ctx.person(&child).await.map(|_| ()) },
        ));
    }
    for t in tasks {
        t.await.expect("join").expect("read");
    }
    let reports = store(&w).verify_audit().await.expect("verify");
    assert!(reports[0].result.is_ok(), "{reports:?}");
    w.db.remove().await;
}

#[tokio::test]
async fn verify_while_reads_go_on_finds_nothing_wrong() {
    let w = world().await;
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let ctx = as_actor(&w, &w.teacher_a);
        let child = w.child_a.clone();
        tasks.push(tokio::spawn(async move {
            for _ in 0..25 {
                ctx.person(&child).await.expect("read");
            }
        }));
    }
    for _ in 0..10 {
        let reports = store(&w).verify_audit().await.expect("verify");
        assert!(reports[0].result.is_ok(), "{reports:?}");
    }
    for t in tasks {
        t.await.expect("join");
    }
    w.db.remove().await;
}

#[tokio::test]
async fn a_record_added_past_the_head_is_found() {
    let w = world().await;
    let s = store(&w);
    let last = s.audit_records(&w.tenant, 1).await.expect("log")[0].clone();
    let forged = format!(
        "INSERT INTO audit_log (tenant_id, seq, at_ms, actor_id, actor_role, action, resource_type, \
         resource_id, purpose, outcome, reason, request_id, prev_hash, hash) VALUES \
         ('{}', {}, 0, 'x', 'x', 'read', 'person', 'p', 'follow_up', 'allow', 'x', 'r', '{}', 'forged')",
        w.tenant.as_str(),
        last.seq + 1,
        last.hash
    );
    s.execute_raw(&forged).await.expect("tamper");
    let reports = s.verify_audit().await.expect("verify");
    assert_eq!(
        reports[0].result,
        Err(ChainBreak::Unlinked { seq: last.seq + 1 })
    );
    w.db.remove().await;
}

#[tokio::test]
async fn when_the_audit_record_cannot_be_written_nothing_is_handed_out() {
    let w = world().await;
    let s = store(&w);
    // Sabotage the log: every append now fails.
    s.execute_raw("DROP TABLE audit_head")
        .await
        .expect("sabotage");
    let a = as_actor(&w, &w.teacher_a);
    assert!(
        a.person(&w.child_a).await.is_err(),
        "a read without its audit record must fail"
    );
    assert!(
        a.children("", 0).await.is_err(),
        "a list without its audit records must fail"
    );
    let admin = s.system_access(&w.tenant);
    let unit = admin
        .create_unit("Uten logg skole", ettlag_core::ServiceType::School)
        .await;
    assert!(unit.is_err(), "a write without its audit record must fail");
    w.db.remove().await;
}
