//! The JSON API, black-box: a real server on 127.0.0.1 over a fresh store
//! (SQLite, or PostgreSQL when `ETTLAG_TEST_DATABASE_URL` is set), driven
//! with reqwest and personal API tokens.

mod auth;
mod openapi;
mod reads;
mod support;
mod writes;
