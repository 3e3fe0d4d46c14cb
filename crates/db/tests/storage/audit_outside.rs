//! Tampering outside the chain's own links is found too: a forged record
//! numbered below 1, a log emptied together with its head (or with the head
//! set back to the start), and records under a municipality that does not
//! exist. Each is named by `verify_audit`, so `ettlag audit verify` fails.

use ettlag_core::audit::ChainBreak;

use crate::support::{World, store, world};

/// A forged record as an attacker with the database would insert it.
fn forged(tenant: &str, seq: i64) -> String {
    format!(
        "INSERT INTO audit_log (tenant_id, seq, at_ms, actor_id, actor_role, action, resource_type, \
         resource_id, purpose, outcome, reason, request_id, prev_hash, hash, legal_basis) VALUES \
         ('{tenant}', {seq}, 0, 'x', 'staff', 'read', 'person', 'p', 'follow_up', 'allow', 'x', 'r', \
         'x', 'forged', 'consent')"
    )
}

async fn result(w: &World) -> Result<i64, ChainBreak> {
    let reports = store(w).verify_audit().await.expect("verify");
    reports
        .into_iter()
        .find(|r| r.tenant_id == w.tenant.as_str())
        .expect("the municipality's report")
        .result
}

#[tokio::test]
async fn a_record_numbered_below_one_is_found() {
    let w = world().await;
    store(&w)
        .execute_raw(&forged(w.tenant.as_str(), -5))
        .await
        .expect("tamper");
    assert_eq!(result(&w).await, Err(ChainBreak::OutsideChain { seq: -5 }));
    w.db.remove().await;
}

#[tokio::test]
async fn a_log_removed_with_its_head_is_found() {
    let w = world().await;
    let s = store(&w);
    s.lift_audit_guard()
        .await
        .expect("go around the guard, as an owner could");
    s.execute_raw("DELETE FROM audit_log")
        .await
        .expect("tamper");
    s.execute_raw("DELETE FROM audit_head")
        .await
        .expect("tamper");
    assert_eq!(result(&w).await, Err(ChainBreak::NoHead));
    w.db.remove().await;
}

#[tokio::test]
async fn a_log_emptied_with_its_head_set_back_to_the_start_is_found() {
    let w = world().await;
    let s = store(&w);
    s.lift_audit_guard()
        .await
        .expect("go around the guard, as an owner could");
    s.execute_raw("DELETE FROM audit_log")
        .await
        .expect("tamper");
    s.execute_raw(&format!(
        "UPDATE audit_head SET seq = 0, hash = '{}'",
        ettlag_core::audit::GENESIS_HASH
    ))
    .await
    .expect("tamper");
    assert_eq!(result(&w).await, Err(ChainBreak::Emptied));
    w.db.remove().await;
}

#[tokio::test]
async fn records_under_a_municipality_that_does_not_exist_are_named() {
    let w = world().await;
    store(&w)
        .execute_raw(&forged("no-such-municipality", 1))
        .await
        .expect("tamper");
    let reports = store(&w).verify_audit().await.expect("verify");
    let stray = reports
        .iter()
        .find(|r| r.tenant_id == "no-such-municipality")
        .expect("a report for the stray records");
    assert_eq!(stray.result, Err(ChainBreak::UnknownMunicipality));
    assert!(result(&w).await.is_ok(), "the real chain is intact");
    w.db.remove().await;
}

#[tokio::test]
async fn a_new_municipality_with_no_data_and_no_records_is_intact() {
    let w = world().await;
    let s = store(&w);
    let empty = s
        .create_tenant("Tomvik kommune", "tomvik")
        .await
        .expect("tenant");
    let reports = s.verify_audit().await.expect("verify");
    let report = reports
        .iter()
        .find(|r| r.tenant_id == empty.as_str())
        .expect("report");
    assert!(report.result.is_ok(), "{report:?}");
    w.db.remove().await;
}

#[tokio::test]
async fn the_database_refuses_to_change_or_remove_access_log_records() {
    let w = world().await;
    let s = store(&w);
    for sql in [
        "UPDATE audit_log SET actor_id = 'someone' WHERE seq = 1",
        "DELETE FROM audit_log WHERE seq = 1",
        "DELETE FROM audit_log",
        "DELETE FROM audit_head",
    ] {
        assert!(s.execute_raw(sql).await.is_err(), "refused: {sql}");
    }
    if w.db.url.starts_with("postgres") {
        assert!(s.execute_raw("TRUNCATE audit_log").await.is_err());
    }
    assert!(result(&w).await.is_ok(), "the chain is as it was");
    // Migrating again keeps the guard in place.
    s.migrate().await.expect("migrate again");
    assert!(s.execute_raw("DELETE FROM audit_log").await.is_err());
    w.db.remove().await;
}
