mod auth;
mod openapi;
mod reads;
mod relay;
mod writes;
