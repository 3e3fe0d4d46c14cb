mod auth;
mod consent;
mod openapi;
mod reads;
mod relay;
mod writes;
