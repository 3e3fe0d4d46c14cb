//! The `ettlag` binary as operators use it: demo, audit verify after
//! tampering, backup and restore, user add and token. On SQLite by default;
//! on PostgreSQL (a fresh database per test) when ETTLAG_TEST_DATABASE_URL is set.

mod app_role;
mod audit_tamper;
mod serve_checkpoints;
mod support;

use std::process::Command;

use support::{BIN, Db, text};

#[tokio::test]
async fn demo_prints_logins_and_audit_verify_names_a_changed_row() {
    let db = Db::new().await;
    let demo = db.run(&["demo", "--children", "30"]);
    assert!(demo.status.success(), "{}", text(&demo));
    let stdout = String::from_utf8_lossy(&demo.stdout);
    let logins: Vec<_> = stdout
        .lines()
        .filter(|l| l.starts_with("login: "))
        .collect();
    // Ten staff logins and the parent in the family portal.
    assert_eq!(logins.len(), 11, "{stdout}");
    assert!(
        logins
            .iter()
            .any(|l| l.starts_with("login: forelder / ") && l.contains("/portal/login")),
        "{stdout}"
    );
    assert!(
        logins
            .iter()
            .any(|l| l.starts_with("login: laerer.nordli / "))
    );

    let ok = db.run(&["audit", "verify"]);
    assert!(ok.status.success(), "{}", text(&ok));
    assert!(text(&ok).contains("chain intact"));

    db.tamper("UPDATE audit_log SET actor_id = 'someone-else' WHERE seq = 3")
        .await;
    let broken = db.run(&["audit", "verify"]);
    assert_eq!(broken.status.code(), Some(2), "{}", text(&broken));
    assert!(text(&broken).contains("seq 3"), "{}", text(&broken));
    db.remove().await;
}

/// A backup holds every person's data: only its owner may read it.
#[cfg(unix)]
fn assert_owner_only(file: &std::path::Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(file)
        .expect("metadata")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
}

#[cfg(not(unix))]
fn assert_owner_only(_: &std::path::Path) {}

#[cfg(unix)]
#[tokio::test]
async fn a_backup_file_is_readable_by_its_owner_only_even_with_an_open_umask() {
    let db = Db::new().await;
    assert!(db.run(&["demo", "--children", "5"]).status.success());
    let file = db.dir.path().join("private.backup");
    let name = file.to_str().expect("utf-8");
    // Run under a umask that lets everyone read new files, as a careless
    // shell would: the mode must come from ettlag, not from the umask.
    let backup = Command::new("sh")
        .arg("-c")
        .arg("umask 000 && exec \"$0\" --database-url \"$1\" backup \"$2\"")
        .arg(BIN)
        .arg(&db.url)
        .arg(name)
        .env("ETTLAG_LOG", "warn")
        .output()
        .expect("run ettlag");
    assert!(backup.status.success(), "{}", text(&backup));
    assert_owner_only(&file);
    assert!(std::fs::metadata(&file).expect("metadata").len() > 0);
    db.remove().await;
}

#[tokio::test]
async fn backup_restores_with_the_same_rows_and_an_intact_chain() {
    let db = Db::new().await;
    assert!(db.run(&["demo", "--children", "40"]).status.success());
    let file = db.dir.path().join("backup.sql");
    let file = file.to_str().expect("utf-8");
    let backup = db.run(&["backup", file]);
    assert!(backup.status.success(), "{}", text(&backup));
    assert_owner_only(std::path::Path::new(file));
    let again = db.run(&["backup", file]);
    assert!(
        !again.status.success(),
        "an existing file is never overwritten"
    );

    let target = db.sibling().await;
    let restore = target.run(&["restore", file]);
    assert!(restore.status.success(), "{}", text(&restore));
    let out = text(&restore);
    assert!(out.contains("audit chains intact"), "{out}");
    let persons = |s: &str| {
        s.lines()
            .find(|l| l.trim().starts_with("persons:"))
            .map(str::to_string)
    };
    assert!(persons(&out).is_some());
    let verify = target.run(&["audit", "verify"]);
    assert!(verify.status.success(), "{}", text(&verify));
    target.remove().await;
    db.remove().await;
}

#[tokio::test]
async fn user_add_and_token() {
    let db = Db::new().await;
    assert!(db.run(&["demo", "--children", "5"]).status.success());
    let add = db.run(&[
        "user",
        "add",
        "--username",
        "Ny.Laerer",
        "--name",
        "Ny Lærer",
        "--roles",
        "staff",
        "--units",
        "Nordli skole",
    ]);
    assert!(add.status.success(), "{}", text(&add));
    assert!(String::from_utf8_lossy(&add.stdout).starts_with("login: ny.laerer / "));
    let dup = db.run(&["user", "add", "--username", "ny.laerer", "--name", "X"]);
    assert!(!dup.status.success());
    let bad_unit = db.run(&[
        "user",
        "add",
        "--username",
        "other",
        "--name",
        "X",
        "--units",
        "Nowhere",
    ]);
    assert!(!bad_unit.status.success());
    assert!(text(&bad_unit).contains("no unit named Nowhere"));
    let token = db.run(&["user", "token", "ny.laerer"]);
    assert!(token.status.success());
    assert!(
        String::from_utf8_lossy(&token.stdout)
            .trim()
            .starts_with("ettlag_")
    );
    db.remove().await;
}

#[tokio::test]
async fn a_token_is_listed_by_its_id_and_revoked_one_by_one() {
    let db = Db::new().await;
    assert!(db.run(&["demo", "--children", "5"]).status.success());
    let made = |days: &str| db.run(&["user", "token", "admin", "--days", days]);
    let first = made("30");
    assert!(first.status.success(), "{}", text(&first));
    let second = made("7");
    assert!(second.status.success());
    for bad in ["0", "367", "-1"] {
        let refused = made(bad);
        assert!(!refused.status.success(), "--days {bad}");
        assert!(
            text(&refused).contains("--days must be 1 to 366"),
            "{}",
            text(&refused)
        );
    }
    let list = db.run(&["user", "token", "admin", "--list"]);
    let listed = String::from_utf8_lossy(&list.stdout).to_string();
    assert_eq!(listed.lines().count(), 2, "{listed}");
    let id = listed.split_whitespace().next().expect("an id").to_string();
    assert!(!listed.contains("ettlag_"), "the list never shows a token");
    let revoked = db.run(&["user", "token", "--revoke", &id]);
    assert!(revoked.status.success(), "{}", text(&revoked));
    let list = db.run(&["user", "token", "admin", "--list"]);
    assert_eq!(String::from_utf8_lossy(&list.stdout).lines().count(), 1);
    let again = db.run(&["user", "token", "--revoke", &id]);
    assert!(!again.status.success());
    assert!(
        text(&again).contains("no token has the id"),
        "{}",
        text(&again)
    );
    db.remove().await;
}

/// What `ettlag serve --addr ADDR` says on standard error before it
/// serves; the server is stopped at once.
fn serve_notices(db: &Db, addr: &str, secure: Option<&str>) -> String {
    use std::io::{BufRead, BufReader};
    let mut cmd = Command::new(BIN);
    cmd.arg("--database-url")
        .arg(&db.url)
        .args(["serve", "--addr", addr])
        .env("ETTLAG_LOG", "warn")
        .env_remove("ETTLAG_SECURE_COOKIES")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    if let Some(value) = secure {
        cmd.env("ETTLAG_SECURE_COOKIES", value);
    }
    let mut child = cmd.spawn().expect("run ettlag serve");
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
    said
}

const LOCAL_NOTICE: &str =
    "cookies are not marked Secure: serving plain HTTP on the loopback for local use";

#[tokio::test]
async fn a_server_on_the_loopback_says_its_cookies_are_not_secure_and_others_are_secure() {
    let db = Db::new().await;
    let local = serve_notices(&db, "127.0.0.1:0", None);
    assert!(local.contains("is serving on"), "{local}");
    assert!(local.contains(LOCAL_NOTICE), "{local}");

    let open = serve_notices(&db, "0.0.0.0:0", None);
    assert!(open.contains("is serving on"), "{open}");
    assert!(
        !open.contains("Secure"),
        "Secure by default, nothing to say: {open}"
    );

    let off = serve_notices(&db, "0.0.0.0:0", Some("false"));
    assert!(
        off.contains("WARNING: cookies are not marked Secure"),
        "{off}"
    );

    let typo = serve_notices(&db, "127.0.0.1:0", Some("ja"));
    assert!(typo.contains("ETTLAG_SECURE_COOKIES"), "{typo}");
    assert!(!typo.contains("is serving on"), "{typo}");
    db.remove().await;
}
