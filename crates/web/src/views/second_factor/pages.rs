//! The second factor's pages, shared by the sign-in and the user's own
//! settings: the code page, the enrolment page (QR code, the secret to type
//! by hand, the first code), and the recovery codes shown once (after an
//! enrolment, or when new ones are made).

use askama::Template;
use ettlag_core::second_factor::TotpSecret;

use super::qr;
use crate::views::layout::Chrome;

/// What authenticator apps list the entry under.
const ISSUER: &str = "ettlag";

#[derive(Template)]
#[template(path = "second_factor/code.html")]
pub struct CodePage {
    pub c: Chrome,
    pub error: Option<String>,
    /// Too many wrong codes: no form, only the way back to the sign-in.
    pub ended: bool,
}

#[derive(Template)]
#[template(path = "second_factor/enrol.html")]
pub struct EnrolPage {
    pub c: Chrome,
    /// The QR code as inline SVG (built from the secret, never from input).
    pub qr: String,
    /// The secret in groups of four, for typing into the app by hand.
    pub secret: String,
    pub error: Option<String>,
    /// Where the form goes, and where to go instead.
    pub action: &'static str,
    pub cancel: &'static str,
    /// The municipality requires it: said at the top during sign-in.
    pub required: bool,
}

impl EnrolPage {
    pub fn new(
        c: Chrome,
        secret: &TotpSecret,
        account: &str,
        action: &'static str,
        cancel: &'static str,
    ) -> EnrolPage {
        let qr = secret
            .otpauth_url(ISSUER, account)
            .and_then(|url| qr::svg(&url, "qr-label"))
            .unwrap_or_default();
        EnrolPage {
            c,
            qr,
            secret: secret.to_grouped_base32(),
            error: None,
            action,
            cancel,
            required: false,
        }
    }
}

#[derive(Template)]
#[template(path = "second_factor/recovery.html")]
pub struct RecoveryPage {
    pub c: Chrome,
    /// What was done, said above the codes (a message key).
    pub done: &'static str,
    pub codes: Vec<String>,
    /// Where to go on once they are saved.
    pub next: &'static str,
}

/// The frame of a half-done sign-in: no user, and its own CSRF token.
pub fn pending_chrome(c: Chrome, csrf: &str) -> Chrome {
    Chrome {
        csrf: csrf.to_string(),
        ..c
    }
}
