//! The portal's frame: the language, whether a citizen is signed in, and
//! their CSRF token. Simpler than staff's: no roles, no staff navigation.

use crate::i18n::{Lang, Tr};

use super::CitizenUser;

#[derive(Debug, Clone)]
pub struct PortalChrome {
    pub tr: Tr,
    pub signed_in: bool,
    pub csrf: String,
    pub languages: &'static [Lang],
}

impl PortalChrome {
    pub fn anonymous(tr: Tr) -> PortalChrome {
        PortalChrome {
            tr,
            signed_in: false,
            csrf: String::new(),
            languages: &Lang::ALL,
        }
    }

    pub fn for_citizen(tr: Tr, user: &CitizenUser) -> PortalChrome {
        PortalChrome {
            tr,
            signed_in: true,
            csrf: user.csrf_token.clone(),
            languages: &Lang::ALL,
        }
    }

    pub fn t(&self, id: &str) -> String {
        self.tr.t(id)
    }

    pub fn t_with(&self, id: &str, args: &[(&str, String)]) -> String {
        self.tr.t_with(id, args)
    }
}
