//! Pages over real HTTP: sign-in, sessions, CSRF, headers, languages and who
//! sees which child. Runs on SQLite, and on PostgreSQL when
//! `ETTLAG_TEST_DATABASE_URL` is set.

mod admin;
mod app;
mod audit;
mod login;
mod visibility;
