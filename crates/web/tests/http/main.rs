//! The web layer over real HTTP, as one test binary: a real server on
//! 127.0.0.1 over a fresh store (SQLite, or PostgreSQL when
//! `ETTLAG_TEST_DATABASE_URL` is set). `pages` drive it like a browser
//! (sessions, CSRF, languages); `api` drive the JSON API with personal tokens.

mod api;
mod mail;
mod pages;
mod world;
