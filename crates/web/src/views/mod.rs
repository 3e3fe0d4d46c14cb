//! Server-rendered pages.

pub mod admin;
pub mod assets;
pub mod audit;
pub mod children;
pub mod consent;
pub mod consultation;
pub mod emergency;
pub mod intake;
pub mod layout;
pub mod login;
pub mod plan;
pub mod privacy;
pub mod relay;
pub mod report;
pub mod settings;
pub mod steering;
