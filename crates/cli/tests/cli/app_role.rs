//! The application role on PostgreSQL: after `ettlag migrate --app-role`,
//! a server running as that role works as usual but cannot change, remove
//! or unguard a record of the access log. On SQLite the flag is refused
//! with a reason.

use ettlag_db::Store;

use crate::support::{Db, run_at, text};

/// Runs `sql` as the role at `url`; the database's error, if any.
async fn try_as(url: &str, sql: &str) -> Option<String> {
    let store = Store::open(url).await.expect("open as the role");
    let result = store.execute_raw(sql).await;
    store.close().await;
    result.err().map(|e| e.to_string())
}

#[tokio::test]
async fn the_application_role_adds_to_the_access_log_but_cannot_change_it() {
    let db = Db::new().await;
    assert!(db.run(&["demo", "--children", "3"]).status.success());
    let role = format!(
        "ettlag_app_{}",
        ettlag_db::new_token()[..10]
            .to_ascii_lowercase()
            .replace('-', "_")
    );
    let (Some(server), Some(app)) = (db.server().map(str::to_string), db.url_as(&role)) else {
        let out = db.run(&["migrate", "--app-role", "ettlag_app"]);
        assert!(!out.status.success());
        assert!(text(&out).contains("SQLite has no roles"), "{}", text(&out));
        db.remove().await;
        return;
    };
    let admin = Store::open(&server).await.expect("server");
    admin
        .execute_raw(&format!("CREATE ROLE {role} LOGIN"))
        .await
        .expect("create role");
    let granted = db.run(&["migrate", "--app-role", &role]);
    assert!(granted.status.success(), "{}", text(&granted));

    // The server's work goes on as the role: it migrates (checks), adds
    // staff (and records it) and verifies the log.
    for args in [
        vec!["migrate"],
        vec!["user", "add", "--username", "ny", "--name", "Ny Ansatt"],
        vec!["audit", "verify"],
    ] {
        let out = run_at(&app, &args, &[]);
        assert!(out.status.success(), "{args:?}: {}", text(&out));
    }
    for sql in [
        "UPDATE audit_log SET actor_id = 'someone-else'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log",
        "DELETE FROM audit_head",
        "DROP TRIGGER audit_log_append_only ON audit_log",
        "UPDATE _sqlx_migrations SET success = false",
    ] {
        let refused = try_as(&app, sql).await;
        assert!(
            refused
                .as_deref()
                .is_some_and(|e| e.contains("permission denied") || e.contains("must be owner")),
            "{sql}: {refused:?}"
        );
    }
    let verify = db.run(&["audit", "verify"]);
    assert!(verify.status.success(), "{}", text(&verify));
    db.remove().await;
    admin
        .execute_raw(&format!("DROP ROLE {role}"))
        .await
        .expect("drop role");
    admin.close().await;
}

#[tokio::test]
async fn a_role_that_does_not_exist_is_named_and_nothing_changes() {
    let db = Db::new().await;
    if db.server().is_none() {
        db.remove().await;
        return;
    }
    let out = db.run(&["migrate", "--app-role", "no_such_role_here"]);
    assert!(!out.status.success());
    assert!(
        text(&out).contains("there is no role no_such_role_here"),
        "{}",
        text(&out)
    );
    let odd = db.run(&["migrate", "--app-role", "x; DROP TABLE audit_log"]);
    assert!(!odd.status.success());
    assert!(
        text(&odd).contains("not a plain identifier"),
        "{}",
        text(&odd)
    );
    db.remove().await;
}
