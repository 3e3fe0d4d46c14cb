//! Levels of assurance (`acr`). A municipality asks for a level; a sign-in
//! at that level *or higher* is accepted, as Digdir asks of services on
//! ID-porten ("sufficiently high"): a citizen who used BankID
//! (`idporten-loa-high`) where `idporten-loa-substantial` is asked for gets
//! in. The levels are an ordered list, lowest first, set by configuration
//! for other providers.

/// ID-porten's levels, lowest first.
pub const IDPORTEN_LEVELS: [&str; 2] = ["idporten-loa-substantial", "idporten-loa-high"];

/// The level asked for and the levels accepted for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcrPolicy {
    required: String,
    accepted: Vec<String>,
}

/// Why a level configuration cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AcrError {
    #[error("the list of levels is empty")]
    NoLevels,
    #[error("the level {0:?} is not in the list of levels")]
    Unknown(String),
    #[error("the level {0:?} is named twice in the list of levels")]
    Twice(String),
}

impl AcrPolicy {
    /// The policy for `required` among `levels` (lowest first): that level
    /// and every one after it.
    pub fn new<S: AsRef<str>>(levels: &[S], required: &str) -> Result<AcrPolicy, AcrError> {
        let levels: Vec<String> = levels
            .iter()
            .map(|l| l.as_ref().trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        if levels.is_empty() {
            return Err(AcrError::NoLevels);
        }
        for (i, level) in levels.iter().enumerate() {
            if levels[..i].contains(level) {
                return Err(AcrError::Twice(level.clone()));
            }
        }
        let at = levels
            .iter()
            .position(|l| l == required)
            .ok_or_else(|| AcrError::Unknown(required.to_string()))?;
        Ok(AcrPolicy {
            required: required.to_string(),
            accepted: levels[at..].to_vec(),
        })
    }

    /// ID-porten's levels with `required` asked for.
    pub fn idporten(required: &str) -> Result<AcrPolicy, AcrError> {
        AcrPolicy::new(&IDPORTEN_LEVELS, required)
    }

    /// The level asked for (sent as `acr_values`).
    pub fn required(&self) -> &str {
        &self.required
    }

    /// True when a sign-in at `acr` is good enough.
    pub fn accepts(&self, acr: &str) -> bool {
        self.accepted.iter().any(|a| a == acr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_higher_level_than_asked_is_accepted_and_a_lower_one_is_not() {
        let substantial = AcrPolicy::idporten("idporten-loa-substantial").expect("known");
        assert!(substantial.accepts("idporten-loa-substantial"));
        assert!(substantial.accepts("idporten-loa-high"));
        let high = AcrPolicy::idporten("idporten-loa-high").expect("known");
        assert!(high.accepts("idporten-loa-high"));
        assert!(!high.accepts("idporten-loa-substantial"));
        assert!(!high.accepts("Level4"));
        assert!(!high.accepts(""));
    }

    #[test]
    fn a_level_outside_the_list_or_a_list_naming_one_twice_is_refused() {
        assert_eq!(
            AcrPolicy::idporten("Level3"),
            Err(AcrError::Unknown("Level3".into()))
        );
        assert_eq!(
            AcrPolicy::new(&["a", "b", "a"], "a"),
            Err(AcrError::Twice("a".into()))
        );
        assert_eq!(AcrPolicy::new::<&str>(&[], "a"), Err(AcrError::NoLevels));
        assert_eq!(AcrPolicy::new(&[" ", ""], "a"), Err(AcrError::NoLevels));
    }

    #[test]
    fn levels_of_another_provider_keep_their_order() {
        let p = AcrPolicy::new(&["low", "medium", "high"], "medium").expect("known");
        assert!(!p.accepts("low"));
        assert!(p.accepts("medium") && p.accepts("high"));
        assert_eq!(p.required(), "medium");
    }
}
