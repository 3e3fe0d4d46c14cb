//! Server-rendered pages.

pub mod assets;
pub mod children;
pub mod layout;
pub mod login;
pub mod settings;
