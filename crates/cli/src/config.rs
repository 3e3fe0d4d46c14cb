//! Settings: defaults, then the TOML file, then environment and flags.

use std::path::Path;

use anyhow::Context;
use ettlag_web::WebConfig;
use ettlag_web::mail::{MailConfig, SmtpSecurity};
use serde::Deserialize;

/// The file format. Every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    database_url: Option<String>,
    addr: Option<String>,
    secure_cookies: Option<bool>,
    session_idle_minutes: Option<i64>,
    session_absolute_hours: Option<i64>,
    job_interval_seconds: Option<u64>,
    smtp: Option<SmtpFile>,
}

/// `[smtp]`: where reminder e-mails go out. The password comes from the
/// environment (`ETTLAG_SMTP_PASSWORD`), never from the file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SmtpFile {
    host: String,
    port: Option<u16>,
    security: Option<String>,
    username: Option<String>,
    from: String,
    base_url: String,
}

fn mail_config(smtp: SmtpFile) -> anyhow::Result<MailConfig> {
    let security = match smtp.security.as_deref() {
        None => SmtpSecurity::StartTls,
        Some(s) => SmtpSecurity::parse(s)
            .with_context(|| format!("smtp.security must be starttls, tls or none, not {s:?}"))?,
    };
    let port = smtp.port.unwrap_or(match security {
        SmtpSecurity::Tls => 465,
        SmtpSecurity::StartTls => 587,
        SmtpSecurity::None => 25,
    });
    anyhow::ensure!(
        smtp.base_url.starts_with("http://") || smtp.base_url.starts_with("https://"),
        "smtp.base_url must start with https:// (or http://)"
    );
    Ok(MailConfig {
        host: smtp.host,
        port,
        security,
        username: smtp.username,
        password: std::env::var("ETTLAG_SMTP_PASSWORD").ok(),
        from: smtp.from,
        base_url: smtp.base_url,
    })
}

#[derive(Clone)]
pub struct Settings {
    pub database_url: String,
    pub addr: String,
    pub web: WebConfig,
    /// How often the server looks for due reminders and other background jobs.
    pub job_interval: std::time::Duration,
    /// Reminder e-mail, when an SMTP server is configured.
    pub mail: Option<MailConfig>,
}

impl std::fmt::Debug for Settings {
    /// Never prints a database password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("database_url", &ettlag_db::redact(&self.database_url))
            .field("addr", &self.addr)
            .finish()
    }
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://ettlag.db";
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";

impl Settings {
    pub fn load(file: Option<&Path>, database_url: Option<String>) -> anyhow::Result<Settings> {
        let from_file: FileSettings = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path).with_context(|| {
                    format!("could not read the configuration file {}", path.display())
                })?;
                toml::from_str(&text).with_context(|| {
                    format!("the configuration file {} is not valid", path.display())
                })?
            }
            None => FileSettings::default(),
        };
        let mut web = WebConfig::default();
        let env_secure = std::env::var("ETTLAG_SECURE_COOKIES")
            .ok()
            .map(|v| v == "1" || v == "true");
        if let Some(secure) = env_secure.or(from_file.secure_cookies) {
            web.secure_cookies = secure;
        }
        if let Some(m) = from_file.session_idle_minutes {
            anyhow::ensure!(m > 0, "session_idle_minutes must be positive");
            web.session.idle_ms = m * 60_000;
        }
        if let Some(h) = from_file.session_absolute_hours {
            anyhow::ensure!(h > 0, "session_absolute_hours must be positive");
            web.session.absolute_ms = h * 3_600_000;
        }
        let env_interval = std::env::var("ETTLAG_JOB_INTERVAL_SECONDS")
            .ok()
            .map(|v| v.trim().parse::<u64>())
            .transpose()
            .context("ETTLAG_JOB_INTERVAL_SECONDS must be a whole number of seconds")?;
        let job_seconds = env_interval
            .or(from_file.job_interval_seconds)
            .unwrap_or(60);
        anyhow::ensure!(
            (1..=86_400).contains(&job_seconds),
            "job_interval_seconds must be between 1 and 86400"
        );
        web.oidc = citizen_oidc_from_env()?;
        let mail = from_file.smtp.map(mail_config).transpose()?;
        Ok(Settings {
            mail,
            job_interval: std::time::Duration::from_secs(job_seconds),
            database_url: database_url
                .or(from_file.database_url)
                .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string()),
            addr: std::env::var("ETTLAG_ADDR")
                .ok()
                .or(from_file.addr)
                .unwrap_or_else(|| DEFAULT_ADDR.to_string()),
            web,
        })
    }
}

/// The family portal's identity provider, from the environment:
/// `ETTLAG_OIDC_ISSUER`, `ETTLAG_OIDC_CLIENT_ID`, `ETTLAG_OIDC_REDIRECT_URL`,
/// and optionally `ETTLAG_OIDC_CLIENT_SECRET`, `ETTLAG_OIDC_ACR`
/// (`idporten-loa-high` unless set), `ETTLAG_OIDC_POST_LOGOUT_URL` (the
/// `/portal/signed-out` page beside the redirect URL unless set) and
/// `ETTLAG_OIDC_END_SESSION_URL` (when discovery does not name it).
/// Without an issuer there is none.
fn citizen_oidc_from_env() -> anyhow::Result<Option<ettlag_web::oidc::OidcSettings>> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    let Some(issuer) = var("ETTLAG_OIDC_ISSUER") else {
        return Ok(None);
    };
    let client_id = var("ETTLAG_OIDC_CLIENT_ID")
        .context("ETTLAG_OIDC_CLIENT_ID must be set with ETTLAG_OIDC_ISSUER")?;
    let redirect_url = var("ETTLAG_OIDC_REDIRECT_URL")
        .context("ETTLAG_OIDC_REDIRECT_URL must be set with ETTLAG_OIDC_ISSUER")?;
    Ok(Some(ettlag_web::oidc::OidcSettings {
        issuer,
        client_id,
        client_secret: var("ETTLAG_OIDC_CLIENT_SECRET"),
        acr: var("ETTLAG_OIDC_ACR").unwrap_or_else(|| "idporten-loa-high".to_string()),
        post_logout_url: var("ETTLAG_OIDC_POST_LOGOUT_URL").unwrap_or_else(|| {
            // The signed-out page beside the callback, unless set.
            match redirect_url.rsplit_once("/portal/") {
                Some((origin, _)) => format!("{origin}/portal/signed-out"),
                None => redirect_url.clone(),
            }
        }),
        end_session_url: var("ETTLAG_OIDC_END_SESSION_URL"),
        redirect_url,
    }))
}
