mod admin;
mod audit;
mod login;
mod relay;
mod settings;
mod visibility;
