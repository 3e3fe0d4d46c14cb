mod auth;
mod openapi;
mod reads;
mod writes;
