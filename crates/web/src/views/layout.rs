//! What every page's frame needs: the language, the signed-in user and their
//! CSRF token, and which navigation item is current.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use crate::extractors::current_user::CurrentUser;
use crate::i18n::{Lang, Tr};

/// The signed-in user as the frame shows them.
#[derive(Debug, Clone)]
pub struct UserChrome {
    pub display_name: String,
    pub is_admin: bool,
    pub is_privacy_officer: bool,
    /// Works with children: has a desk of relay logs and concerns.
    pub works_with_children: bool,
    /// Triages the coordinating unit's intake queue.
    pub is_intake: bool,
    /// Leads a unit or the municipality: sees the steering figures.
    pub is_leader: bool,
}

#[derive(Debug, Clone)]
pub struct Chrome {
    pub tr: Tr,
    pub user: Option<UserChrome>,
    pub csrf: String,
    /// The navigation item of this page: my, children, reports, admin, audit,
    /// privacy, settings.
    pub current: &'static str,
    pub languages: &'static [Lang],
}

impl Chrome {
    pub fn anonymous(tr: Tr) -> Chrome {
        Chrome {
            tr,
            user: None,
            csrf: String::new(),
            current: "",
            languages: &Lang::ALL,
        }
    }

    /// The frame for a signed-in user; the menu shows what the policy offers them.
    pub fn for_user(tr: Tr, user: &CurrentUser, current: &'static str) -> Chrome {
        let offers = user.offers();
        Chrome {
            tr,
            user: Some(UserChrome {
                display_name: user.display_name.clone(),
                is_admin: offers.administer,
                is_privacy_officer: offers.review_access_log,
                works_with_children: offers.follow_up,
                is_intake: offers.triage,
                is_leader: offers.steer() || offers.annual_cycle,
            }),
            csrf: user.csrf_token.clone(),
            current,
            languages: &Lang::ALL,
        }
    }

    pub fn t(&self, id: &str) -> String {
        self.tr.t(id)
    }

    pub fn t_with(&self, id: &str, args: &[(&str, String)]) -> String {
        self.tr.t_with(id, args)
    }

    /// `aria-current` for a navigation item.
    pub fn aria_current(&self, item: &str) -> &'static str {
        if self.current == item {
            "page"
        } else {
            "false"
        }
    }

    /// The `hx-headers` value that makes htmx send the CSRF token.
    pub fn hx_headers(&self) -> String {
        format!("{{\"X-CSRF-Token\": \"{}\"}}", self.csrf)
    }
}

/// Renders a template into a response with a status.
pub fn render<T: Template>(status: StatusCode, page: &T) -> Response {
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

pub fn page<T: Template>(page: &T) -> Response {
    render(StatusCode::OK, page)
}
