//! The baton: from level 1 there is always exactly one holder, who keeps it
//! until a new holder has accepted it ("beholder stafettpinnen til den er
//! mottatt og akseptert").

use serde::{Deserialize, Serialize};

use crate::ids::{StaffId, UnitId};

/// A handover that waits for the new holder's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offer {
    pub to: StaffId,
    pub to_unit: UnitId,
    pub offered_at_ms: i64,
    /// What the family said about who should hold the baton.
    pub family_wish: Option<String>,
}

/// Who holds the baton, and any offer that is waiting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baton {
    pub holder: StaffId,
    pub holder_unit: UnitId,
    pub offer: Option<Offer>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BatonError {
    #[error("only the holder can offer the baton")]
    NotHolder,
    #[error("an offer is already waiting for an answer")]
    OfferPending,
    #[error("the holder cannot offer the baton to themselves")]
    ToSelf,
    #[error("no offer is waiting")]
    NoOffer,
    #[error("the offer was made to someone else")]
    NotOffered,
}

impl BatonError {
    pub fn message_key(&self) -> &'static str {
        match self {
            BatonError::NotHolder => "baton-error-not-holder",
            BatonError::OfferPending => "baton-error-offer-pending",
            BatonError::ToSelf => "baton-error-to-self",
            BatonError::NoOffer => "baton-error-no-offer",
            BatonError::NotOffered => "baton-error-not-offered",
        }
    }
}

impl Baton {
    pub fn new(holder: StaffId, holder_unit: UnitId) -> Baton {
        Baton {
            holder,
            holder_unit,
            offer: None,
        }
    }

    /// The holder offers the baton. Whether the new holder's unit may see the
    /// child (consent) is the access policy's question, asked by the caller.
    pub fn offer(&mut self, by: &StaffId, offer: Offer) -> Result<(), BatonError> {
        if by != &self.holder {
            return Err(BatonError::NotHolder);
        }
        if self.offer.is_some() {
            return Err(BatonError::OfferPending);
        }
        if offer.to == self.holder {
            return Err(BatonError::ToSelf);
        }
        self.offer = Some(offer);
        Ok(())
    }

    /// The one it was offered to accepts: they hold the baton from now on.
    pub fn accept(&mut self, by: &StaffId) -> Result<(), BatonError> {
        let offer = self.offer.as_ref().ok_or(BatonError::NoOffer)?;
        if &offer.to != by {
            return Err(BatonError::NotOffered);
        }
        if let Some(offer) = self.offer.take() {
            self.holder = offer.to;
            self.holder_unit = offer.to_unit;
        }
        Ok(())
    }

    /// The one it was offered to declines: the holder keeps it.
    pub fn decline(&mut self, by: &StaffId) -> Result<(), BatonError> {
        match &self.offer {
            None => Err(BatonError::NoOffer),
            Some(offer) if &offer.to != by => Err(BatonError::NotOffered),
            Some(_) => {
                self.offer = None;
                Ok(())
            }
        }
    }

    /// The holder takes an unanswered offer back.
    pub fn withdraw(&mut self, by: &StaffId) -> Result<(), BatonError> {
        if by != &self.holder {
            return Err(BatonError::NotHolder);
        }
        self.offer.take().map(|_| ()).ok_or(BatonError::NoOffer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn staff(s: &str) -> StaffId {
        StaffId::from_trusted(s.into())
    }

    fn unit(s: &str) -> UnitId {
        UnitId::from_trusted(s.into())
    }

    fn offer_to(who: &str) -> Offer {
        Offer {
            to: staff(who),
            to_unit: unit(&format!("unit-of-{who}")),
            offered_at_ms: 0,
            family_wish: None,
        }
    }

    #[test]
    fn the_holder_keeps_the_baton_until_the_new_holder_accepts() {
        let mut b = Baton::new(staff("kari"), unit("kindergarten"));
        b.offer(&staff("kari"), offer_to("ola")).expect("offer");
        assert_eq!(b.holder, staff("kari"), "an offer alone hands nothing over");
        assert_eq!(b.accept(&staff("per")), Err(BatonError::NotOffered));
        b.accept(&staff("ola")).expect("accept");
        assert_eq!(b.holder, staff("ola"));
        assert_eq!(b.holder_unit, unit("unit-of-ola"));
        assert!(b.offer.is_none());
    }

    #[test]
    fn offers_are_answered_one_at_a_time() {
        let mut b = Baton::new(staff("kari"), unit("school"));
        assert_eq!(
            b.offer(&staff("ola"), offer_to("per")),
            Err(BatonError::NotHolder)
        );
        assert_eq!(
            b.offer(&staff("kari"), offer_to("kari")),
            Err(BatonError::ToSelf)
        );
        b.offer(&staff("kari"), offer_to("ola")).expect("offer");
        assert_eq!(
            b.offer(&staff("kari"), offer_to("per")),
            Err(BatonError::OfferPending)
        );
        b.decline(&staff("ola")).expect("decline");
        assert_eq!(b.holder, staff("kari"));
        assert_eq!(b.decline(&staff("ola")), Err(BatonError::NoOffer));
        b.offer(&staff("kari"), offer_to("per"))
            .expect("offer again");
        assert_eq!(b.withdraw(&staff("per")), Err(BatonError::NotHolder));
        b.withdraw(&staff("kari")).expect("withdraw");
        assert_eq!(b.accept(&staff("per")), Err(BatonError::NoOffer));
    }

    proptest! {
        /// Whatever anyone tries, in any order, there is exactly one holder,
        /// and it changes only by the acceptance of an offer made to that person.
        #[test]
        fn there_is_always_exactly_one_holder(steps in proptest::collection::vec((0u8..4, 0usize..3, 0usize..3), 0..40)) {
            let people = ["a", "b", "c"];
            let mut b = Baton::new(staff("a"), unit("u"));
            for (op, who, to) in steps {
                let before = b.clone();
                let actor = staff(people[who]);
                let result = match op {
                    0 => b.offer(&actor, offer_to(people[to])),
                    1 => b.accept(&actor),
                    2 => b.decline(&actor),
                    _ => b.withdraw(&actor),
                };
                if result.is_err() {
                    prop_assert_eq!(&b, &before, "a refused step changes nothing");
                }
                if b.holder != before.holder {
                    prop_assert!(op == 1 && before.offer.as_ref().map(|o| &o.to) == Some(&actor));
                }
            }
        }
    }
}
