//! What an OpenID Connect sign-in must prove before anyone is let in, for
//! citizens (ID-porten) and staff (single sign-on) alike: the ID token's
//! claims and the level of assurance (`acr`). Pure rules; the signature is
//! checked before, by the web layer that holds the provider's keys.

mod acr;
mod id_token;
mod staff;

pub use acr::{AcrError, AcrPolicy, IDPORTEN_LEVELS};
pub use id_token::{
    Expected, IdTokenAudience, IdTokenClaims, LoginRefused, check_claims, check_common, national_id,
};
pub use staff::{FromGroups, GroupRole, has_second_factor, roles_from_groups};
