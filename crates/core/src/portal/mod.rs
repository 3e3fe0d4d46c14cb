//! The family portal's rules that need no I/O: how a family's request is
//! closed. What an OpenID Connect sign-in must prove is in `crate::oidc`.

pub mod request;

pub use request::{ClosingError, RequestClosing, RequestOutcome};
