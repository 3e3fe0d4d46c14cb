mod auth;
mod consent;
mod matrix;
mod openapi;
mod reads;
mod relay;
mod reports;
mod writes;
