//! The family portal's rules that need no I/O: what an OpenID Connect login
//! must prove before a citizen is let in, and how a family's request is
//! closed.

mod id_token;
pub mod request;

pub use id_token::{Expected, IdTokenAudience, IdTokenClaims, LoginRefused, check_claims};
pub use request::{ClosingError, RequestClosing, RequestOutcome};
