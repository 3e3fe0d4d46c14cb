//! Reminders by e-mail, when the installation has an SMTP server.
//!
//! The e-mail only says how many new reminders wait in ettlag and links to
//! "my follow-up": it never names a child or says what a reminder is about,
//! because e-mail is not a safe channel for that. It is written in the staff
//! member's language and sent at most once per reminder; a reminder read in
//! the app before the mailer runs is not announced at all. The mailer also
//! sends what waits in the durable outbox: meeting invitations with their
//! `.ics` (`invitation`), and family notices by e-mail, or by SMS when an
//! [`SmsSender`] is given (`family`).

mod family;
mod invitation;

use std::sync::Arc;
use std::time::Duration;

use ettlag_db::{EmailDigest, Store, now_ms};
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Mailbox, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::i18n::{Lang, Tr};
use crate::sms::SmsSender;

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// STARTTLS on the submission port (587): the usual choice.
    StartTls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No TLS: only for a relay on the same host or a closed network.
    None,
}

impl SmtpSecurity {
    pub fn parse(text: &str) -> Option<SmtpSecurity> {
        match text.trim().to_ascii_lowercase().as_str() {
            "starttls" => Some(SmtpSecurity::StartTls),
            "tls" => Some(SmtpSecurity::Tls),
            "none" => Some(SmtpSecurity::None),
            _ => None,
        }
    }
}

/// The SMTP settings, from the configuration file and the environment.
#[derive(Clone)]
pub struct MailConfig {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub username: Option<String>,
    pub password: Option<String>,
    /// The sender, e.g. `ettlag <ettlag@kommune.no>`.
    pub from: String,
    /// CAs trusted besides the system's (PEM), for a municipal relay with a
    /// certificate of the municipality's own CA.
    pub extra_ca_pem: Vec<u8>,
    /// Where users reach ettlag, for the link: `https://ettlag.kommune.no`.
    pub base_url: String,
}

impl std::fmt::Debug for MailConfig {
    /// Never prints the password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("username", &self.username)
            .field("from", &self.from)
            .field("base_url", &self.base_url)
            .finish()
    }
}

/// Whether `text` is an e-mail address we can send to.
pub fn parse_address(text: &str) -> Option<String> {
    let text = text.trim();
    (text.len() <= 254 && text.parse::<lettre::Address>().is_ok()).then(|| text.to_string())
}

/// Reminders older than this are not announced any more (for example when
/// SMTP is configured long after they were made).
const MAX_AGE_MS: i64 = 7 * 24 * 3_600_000;

#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    base_url: String,
    /// Where family notices by SMS go; without it they wait in the outbox.
    sms: Option<Arc<dyn SmsSender>>,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").field("from", &self.from).finish()
    }
}

impl Mailer {
    pub fn new(config: &MailConfig) -> Result<Mailer, String> {
        let from: Mailbox = config
            .from
            .parse()
            .map_err(|e| format!("the sender address {:?} is not valid: {e}", config.from))?;
        let tls = |host: &str| {
            let mut builder = TlsParameters::builder(host.to_string());
            for pem in pem_blocks(&config.extra_ca_pem) {
                let cert = Certificate::from_pem(pem.as_bytes())
                    .map_err(|e| format!("the extra CA bundle cannot be read: {e}"))?;
                builder = builder.add_root_certificate(cert);
            }
            builder
                .build_rustls()
                .map_err(|e| format!("TLS settings for {host} failed: {e}"))
        };
        let mut builder =
            AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(config.host.as_str())
                .port(config.port)
                .timeout(Some(Duration::from_secs(30)));
        builder = match config.security {
            SmtpSecurity::StartTls => builder.tls(Tls::Required(tls(&config.host)?)),
            SmtpSecurity::Tls => builder.tls(Tls::Wrapper(tls(&config.host)?)),
            SmtpSecurity::None => builder.tls(Tls::None),
        };
        if let (Some(user), Some(password)) = (&config.username, &config.password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Mailer {
            transport: builder.build(),
            from,
            base_url: config.base_url.trim_end_matches('/').to_string(),
            sms: None,
        })
    }

    /// Sends family notices by SMS through `sms` as well.
    pub fn with_sms(mut self, sms: Arc<dyn SmsSender>) -> Mailer {
        self.sms = Some(sms);
        self
    }

    /// The e-mail announcing a digest, in the staff member's language.
    fn message(&self, digest: &EmailDigest) -> Result<Message, String> {
        let lang = digest
            .language
            .as_deref()
            .and_then(Lang::from_code)
            .unwrap_or_default();
        let tr = Tr::new(lang);
        let count = digest.keys.len().to_string();
        let link = format!("{}/my", self.base_url);
        let to: Mailbox = digest
            .email
            .parse()
            .map_err(|e| format!("a stored address does not parse: {e}"))?;
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(tr.t_with("mail-subject", &[("count", count.clone())]))
            .singlepart(
                SinglePart::builder()
                    .header(ContentType::TEXT_PLAIN)
                    // Readable as it stands in any mail client or log.
                    .header(ContentTransferEncoding::QuotedPrintable)
                    .body(tr.t_with("mail-body", &[("count", count), ("link", link)])),
            )
            .map_err(|e| format!("the e-mail could not be built: {e}"))
    }

    /// Sends one e-mail per staff member with new reminders, and returns how
    /// many were sent. A failed send is tried again at the next run.
    pub async fn send_due(&self, store: &Store) -> Result<usize, String> {
        let digests = store
            .email_digests(now_ms() - MAX_AGE_MS)
            .await
            .map_err(|e| e.to_string())?;
        let mut sent = 0;
        for digest in digests {
            let message = match self.message(&digest) {
                Ok(m) => m,
                Err(e) => {
                    tracing::warn!(error = %e, "a reminder e-mail could not be made");
                    continue;
                }
            };
            if let Err(e) = self.transport.send(message).await {
                tracing::warn!(error = %e, "a reminder e-mail was not sent; trying again later");
                continue;
            }
            // Marked after sending: a crash in between sends it once more
            // rather than never.
            store
                .mark_emailed(&digest)
                .await
                .map_err(|e| e.to_string())?;
            sent += 1;
        }
        Ok(sent + self.send_outbox(store).await?)
    }

    /// Sends the e-mails waiting in the outbox; one that cannot be made is
    /// left there (and logged), one that fails to send is tried again.
    async fn send_outbox(&self, store: &Store) -> Result<usize, String> {
        let mut sent = 0;
        let mut waiting = store
            .outbox_unsent_on("email")
            .await
            .map_err(|e| e.to_string())?;
        if self.sms.is_some() {
            waiting.extend(
                store
                    .outbox_unsent_on("sms")
                    .await
                    .map_err(|e| e.to_string())?,
            );
        }
        for mail in waiting {
            if mail.channel == "sms" {
                if self.send_sms(&mail).await {
                    store
                        .mark_outbox_sent(&mail)
                        .await
                        .map_err(|e| e.to_string())?;
                    sent += 1;
                }
                continue;
            }
            let message = match mail.kind.as_str() {
                ettlag_db::MEETING_INVITATION => {
                    invitation::message(&self.from, &self.base_url, &mail)
                }
                ettlag_db::FAMILY_NOTICE => family::message(&self.from, &self.base_url, &mail),
                other => Err(format!("unknown outbox kind {other}")),
            };
            let message = match message {
                Ok(m) => m,
                Err(e) => {
                    tracing::warn!(error = %e, "an e-mail in the outbox could not be made");
                    continue;
                }
            };
            if let Err(e) = self.transport.send(message).await {
                tracing::warn!(error = %e, "an e-mail was not sent; trying again later");
                continue;
            }
            store
                .mark_outbox_sent(&mail)
                .await
                .map_err(|e| e.to_string())?;
            sent += 1;
        }
        Ok(sent)
    }

    /// Sends one SMS of the outbox; false when it is to wait (no gateway,
    /// or the gateway failed, which is logged).
    async fn send_sms(&self, mail: &ettlag_db::OutboxMail) -> bool {
        let Some(sms) = &self.sms else { return false };
        let text = match family::sms_text(&self.base_url, mail) {
            Ok(t) => t,
            Err(e) => {
                tracing::warn!(error = %e, "an SMS in the outbox could not be made");
                return false;
            }
        };
        match sms.send(&mail.to, &text).await {
            Ok(()) => true,
            Err(e) => {
                tracing::warn!(error = %e, "an SMS was not sent; trying again later");
                false
            }
        }
    }

    /// Sends due reminder e-mails every `every` until the store closes.
    pub fn spawn(self, store: Store, every: Duration) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            loop {
                match self.send_due(&store).await {
                    Ok(n) if n > 0 => tracing::info!(emails = n, "reminder e-mails sent"),
                    Ok(_) => {}
                    Err(e) => {
                        tracing::warn!(error = %e, "reminder e-mails failed; trying again later")
                    }
                }
                tokio::time::sleep(every).await;
            }
        })
    }
}

/// The certificates of a PEM bundle, one block each.
fn pem_blocks(bundle: &[u8]) -> Vec<String> {
    const END: &str = "-----END CERTIFICATE-----";
    let text = String::from_utf8_lossy(bundle);
    let mut blocks = Vec::new();
    let mut rest = text.as_ref();
    while let Some(start) = rest.find("-----BEGIN CERTIFICATE-----") {
        let Some(end) = rest[start..].find(END) else {
            break;
        };
        let stop = start + end + END.len();
        blocks.push(rest[start..stop].to_string());
        rest = &rest[stop..];
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_security() {
        assert_eq!(
            parse_address(" kari@ettlagvik.kommune.no ").as_deref(),
            Some("kari@ettlagvik.kommune.no")
        );
        for bad in [
            "",
            "kari",
            "kari@",
            "@kommune.no",
            "kari nordmann@kommune.no",
        ] {
            assert_eq!(parse_address(bad), None, "{bad}");
        }
        assert_eq!(
            SmtpSecurity::parse("STARTTLS"),
            Some(SmtpSecurity::StartTls)
        );
        assert_eq!(SmtpSecurity::parse("ssl"), None);
    }

    #[test]
    fn the_message_counts_and_links_in_every_language() {
        for lang in Lang::ALL {
            let tr = Tr::new(lang);
            let one = tr.t_with("mail-subject", &[("count", "1".into())]);
            let many = tr.t_with("mail-subject", &[("count", "3".into())]);
            assert!(
                one.contains('1') && many.contains('3') && one != many,
                "{one} / {many}"
            );
            let body = tr.t_with(
                "mail-body",
                &[
                    ("count", "3".into()),
                    ("link", "https://x.example/my".into()),
                ],
            );
            assert!(
                body.contains("https://x.example/my") && !body.contains('{'),
                "{body}"
            );
            assert!(body.lines().count() >= 3, "{body}");
        }
    }

    #[test]
    fn a_pem_bundle_is_split_into_its_certificates() {
        let one = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----";
        let bundle = format!("# a comment\n{one}\n\n{one}\ntrailing");
        assert_eq!(
            pem_blocks(bundle.as_bytes()),
            vec![one.to_string(), one.to_string()]
        );
        assert!(pem_blocks(b"").is_empty());
    }
}
