//! The five bottom lines every figure is grouped under.

/// The bottom lines (bundlinjer) a municipality steers by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BottomLine {
    /// What the child and family get out of it.
    Citizen,
    /// Professional quality: early, coordinated, evaluated help.
    Quality,
    /// The workplace: the load on staff and services.
    Workplace,
    /// The economy: what the measures cost.
    Economy,
    /// The law: clocks, consents and duties kept.
    Law,
}

impl BottomLine {
    pub const ALL: [BottomLine; 5] = [
        BottomLine::Citizen,
        BottomLine::Quality,
        BottomLine::Workplace,
        BottomLine::Economy,
        BottomLine::Law,
    ];

    pub fn code(self) -> &'static str {
        match self {
            BottomLine::Citizen => "citizen",
            BottomLine::Quality => "quality",
            BottomLine::Workplace => "workplace",
            BottomLine::Economy => "economy",
            BottomLine::Law => "law",
        }
    }

    pub fn from_code(code: &str) -> Option<BottomLine> {
        BottomLine::ALL.into_iter().find(|l| l.code() == code)
    }

    pub fn message_key(self) -> String {
        format!("steering-line-{}", self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for l in BottomLine::ALL {
            assert_eq!(BottomLine::from_code(l.code()), Some(l));
        }
        assert_eq!(BottomLine::from_code("money"), None);
    }
}
