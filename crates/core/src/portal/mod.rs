//! The family portal's rules that need no I/O: what an OpenID Connect login
//! must prove before a citizen is let in.

mod id_token;

pub use id_token::{Expected, IdTokenAudience, IdTokenClaims, LoginRefused, check_claims};
