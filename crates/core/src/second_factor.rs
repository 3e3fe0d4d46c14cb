//! The second factor of a local staff account: time-based one-time codes
//! (TOTP, RFC 6238: HMAC-SHA-1, six digits, 30-second steps) and recovery
//! codes for when the phone is lost. Pure: the caller brings the time and the
//! random bytes, and stores the secret, the last used step and the hashes.
//!
//! A code is accepted one step either side of now (clocks drift), and never
//! for a step at or before the last one accepted (RFC 6238 §5.2: a code is
//! used once), so a code seen over a shoulder cannot be used again.

pub mod recovery;

use totp_rs::{Algorithm, Builder, Secret, Totp};

/// Seconds one code lasts.
pub const STEP_SECONDS: u64 = 30;
/// Digits of a code.
pub const DIGITS: u8 = 6;
/// Bytes of a new secret: 160 bits, as RFC 4226 §4 recommends.
pub const SECRET_BYTES: usize = 20;

/// Whether a staff member must pass a second step after their password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecondStep {
    /// The password is enough.
    None,
    /// A code from the app (or a recovery code).
    Code,
    /// The municipality requires a second factor and the account has none:
    /// it enrols before it gets in.
    Enrol,
}

impl SecondStep {
    /// The step after a correct password: an enrolled factor is always asked
    /// for; a missing one only where the municipality requires it.
    pub fn after_password(enrolled: bool, required: bool) -> SecondStep {
        match (enrolled, required) {
            (true, _) => SecondStep::Code,
            (false, true) => SecondStep::Enrol,
            (false, false) => SecondStep::None,
        }
    }
}

/// What checking a typed code found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeCheck {
    /// Right, for this step (store it as the last used one).
    Accepted { step: u64 },
    /// Right, but for a step already used.
    Replayed,
    /// Not a code of this secret now.
    Wrong,
}

/// A shared secret, as the authenticator app and the store keep it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotpSecret(Vec<u8>);

impl TotpSecret {
    /// A secret from random bytes; `None` when there are fewer than 128 bits.
    pub fn from_bytes(bytes: &[u8]) -> Option<TotpSecret> {
        (bytes.len() >= 16).then(|| TotpSecret(bytes.to_vec()))
    }

    /// A secret from its base32 text (RFC 4648, as stored and shown).
    pub fn from_base32(text: &str) -> Option<TotpSecret> {
        let compact: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let secret = Secret::try_from_base32(compact).ok()?;
        TotpSecret::from_bytes(secret.as_bytes())
    }

    /// The base32 text, without padding.
    pub fn to_base32(&self) -> String {
        Secret::new(self.0.clone().into_boxed_slice()).to_base32()
    }

    /// The base32 text in groups of four, easier to type into an app by hand.
    pub fn to_grouped_base32(&self) -> String {
        let text = self.to_base32();
        let chars: Vec<char> = text.chars().collect();
        chars
            .chunks(4)
            .map(|c| c.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn totp(&self, issuer: Option<&str>, account: &str) -> Option<Totp> {
        Builder::new()
            .with_algorithm(Algorithm::SHA1)
            .with_digits(DIGITS)
            .with_skew(1)
            .with_step_duration(STEP_SECONDS)
            .with_secret(Secret::new(self.0.clone().into_boxed_slice()))
            .with_issuer(issuer.map(label_part))
            .with_account_name(label_part(account))
            .build()
            .ok()
    }

    /// The code of the step that `unix_seconds` falls in.
    pub fn code_at(&self, unix_seconds: u64) -> String {
        self.totp(None, "")
            .map(|t| t.generate(unix_seconds).to_string())
            .unwrap_or_default()
    }

    /// Checks a typed code at `unix_seconds`, one step either side, against
    /// the last step used (`None` before the first).
    pub fn check(&self, typed: &str, unix_seconds: u64, last_step: Option<u64>) -> CodeCheck {
        let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
        let Some(totp) = self.totp(None, "") else {
            return CodeCheck::Wrong;
        };
        match totp.check(&typed, unix_seconds) {
            Some(step) if last_step.is_some_and(|last| step <= last) => CodeCheck::Replayed,
            Some(step) => CodeCheck::Accepted { step },
            None => CodeCheck::Wrong,
        }
    }

    /// The `otpauth://` URL an authenticator app reads from the QR code:
    /// the issuer (the service and the municipality) and the account name
    /// label the entry in the app.
    pub fn otpauth_url(&self, issuer: &str, account: &str) -> Option<String> {
        self.totp(Some(issuer), account)?.to_url().ok()
    }
}

/// An issuer or account name as a label may hold it: no colon (it separates
/// the two), no control characters, not too long.
fn label_part(text: &str) -> String {
    let clean: String = text
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| if c == ':' { ' ' } else { c })
        .take(64)
        .collect();
    let clean = clean.trim();
    if clean.is_empty() {
        "-".to_string()
    } else {
        clean.to_string()
    }
}

#[cfg(test)]
mod tests;
