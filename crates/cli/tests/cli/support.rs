//! The test harness: a database of its own per test (a SQLite file, or a
//! fresh PostgreSQL database when ETTLAG_TEST_DATABASE_URL is set) and the
//! `ettlag` binary run against it.

use std::process::{Command, Output};

use ettlag_db::Store;

pub const BIN: &str = env!("CARGO_BIN_EXE_ettlag");

/// A database of its own for one test, and how to remove it.
pub struct Db {
    pub url: String,
    pub dir: tempfile::TempDir,
    pg: Option<(String, String)>,
}

impl Db {
    pub async fn new() -> Db {
        let dir = tempfile::tempdir().expect("temp dir");
        match std::env::var("ETTLAG_TEST_DATABASE_URL") {
            Ok(server) if !server.is_empty() => {
                let name = format!("ettlag_cli_{}", &ettlag_db::new_token()[..12]);
                let admin = Store::open(&server).await.expect("server");
                admin
                    .execute_raw(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("create database");
                admin.close().await;
                let base = server
                    .rsplit_once('/')
                    .map(|(b, _)| b)
                    .unwrap_or(&server)
                    .to_string();
                Db {
                    url: format!("{base}/{name}"),
                    dir,
                    pg: Some((server, name)),
                }
            }
            _ => {
                let url = format!("sqlite://{}", dir.path().join("cli.db").display());
                Db { url, dir, pg: None }
            }
        }
    }

    /// Another empty database of the same engine, for restores.
    pub async fn sibling(&self) -> Db {
        Db::new().await
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.run_env(args, &[])
    }

    /// Runs `ettlag` with extra environment variables.
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        run_at(&self.url, args, env)
    }

    /// On PostgreSQL, the database's URL for another role (trust
    /// authentication in the test cluster); none on SQLite.
    pub fn url_as(&self, role: &str) -> Option<String> {
        self.pg.as_ref()?;
        let (scheme, rest) = self.url.split_once("://")?;
        let host = rest.split_once('@').map_or(rest, |(_, host)| host);
        Some(format!("{scheme}://{role}@{host}"))
    }

    /// The PostgreSQL server the database is on (none on SQLite).
    pub fn server(&self) -> Option<&str> {
        self.pg.as_ref().map(|(server, _)| server.as_str())
    }

    /// Changes the database behind the application's back, going around
    /// the access log's triggers as someone with the owner's rights could.
    pub async fn tamper(&self, sql: &str) {
        let store = Store::open(&self.url).await.expect("open");
        store.lift_audit_guard().await.expect("lift the guard");
        store.execute_raw(sql).await.expect("tamper");
        store.close().await;
    }

    pub async fn remove(self) {
        if let Some((server, name)) = self.pg {
            let admin = Store::open(&server).await.expect("server");
            let _ = admin
                .execute_raw(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await;
            admin.close().await;
        }
        drop(self.dir);
    }
}

pub fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Runs `ettlag` against the database at `url`.
pub fn run_at(url: &str, args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(BIN)
        .arg("--database-url")
        .arg(url)
        .args(args)
        .env("ETTLAG_LOG", "warn")
        .envs(env.iter().copied())
        .output()
        .expect("run ettlag")
}
