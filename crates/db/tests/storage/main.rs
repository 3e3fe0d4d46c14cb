//! The storage conformance suite: the same tests on SQLite and, when
//! `ETTLAG_TEST_DATABASE_URL` is set, on PostgreSQL.

mod access;
mod api_tokens;
mod audit;
mod audit_outside;
mod auth;
mod consent;
mod consultation;
mod cycle;
mod demo;
mod emergency;
mod family_log;
mod family_notice_rules;
mod feedback;
mod field_groups;
mod home_unit;
mod import;
mod intake;
mod looked;
mod meeting;
mod meeting_more;
mod oidc;
mod one_connection;
mod plan;
mod portal;
mod portal_follow;
mod relay;
mod reports;
mod restriction;
mod rows_by_name;
mod second_factor;
mod second_factor_admin;
mod steering;
mod support;
mod throttle;
mod two_servers;
