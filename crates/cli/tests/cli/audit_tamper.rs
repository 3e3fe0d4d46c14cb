//! The access log against someone with the database's owner rights: every
//! way of changing, removing or adding records, the chain head or the
//! checkpoints is found by `ettlag audit verify --checkpoints`, on SQLite
//! and on PostgreSQL. The tampering goes around the database's own guard on
//! purpose, as such an attacker would.

use std::path::PathBuf;
use std::process::Output;

use ettlag_core::audit::{AuditRecord, seal};
use ettlag_db::Store;

use crate::support::{Db, text};

/// A demo municipality whose chain head was signed at a checkpoint.
struct Signed {
    db: Db,
    checkpoints: PathBuf,
    public_key: PathBuf,
}

impl Signed {
    async fn new() -> Signed {
        let db = Db::new().await;
        let demo = db.run(&["demo", "--children", "5"]);
        assert!(demo.status.success(), "{}", text(&demo));
        let key = db.dir.path().join("audit-key.pem");
        let key_arg = key.display().to_string();
        let made = db.run(&["audit", "keygen", "--out", &key_arg]);
        assert!(made.status.success(), "{}", text(&made));
        let checkpoints = db.dir.path().join("checkpoints");
        let taken = db.run_env(
            &[
                "audit",
                "checkpoint",
                "--dir",
                &checkpoints.display().to_string(),
            ],
            &[("ETTLAG_AUDIT_SIGNING_KEY_FILE", &key_arg)],
        );
        assert!(taken.status.success(), "{}", text(&taken));
        Signed {
            db,
            checkpoints,
            public_key: db_path(&key, ".pub"),
        }
    }

    fn verify(&self) -> Output {
        self.db.run(&[
            "audit",
            "verify",
            "--checkpoints",
            &self.checkpoints.display().to_string(),
            "--public-key",
            &self.public_key.display().to_string(),
        ])
    }

    /// Asserts that verification fails and says `what`, then cleans up.
    async fn must_be_caught(self, what: &str) {
        let out = self.verify();
        assert_eq!(out.status.code(), Some(2), "{}", text(&out));
        assert!(
            text(&out).contains(what),
            "expected {what:?} in:\n{}",
            text(&out)
        );
        self.db.remove().await;
    }

    /// The municipality's records, first to last.
    async fn records(&self) -> Vec<AuditRecord> {
        let store = Store::open(&self.db.url).await.expect("open");
        let head = store.audit_heads().await.expect("heads").remove(0);
        let tenant = ettlag_core::TenantId::from_trusted(head.tenant_id);
        let records = store
            .audit_records(&tenant, i64::MAX)
            .await
            .expect("records");
        store.close().await;
        records
    }

    /// Replaces the records from the first of `records` on with `records`,
    /// and the chain head with `head` (a number and a hash).
    async fn rewrite(&self, records: &[AuditRecord], head: (i64, &str)) {
        let tenant = &records[0].tenant_id;
        let mut sql = format!(
            "DELETE FROM audit_log WHERE tenant_id = '{tenant}' AND seq >= {};",
            records[0].seq
        );
        for r in records {
            sql.push_str(&insert(r));
        }
        sql.push_str(&format!(
            "UPDATE audit_head SET seq = {}, hash = '{}' WHERE tenant_id = '{tenant}';",
            head.0, head.1
        ));
        for statement in sql.split_terminator(';') {
            self.db.tamper(statement).await;
        }
    }
}

fn db_path(path: &std::path::Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn insert(r: &AuditRecord) -> String {
    let e = &r.event;
    format!(
        "INSERT INTO audit_log (tenant_id, seq, at_ms, actor_id, actor_role, action, resource_type, \
         resource_id, purpose, outcome, reason, request_id, prev_hash, hash, legal_basis) VALUES \
         ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {});",
        quoted(&r.tenant_id),
        r.seq,
        e.at_ms,
        quoted(&e.actor_id),
        quoted(&e.actor_role),
        quoted(&e.action),
        quoted(&e.resource_type),
        quoted(&e.resource_id),
        quoted(&e.purpose),
        quoted(&e.outcome),
        quoted(&e.reason),
        quoted(&e.request_id),
        quoted(&r.prev_hash),
        quoted(&r.hash),
        quoted(&e.legal_basis),
    )
}

/// The records from index `from` on sealed again in order, as someone who
/// knows the (public) hashing would.
fn resealed(records: &[AuditRecord], from: usize) -> Vec<AuditRecord> {
    let mut prev = from
        .checked_sub(1)
        .map(|i| (records[i].seq, records[i].hash.clone()));
    let mut out = Vec::new();
    for r in &records[from..] {
        let sealed = seal(
            &r.tenant_id,
            prev.as_ref().map(|(s, h)| (*s, h.as_str())),
            r.event.clone(),
        );
        prev = Some((sealed.seq, sealed.hash.clone()));
        out.push(sealed);
    }
    out
}

#[tokio::test]
async fn an_untouched_log_passes_with_records_added_after_the_checkpoint() {
    let s = Signed::new().await;
    let add =
        s.db.run(&["user", "add", "--username", "ny", "--name", "Ny Ansatt"]);
    assert!(add.status.success(), "{}", text(&add));
    let out = s.verify();
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("are as signed"), "{}", text(&out));
    s.db.remove().await;
}

#[tokio::test]
async fn a_changed_record_must_be_caught() {
    let s = Signed::new().await;
    s.db.tamper("UPDATE audit_log SET actor_id = 'someone-else' WHERE seq = 3")
        .await;
    s.must_be_caught("first bad record is seq 3").await;
}

#[tokio::test]
async fn a_deleted_record_must_be_caught() {
    let s = Signed::new().await;
    s.db.tamper("DELETE FROM audit_log WHERE seq = 2").await;
    s.must_be_caught("record 2 is missing").await;
}

#[tokio::test]
async fn two_records_swapped_are_caught() {
    let s = Signed::new().await;
    let mut records = s.records().await;
    let (third, fourth) = (records[2].event.clone(), records[3].event.clone());
    records[2].event = fourth;
    records[3].event = third;
    let head = records
        .last()
        .map(|r| (r.seq, r.hash.clone()))
        .expect("records");
    s.rewrite(&records[2..], (head.0, &head.1)).await;
    s.must_be_caught("first bad record is seq 3").await;
}

#[tokio::test]
async fn one_record_sealed_again_in_place_is_caught_at_the_next() {
    let s = Signed::new().await;
    let mut records = s.records().await;
    records[4].event.actor_id = "someone-else".into();
    let again = resealed(&records[..5], 4).remove(0);
    let head = records
        .last()
        .map(|r| (r.seq, r.hash.clone()))
        .expect("records");
    s.rewrite(&[again, records[5].clone()], (head.0, &head.1))
        .await;
    s.must_be_caught("record 6 does not follow").await;
}

#[tokio::test]
async fn a_record_below_one_must_be_caught() {
    let s = Signed::new().await;
    let mut forged = s.records().await.remove(0);
    forged.seq = -1;
    s.db.tamper(&insert(&forged)).await;
    s.must_be_caught("outside the chain").await;
}

#[tokio::test]
async fn a_record_past_the_head_must_be_caught() {
    let s = Signed::new().await;
    let records = s.records().await;
    let last = records.last().expect("records");
    let mut extra = last.clone();
    extra.seq = last.seq + 1;
    s.db.tamper(&insert(&extra)).await;
    s.must_be_caught(&format!("record {} does not follow", last.seq + 1))
        .await;
}

#[tokio::test]
async fn records_under_a_municipality_that_does_not_exist_are_caught() {
    let s = Signed::new().await;
    let mut forged = s.records().await.remove(0);
    forged.tenant_id = "no-such-municipality".into();
    s.db.tamper(&insert(&forged)).await;
    s.must_be_caught("does not exist").await;
}

#[tokio::test]
async fn a_head_with_another_hash_must_be_caught() {
    let s = Signed::new().await;
    s.db.tamper(&format!(
        "UPDATE audit_head SET hash = '{}'",
        "ab".repeat(32)
    ))
    .await;
    s.must_be_caught("chain head does not match").await;
}

#[tokio::test]
async fn a_head_moved_past_the_last_record_must_be_caught() {
    let s = Signed::new().await;
    s.db.tamper("UPDATE audit_head SET seq = seq + 5").await;
    s.must_be_caught("records were removed from the end").await;
}

#[tokio::test]
async fn a_removed_head_must_be_caught() {
    let s = Signed::new().await;
    s.db.tamper("DELETE FROM audit_head").await;
    s.must_be_caught("no chain head").await;
}

#[tokio::test]
async fn a_log_removed_with_its_head_must_be_caught() {
    let s = Signed::new().await;
    s.db.tamper("DELETE FROM audit_log").await;
    s.db.tamper("DELETE FROM audit_head").await;
    s.must_be_caught("no chain head").await;
}

#[tokio::test]
async fn a_log_emptied_with_its_head_set_back_to_the_start_must_be_caught() {
    let s = Signed::new().await;
    s.db.tamper("DELETE FROM audit_log").await;
    s.db.tamper(&format!(
        "UPDATE audit_head SET seq = 0, hash = '{}'",
        ettlag_core::audit::GENESIS_HASH
    ))
    .await;
    s.must_be_caught("empty log").await;
}

#[tokio::test]
async fn a_tail_cut_off_with_the_head_moved_back_is_caught_by_the_checkpoint() {
    let s = Signed::new().await;
    let records = s.records().await;
    let keep = &records[records.len() - 4];
    s.db.tamper(&format!("DELETE FROM audit_log WHERE seq > {}", keep.seq))
        .await;
    s.db.tamper(&format!(
        "UPDATE audit_head SET seq = {}, hash = '{}'",
        keep.seq, keep.hash
    ))
    .await;
    s.must_be_caught("were removed from the end").await;
}

#[tokio::test]
async fn a_record_changed_and_the_chain_computed_again_is_caught_by_the_checkpoint() {
    let s = Signed::new().await;
    let mut records = s.records().await;
    records[2].event.outcome = "deny".into();
    let again = resealed(&records, 2);
    let head = again
        .last()
        .map(|r| (r.seq, r.hash.clone()))
        .expect("records");
    s.rewrite(&again, (head.0, &head.1)).await;
    s.must_be_caught("computed again").await;
}

#[tokio::test]
async fn a_log_replaced_by_a_shorter_chain_computed_again_is_caught_by_the_checkpoint() {
    let s = Signed::new().await;
    let mut records = s.records().await;
    records.remove(3);
    for (i, r) in records.iter_mut().enumerate() {
        r.seq = i64::try_from(i).expect("small") + 1;
    }
    let again = resealed(&records, 0);
    let head = again
        .last()
        .map(|r| (r.seq, r.hash.clone()))
        .expect("records");
    s.rewrite(&again, (head.0, &head.1)).await;
    s.must_be_caught("were removed from the end").await;
}

#[tokio::test]
async fn a_checkpoint_changed_in_its_file_must_be_caught() {
    let s = Signed::new().await;
    let file = s.checkpoints.join("audit-checkpoints.jsonl");
    let line = std::fs::read_to_string(&file).expect("checkpoints");
    let head_seq = s.records().await.len();
    let moved = line.replace(
        &format!("\"seq\":{head_seq},"),
        &format!("\"seq\":{},", head_seq - 3),
    );
    assert_ne!(moved, line, "the checkpoint names the head");
    std::fs::write(&file, moved).expect("write");
    s.must_be_caught("altered or forged").await;
}

#[tokio::test]
async fn checkpoints_removed_from_their_directory_are_caught() {
    let s = Signed::new().await;
    std::fs::remove_file(s.checkpoints.join("audit-checkpoints.jsonl")).expect("remove");
    s.must_be_caught("no checkpoints").await;
}
