//! ettlag's web layer: server-rendered pages (askama + htmx), the JSON API,
//! sessions, CSRF and languages. It reaches data only through the store's
//! access context; it has no database driver of its own.
#![forbid(unsafe_code)]

pub mod api;
pub mod consent_input;
pub mod error;
pub mod extractors;
pub mod health;
pub mod i18n;
pub mod mail;
pub mod metrics;
pub mod middleware;
pub mod oidc;
pub mod outbound;
pub mod password;
pub mod sms;
pub mod state;
pub mod throttle;
pub mod views;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::response::Redirect;
use axum::routing::{get, post};

pub use state::{AppState, WebConfig};

/// The largest request body we accept (CSV imports are the largest).
pub(crate) const MAX_BODY: usize = 8 * 1024 * 1024;

/// The whole application.
pub fn router(state: AppState) -> Router {
    use middleware::{audit_batch, csrf, error_pages, observe, security_headers, session};
    let pages = Router::new()
        .route("/", get(|| async { Redirect::to("/children") }))
        .route("/login", get(views::login::get).post(views::login::post))
        .route("/oidc/start", get(views::staff_sso::start))
        .route("/oidc/callback", get(views::staff_sso::callback))
        .route(
            "/oidc/frontchannel-logout",
            get(views::provider_logout::staff_front_channel),
        )
        .route(
            "/oidc/backchannel-logout",
            post(views::provider_logout::staff_back_channel),
        )
        .route("/logout", post(views::login::logout))
        .route("/signed-out", get(views::login::signed_out))
        .route("/children", get(views::children::list))
        .route("/children/{id}", get(views::children::show))
        .route("/audit", get(views::audit::list))
        .route(
            "/consultations",
            get(views::consultation::get).post(views::consultation::post),
        )
        .route("/privacy", get(views::privacy::get))
        .route("/privacy/find", post(views::privacy::find))
        .route("/privacy/persons/{id}", get(views::privacy::person))
        .route(
            "/privacy/persons/{id}/restriction",
            post(views::privacy::restrict),
        )
        .route("/settings", get(views::settings::get))
        .route("/settings/language", post(views::settings::set_language))
        .route("/settings/email", post(views::settings::set_email))
        .route(
            "/settings/family-contact",
            post(views::settings::set_family_contact),
        )
        .route(
            views::api_tokens::PATH,
            get(views::api_tokens::get).post(views::api_tokens::create),
        )
        .route(
            "/settings/api-tokens/{id}/revoke",
            post(views::api_tokens::revoke),
        )
        .merge(views::admin::router())
        .merge(views::relay::router())
        .merge(views::plan::router())
        .merge(views::consent::router())
        .merge(views::report::router())
        .merge(views::steering::router())
        .merge(views::cycle::router())
        .merge(views::emergency::router())
        .merge(views::intake::router())
        .merge(views::portal::router())
        .merge(views::feedback::router())
        .merge(views::meeting::router())
        .merge(views::second_factor::router());
    let assets = Router::new()
        .route("/static/ettlag.css", get(views::assets::css))
        .route("/static/htmx.min.js", get(views::assets::htmx))
        .route("/static/feedback.js", get(views::assets::feedback_js))
        .route("/favicon.ico", get(views::assets::favicon));
    let ops = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/metrics", get(health::metrics));
    Router::new()
        .merge(pages)
        .merge(assets)
        .merge(ops)
        .merge(api::router())
        .fallback(|| async { error::AppError::NotFound })
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            audit_batch::seal_reads,
        ))
        .layer(axum::middleware::from_fn(error_pages::error_pages))
        .layer(axum::middleware::from_fn(csrf::csrf))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            session::load_session,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security_headers::security_headers,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            observe::observe,
        ))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(state)
}
