//! Request extractors: who is asking, in which language.

pub mod api_user;
pub mod client_addr;
pub mod current_user;
pub mod id_path;
pub mod lang;
