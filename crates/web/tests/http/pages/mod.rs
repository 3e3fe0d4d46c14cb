mod admin;
mod audit;
mod consent;
mod login;
mod privacy;
mod relay;
mod settings;
mod visibility;
