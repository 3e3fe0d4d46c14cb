//! The one HTTP client ettlag calls out with (the identity providers):
//! HTTPS through rustls, trusting the system's roots and, by configuration,
//! an extra CA bundle (a municipality's own CA, or the TLS-inspecting proxy
//! its network sends traffic through). Short timeouts, no redirects: a
//! provider that does not answer is an error to show, not a page to wait on.

use std::time::Duration;

/// How long one call to a provider may take.
const TIMEOUT: Duration = Duration::from_secs(10);

/// The HTTP client, with the roots it trusts. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Outbound {
    client: reqwest::Client,
}

impl Outbound {
    /// A client trusting the system's roots and the certificates of
    /// `extra_ca_pem` (a PEM bundle; empty for none). A bundle that holds no
    /// certificate, or a broken one, is an error for the operator.
    pub fn new(extra_ca_pem: &[u8]) -> Result<Outbound, String> {
        let extra = if extra_ca_pem.is_empty() {
            Vec::new()
        } else {
            let certs = reqwest::Certificate::from_pem_bundle(extra_ca_pem)
                .map_err(|e| format!("the extra CA bundle cannot be read: {e}"))?;
            if certs.is_empty() {
                return Err("the extra CA bundle holds no certificate".into());
            }
            certs
        };
        let client = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .connect_timeout(TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("ettlag/", env!("CARGO_PKG_VERSION")))
            .tls_certs_merge(extra)
            .build()
            .map_err(|e| format!("the HTTP client cannot be set up: {e}"))?;
        Ok(Outbound { client })
    }

    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }
}

impl Default for Outbound {
    /// The system's roots only.
    fn default() -> Self {
        Outbound::new(&[]).unwrap_or_else(|_| Outbound {
            client: reqwest::Client::new(),
        })
    }
}
