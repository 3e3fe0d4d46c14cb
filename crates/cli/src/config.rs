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
    /// A PEM bundle of CAs trusted besides the system's, for calls out.
    tls_extra_ca_file: Option<String>,
    smtp: Option<SmtpFile>,
    /// The family portal's identity provider (ID-porten).
    citizen_oidc: Option<crate::oidc_config::OidcFile>,
    /// The staff's identity provider (Entra ID, Ansattporten).
    staff_oidc: Option<crate::oidc_config::OidcFile>,
    /// How staff sign in, beside their provider.
    staff_sign_in: Option<crate::oidc_config::StaffSignInFile>,
    /// Signed checkpoints of the access log.
    audit: Option<crate::checkpoints::settings::AuditFile>,
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

fn mail_config(smtp: SmtpFile, extra_ca_pem: Vec<u8>) -> anyhow::Result<MailConfig> {
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
        extra_ca_pem,
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
    /// `Secure` cookies as the operator set them, if they did; the server
    /// decides the rest from its address ([`crate::cookies`]).
    pub secure_cookies: Option<bool>,
    /// The access log's signed checkpoints.
    pub checkpoints: crate::checkpoints::settings::CheckpointSettings,
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
        let env_secure = match std::env::var("ETTLAG_SECURE_COOKIES") {
            Ok(v) => crate::cookies::parse_setting(&v)?,
            Err(_) => None,
        };
        let secure_cookies = env_secure.or(from_file.secure_cookies);
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
        let extra_ca_file = std::env::var("ETTLAG_TLS_EXTRA_CA_FILE")
            .ok()
            .filter(|v| !v.trim().is_empty())
            .or(from_file.tls_extra_ca_file);
        let extra_ca_pem = read_extra_ca(extra_ca_file.as_deref())?;
        web.outbound =
            ettlag_web::outbound::Outbound::new(&extra_ca_pem).map_err(
                |why| match &extra_ca_file {
                    Some(path) => anyhow::anyhow!("{path}: {why}"),
                    None => anyhow::anyhow!(why),
                },
            )?;
        web.oidc = crate::oidc_config::provider(
            "ETTLAG_OIDC",
            from_file.citizen_oidc,
            Some("idporten-loa-high"),
        )?;
        web.staff_oidc =
            crate::oidc_config::provider("ETTLAG_STAFF_OIDC", from_file.staff_oidc, None)?;
        web.staff_sign_in =
            crate::oidc_config::staff_sign_in(from_file.staff_sign_in, web.staff_oidc.is_some())?;
        let mail = from_file
            .smtp
            .map(|smtp| mail_config(smtp, extra_ca_pem))
            .transpose()?;
        let checkpoints = crate::checkpoints::settings::CheckpointSettings::load(from_file.audit)?;
        Ok(Settings {
            checkpoints,
            secure_cookies,
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

/// The extra CA bundle (PEM) at `path`, trusted besides the system's roots
/// by every TLS client ettlag runs (identity providers, SMTP).
fn read_extra_ca(path: Option<&str>) -> anyhow::Result<Vec<u8>> {
    match path {
        Some(path) => std::fs::read(path)
            .with_context(|| format!("could not read the extra CA bundle {path}")),
        None => Ok(Vec::new()),
    }
}
