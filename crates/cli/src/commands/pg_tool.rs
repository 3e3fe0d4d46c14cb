//! The PostgreSQL client programs the command line runs (`pg_dump` for a
//! backup, `psql` for a restore), given the connection without its password.
//!
//! A child's command line is readable by every user of the machine (`ps`,
//! `/proc/PID/cmdline`), its environment only by the same user. So the
//! password is taken out of the database URL (from its user information
//! and from a `password=` parameter) and handed to the child as
//! `PGPASSWORD`, which libpq reads when the URL has none.

use std::ffi::OsStr;
use std::process::Command;

/// A database URL split into the URL without a password and the password.
#[derive(Debug, PartialEq, Eq)]
pub struct Connection {
    pub url: String,
    pub password: Option<String>,
}

/// Takes the password out of a `postgres://user:password@host/db?…` URL.
pub fn split_password(url: &str) -> Connection {
    let (url, from_query) = without_password_parameter(url);
    let (url, from_userinfo) = without_userinfo_password(&url);
    Connection {
        url,
        password: from_userinfo.or(from_query),
    }
}

/// `program` (`pg_dump`, `psql`) with `args`, then the URL without its
/// password; the password, if any, in the child's environment only.
pub fn command<I, S>(program: &str, args: I, database_url: &str) -> Command
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let connection = split_password(database_url);
    let mut cmd = Command::new(program);
    cmd.args(args).arg(&connection.url);
    if let Some(password) = connection.password {
        cmd.env("PGPASSWORD", password);
    }
    cmd
}

/// The URL without `:password` in its user information, and the password
/// percent-decoded, as libpq would read it.
fn without_userinfo_password(url: &str) -> (String, Option<String>) {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return (url.to_string(), None);
    };
    // The authority ends at the first `/`, `?` or `#`; the user information
    // is what comes before its last `@` (a password may hold an `@` only
    // percent-encoded, but be generous).
    let rest = &url[scheme_end..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let Some(at) = authority.rfind('@') else {
        return (url.to_string(), None);
    };
    let userinfo = &authority[..at];
    let Some((user, password)) = userinfo.split_once(':') else {
        return (url.to_string(), None);
    };
    let stripped = format!("{}{user}{}", &url[..scheme_end], &url[scheme_end + at..]);
    (stripped, Some(percent_decode(password)))
}

/// The URL without a `password=` query parameter, and its value.
fn without_password_parameter(url: &str) -> (String, Option<String>) {
    let Some((base, query)) = url.split_once('?') else {
        return (url.to_string(), None);
    };
    let mut password = None;
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| match pair.strip_prefix("password=") {
            Some(value) => {
                password = Some(percent_decode(value));
                false
            }
            None => true,
        })
        .collect();
    if kept.is_empty() {
        (base.to_string(), password)
    } else {
        (format!("{base}?{}", kept.join("&")), password)
    }
}

/// `%XX` to its byte; anything malformed is kept as it is.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(cmd: &Command) -> Vec<String> {
        cmd.get_args()
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    }

    fn env(cmd: &Command, key: &str) -> Option<String> {
        cmd.get_envs()
            .find(|(k, _)| *k == OsStr::new(key))
            .and_then(|(_, v)| v)
            .map(|v| v.to_string_lossy().into_owned())
    }

    #[test]
    fn the_password_goes_to_the_environment_and_not_to_the_command_line() {
        let cmd = command(
            "pg_dump",
            ["--no-owner"],
            "postgres://ettlag:hemmelig@db.example:5432/ettlag",
        );
        assert_eq!(cmd.get_program(), "pg_dump");
        assert_eq!(
            args(&cmd),
            ["--no-owner", "postgres://ettlag@db.example:5432/ettlag"]
        );
        assert!(args(&cmd).iter().all(|a| !a.contains("hemmelig")));
        assert_eq!(env(&cmd, "PGPASSWORD").as_deref(), Some("hemmelig"));
    }

    #[test]
    fn a_percent_encoded_password_is_decoded_for_libpq() {
        let c = split_password("postgresql://u:p%40ss%3Aw0rd@h/db?sslmode=require");
        assert_eq!(c.url, "postgresql://u@h/db?sslmode=require");
        assert_eq!(c.password.as_deref(), Some("p@ss:w0rd"));
    }

    #[test]
    fn a_password_in_the_query_is_taken_out_too() {
        let c = split_password("postgres://u@h/db?sslmode=require&password=s%20t");
        assert_eq!(c.url, "postgres://u@h/db?sslmode=require");
        assert_eq!(c.password.as_deref(), Some("s t"));
        let c = split_password("postgres://u@h/db?password=x");
        assert_eq!(c.url, "postgres://u@h/db");
        assert_eq!(c.password.as_deref(), Some("x"));
    }

    #[test]
    fn a_url_without_a_password_is_passed_as_it_is_and_sets_no_password() {
        for url in [
            "postgres://postgres@127.0.0.1:5432/test",
            "postgres://127.0.0.1/test",
            "postgres:///test?host=/run/postgresql",
        ] {
            let cmd = command("psql", ["-q"], url);
            assert_eq!(args(&cmd), ["-q", url]);
            assert_eq!(env(&cmd, "PGPASSWORD"), None);
        }
    }

    #[test]
    fn an_at_sign_after_the_host_is_not_read_as_user_information() {
        let c = split_password("postgres://h/db?application_name=a@b");
        assert_eq!(c.url, "postgres://h/db?application_name=a@b");
        assert_eq!(c.password, None);
    }
}
