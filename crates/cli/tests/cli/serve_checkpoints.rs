//! `ettlag serve` and the signed checkpoints: it signs the chain heads
//! before it serves, and refuses to start with half a configuration.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::support::{BIN, Db, text};

#[tokio::test]
async fn the_server_signs_a_checkpoint_before_it_serves() {
    let db = Db::new().await;
    assert!(db.run(&["demo", "--children", "3"]).status.success());
    let key = db.dir.path().join("key.pem").display().to_string();
    assert!(db.run(&["audit", "keygen", "--out", &key]).status.success());
    let dir = db.dir.path().join("checkpoints");
    let mut child = Command::new(BIN)
        .arg("--database-url")
        .arg(&db.url)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env("ETTLAG_LOG", "warn")
        .env("ETTLAG_AUDIT_SIGNING_KEY_FILE", &key)
        .env("ETTLAG_AUDIT_CHECKPOINT_DIR", &dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run ettlag serve");
    let mut said = String::new();
    if let Some(stderr) = child.stderr.take() {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            said.push_str(&line);
            said.push('\n');
            if line.contains("is serving on") {
                break;
            }
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        said.contains("access-log checkpoints signed with key"),
        "{said}"
    );
    let kept = std::fs::read_to_string(dir.join("audit-checkpoints.jsonl")).expect("checkpoints");
    assert_eq!(kept.lines().count(), 1, "{kept}");
    let verify = db.run(&[
        "audit",
        "verify",
        "--checkpoints",
        &dir.display().to_string(),
        "--public-key",
        &format!("{key}.pub"),
    ]);
    assert!(verify.status.success(), "{}", text(&verify));
    db.remove().await;
}

#[tokio::test]
async fn a_checkpoint_directory_without_a_key_stops_the_server_with_a_reason() {
    let db = Db::new().await;
    let dir = db.dir.path().join("checkpoints").display().to_string();
    let out = db.run_env(
        &["serve", "--addr", "127.0.0.1:0"],
        &[("ETTLAG_AUDIT_CHECKPOINT_DIR", &dir)],
    );
    assert!(!out.status.success());
    assert!(text(&out).contains("no signing key"), "{}", text(&out));
    db.remove().await;
}

#[tokio::test]
async fn a_damaged_signing_key_stops_the_checkpoint_command_and_changes_nothing() {
    let db = Db::new().await;
    assert!(db.run(&["demo", "--children", "3"]).status.success());
    let dir = db.dir.path().join("checkpoints");
    let out = db.run_env(
        &["audit", "checkpoint", "--dir", &dir.display().to_string()],
        &[(
            "ETTLAG_AUDIT_SIGNING_KEY",
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        )],
    );
    assert!(!out.status.success());
    assert!(text(&out).contains("not an Ed25519 key"), "{}", text(&out));
    assert!(!dir.exists());
    db.remove().await;
}
