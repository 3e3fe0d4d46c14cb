//! Whether the server marks its cookies `Secure`, decided when it starts
//! from the operator's setting and the address it listens on.
//!
//! `Secure` is the default: ettlag serves people's personal data and is
//! meant to be reached over HTTPS (directly or behind a proxy that
//! terminates TLS), and a session cookie sent over plain HTTP can be stolen.
//! The one exception is a server nobody else can reach: on a loopback
//! address with no setting, it is somebody trying ettlag on their own
//! machine over `http://127.0.0.1`, where a browser would not send a
//! `Secure` cookie back and sign-in would fail. That is said on start-up,
//! so an operator behind a proxy on the same machine knows to set it.

use std::net::IpAddr;

/// The start-up notice of a local server without `Secure` cookies.
pub const LOCAL_NOTICE: &str =
    "cookies are not marked Secure: serving plain HTTP on the loopback for local use";

/// How the cookies are marked, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CookieSecurity {
    /// `Secure`, by default or because the operator said so.
    Secure,
    /// Not `Secure`: no setting, and only this machine can connect.
    LocalPlainHttp,
    /// Not `Secure` because the operator turned it off.
    TurnedOff { loopback: bool },
}

impl CookieSecurity {
    /// The choice for an explicit setting (if any) and the address the
    /// server listens on.
    pub fn choose(explicit: Option<bool>, listening_on: IpAddr) -> CookieSecurity {
        let loopback = listening_on.is_loopback();
        match explicit {
            Some(true) => CookieSecurity::Secure,
            Some(false) => CookieSecurity::TurnedOff { loopback },
            None if loopback => CookieSecurity::LocalPlainHttp,
            None => CookieSecurity::Secure,
        }
    }

    pub fn secure(self) -> bool {
        self == CookieSecurity::Secure
    }

    /// What to say on standard error at start-up, if anything.
    pub fn notice(self) -> Option<&'static str> {
        match self {
            CookieSecurity::Secure => None,
            CookieSecurity::LocalPlainHttp | CookieSecurity::TurnedOff { loopback: true } => {
                Some(LOCAL_NOTICE)
            }
            CookieSecurity::TurnedOff { loopback: false } => Some(
                "WARNING: cookies are not marked Secure (secure_cookies is false) although the \
                 server listens beyond the loopback: a session sent over plain HTTP can be \
                 stolen; serve over HTTPS and remove the setting",
            ),
        }
    }
}

/// `ETTLAG_SECURE_COOKIES` read strictly: a typo must not quietly turn
/// `Secure` off (nor on). Empty counts as not set.
pub fn parse_setting(value: &str) -> anyhow::Result<Option<bool>> {
    match value.trim().to_ascii_lowercase().as_str() {
        "" => Ok(None),
        "1" | "true" | "yes" | "on" => Ok(Some(true)),
        "0" | "false" | "no" | "off" => Ok(Some(false)),
        other => anyhow::bail!("ETTLAG_SECURE_COOKIES must be true or false, not {other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use std::net::{Ipv4Addr, Ipv6Addr};

    use super::*;

    const ANY: IpAddr = IpAddr::V4(Ipv4Addr::UNSPECIFIED);
    const LAN: IpAddr = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 5));
    const LOCAL: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);
    const LOCAL6: IpAddr = IpAddr::V6(Ipv6Addr::LOCALHOST);

    #[test]
    fn cookies_are_secure_by_default_beyond_the_loopback() {
        for ip in [ANY, LAN, IpAddr::V6(Ipv6Addr::UNSPECIFIED)] {
            let c = CookieSecurity::choose(None, ip);
            assert!(c.secure(), "{ip}");
            assert_eq!(c.notice(), None);
        }
    }

    #[test]
    fn a_local_server_on_the_loopback_says_its_cookies_are_not_secure() {
        for ip in [LOCAL, LOCAL6, IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2))] {
            let c = CookieSecurity::choose(None, ip);
            assert_eq!(c, CookieSecurity::LocalPlainHttp, "{ip}");
            assert!(!c.secure());
            assert_eq!(c.notice(), Some(LOCAL_NOTICE));
        }
    }

    #[test]
    fn the_operator_can_turn_secure_on_anywhere_and_off_with_a_warning() {
        assert!(CookieSecurity::choose(Some(true), LOCAL).secure());
        let off = CookieSecurity::choose(Some(false), ANY);
        assert!(!off.secure());
        assert!(off.notice().is_some_and(|n| n.starts_with("WARNING")));
        let local_off = CookieSecurity::choose(Some(false), LOCAL);
        assert!(!local_off.secure());
        assert_eq!(local_off.notice(), Some(LOCAL_NOTICE));
    }

    #[test]
    fn the_setting_is_read_strictly() {
        assert_eq!(parse_setting("true").ok(), Some(Some(true)));
        assert_eq!(parse_setting(" 0 ").ok(), Some(Some(false)));
        assert_eq!(parse_setting("FALSE").ok(), Some(Some(false)));
        assert_eq!(parse_setting("").ok(), Some(None));
        assert!(parse_setting("ja").is_err());
    }
}
