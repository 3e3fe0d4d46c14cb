//! Norwegian national identity numbers (fødselsnummer, D-number, H-number and
//! synthetic test numbers).
//!
//! A number is parsed once at the edge and carried as a [`NationalId`]; code past
//! the edge never sees an unchecked string ("parse, don't validate").

use std::fmt;

use serde::{Deserialize, Serialize};

/// What kind of number a valid [`NationalId`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NinKind {
    /// An ordinary fødselsnummer.
    BirthNumber,
    /// A D-number (day + 40), given to people without a birth number.
    DNumber,
    /// An H-number (month + 40), a help number used in health services.
    HNumber,
    /// A synthetic test number (month + 80). Demo and test data use only these,
    /// because no real person can hold one.
    Synthetic,
}

/// Why a string is not a valid national identity number. Each reason has a
/// message key so that the web layer can explain it in the user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NinError {
    #[error("a national identity number has 11 digits")]
    Length,
    #[error("a national identity number has only digits")]
    NotDigits,
    #[error("the first six digits are not a valid date of birth")]
    BirthDate,
    #[error("the control digits do not match: the number is mistyped")]
    Checksum,
}

impl NinError {
    /// The Fluent message id that explains this error to a user.
    pub fn message_key(self) -> &'static str {
        match self {
            NinError::Length => "nin-error-length",
            NinError::NotDigits => "nin-error-digits",
            NinError::BirthDate => "nin-error-birth-date",
            NinError::Checksum => "nin-error-checksum",
        }
    }
}

/// A calendar date of birth derived from a national identity number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct BirthDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl fmt::Display for BirthDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A valid Norwegian national identity number.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NationalId(String);

const WEIGHTS_1: [u32; 9] = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const WEIGHTS_2: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/// The mod-11 control digit for `digits` with `weights`, or `None` when the
/// remainder gives 10, which no valid number can have.
fn control_digit(digits: &[u32], weights: &[u32]) -> Option<u32> {
    let sum: u32 = digits.iter().zip(weights).map(|(d, w)| d * w).sum();
    match 11 - sum % 11 {
        11 => Some(0),
        10 => None,
        k => Some(k),
    }
}

impl NationalId {
    /// Parses and checks a number. Spaces are allowed between groups
    /// ("010180 12345") because people type them.
    pub fn parse(input: &str) -> Result<Self, NinError> {
        let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if !compact.chars().all(|c| c.is_ascii_digit()) {
            return Err(NinError::NotDigits);
        }
        if compact.len() != 11 {
            return Err(NinError::Length);
        }
        let digits: Vec<u32> = compact.bytes().map(|b| u32::from(b - b'0')).collect();
        let id = NationalId(compact);
        id.birth_date_of(&digits).ok_or(NinError::BirthDate)?;
        let k1 = control_digit(&digits[..9], &WEIGHTS_1).ok_or(NinError::Checksum)?;
        let k2 = control_digit(&digits[..10], &WEIGHTS_2).ok_or(NinError::Checksum)?;
        if digits[9] != k1 || digits[10] != k2 {
            return Err(NinError::Checksum);
        }
        Ok(id)
    }

    /// Builds a valid synthetic number (month + 80) for a date of birth and an
    /// individual number, or `None` when that individual number gives no valid
    /// control digits (about one in five do not). Used by the demo and tests.
    pub fn synthetic(birth: BirthDate, individual: u16) -> Option<Self> {
        let yy = birth.year % 100;
        let prefix = format!(
            "{:02}{:02}{:02}{:03}",
            birth.day,
            birth.month + 80,
            yy,
            individual % 1000
        );
        let digits: Vec<u32> = prefix.bytes().map(|b| u32::from(b - b'0')).collect();
        let k1 = control_digit(&digits, &WEIGHTS_1)?;
        let mut with_k1 = digits.clone();
        with_k1.push(k1);
        let k2 = control_digit(&with_k1, &WEIGHTS_2)?;
        let id = Self::parse(&format!("{prefix}{k1}{k2}")).ok()?;
        (id.birth_date() == birth).then_some(id)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn kind(&self) -> NinKind {
        let b = self.0.as_bytes();
        let day_tens = b[0] - b'0';
        let month_tens = b[2] - b'0';
        if day_tens >= 4 {
            NinKind::DNumber
        } else if month_tens >= 8 {
            NinKind::Synthetic
        } else if month_tens >= 4 {
            NinKind::HNumber
        } else {
            NinKind::BirthNumber
        }
    }

    pub fn is_synthetic(&self) -> bool {
        self.kind() == NinKind::Synthetic
    }

    /// The date of birth the number encodes.
    pub fn birth_date(&self) -> BirthDate {
        let digits: Vec<u32> = self.0.bytes().map(|b| u32::from(b - b'0')).collect();
        // A NationalId is only built after this succeeded once.
        self.birth_date_of(&digits).unwrap_or(BirthDate {
            year: 1900,
            month: 1,
            day: 1,
        })
    }

    fn birth_date_of(&self, d: &[u32]) -> Option<BirthDate> {
        let mut day = d[0] * 10 + d[1];
        let mut month = d[2] * 10 + d[3];
        if day > 40 {
            day -= 40;
        }
        if month > 80 {
            month -= 80;
        } else if month > 40 {
            month -= 40;
        }
        let yy = d[4] * 10 + d[5];
        let individual = d[6] * 100 + d[7] * 10 + d[8];
        // Century from the individual number, as the National Registry assigns them.
        let century = match individual {
            0..=499 => 1900,
            500..=749 if yy >= 54 => 1800,
            500..=999 if yy <= 39 => 2000,
            900..=999 if yy >= 40 => 1900,
            _ => return None,
        };
        let year = century + yy;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(BirthDate {
            year: u16::try_from(year).ok()?,
            month: u8::try_from(month).ok()?,
            day: u8::try_from(day).ok()?,
        })
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

impl fmt::Debug for NationalId {
    /// Only the date part is shown: identity numbers must not end up in logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NationalId({}*****)", &self.0[..6])
    }
}

impl TryFrom<String> for NationalId {
    type Error = NinError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<NationalId> for String {
    fn from(value: NationalId) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(year: u16, month: u8, day: u8) -> BirthDate {
        BirthDate { year, month, day }
    }

    #[test]
    fn synthetic_numbers_round_trip() {
        let birth = date(2015, 3, 14);
        let id = (500..1000)
            .find_map(|i| NationalId::synthetic(birth, i))
            .expect("some individual number works");
        assert_eq!(id.kind(), NinKind::Synthetic);
        assert_eq!(id.birth_date(), birth);
        assert_eq!(&id.as_str()[2..4], "83");
        assert_eq!(NationalId::parse(id.as_str()), Ok(id));
    }

    #[test]
    fn refuses_wrong_length_letters_and_dates() {
        assert_eq!(NationalId::parse("1234"), Err(NinError::Length));
        assert_eq!(NationalId::parse("0101801234x"), Err(NinError::NotDigits));
        assert_eq!(NationalId::parse("32018012345"), Err(NinError::BirthDate));
        assert_eq!(NationalId::parse("31098012345"), Err(NinError::BirthDate));
    }

    #[test]
    fn accepts_spaces_between_groups() {
        let id = NationalId::synthetic(date(2012, 5, 1), 512)
            .or_else(|| NationalId::synthetic(date(2012, 5, 1), 513))
            .expect("valid");
        let spaced = format!("{} {}", &id.as_str()[..6], &id.as_str()[6..]);
        assert_eq!(NationalId::parse(&spaced), Ok(id));
    }

    #[test]
    fn recognises_d_and_h_numbers() {
        // Build a D-number from a valid ordinary prefix by computing its control digits.
        let build = |prefix: &str| {
            let d: Vec<u32> = prefix.bytes().map(|b| u32::from(b - b'0')).collect();
            let k1 = control_digit(&d, &WEIGHTS_1)?;
            let mut d2 = d.clone();
            d2.push(k1);
            let k2 = control_digit(&d2, &WEIGHTS_2)?;
            Some(format!("{prefix}{k1}{k2}"))
        };
        let d = (0..500)
            .find_map(|i| build(&format!("410190{i:03}")))
            .expect("d-number");
        assert_eq!(
            NationalId::parse(&d).map(|x| x.kind()),
            Ok(NinKind::DNumber)
        );
        let h = (0..500)
            .find_map(|i| build(&format!("014190{i:03}")))
            .expect("h-number");
        assert_eq!(
            NationalId::parse(&h).map(|x| x.kind()),
            Ok(NinKind::HNumber)
        );
    }

    #[test]
    fn debug_hides_the_personal_number() {
        let id = NationalId::synthetic(date(2010, 1, 1), 501)
            .or_else(|| NationalId::synthetic(date(2010, 1, 1), 502))
            .expect("valid");
        let shown = format!("{id:?}");
        assert!(!shown.contains(&id.as_str()[6..]));
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC{0,20}") {
            let _ = NationalId::parse(&s);
        }

        #[test]
        fn one_changed_digit_is_caught(year in 2000u16..2030, month in 1u8..=12, day in 1u8..=28,
                                        ind in 500u16..1000, pos in 0usize..11, delta in 1u8..10) {
            if let Some(id) = NationalId::synthetic(date(year, month, day), ind) {
                let mut bytes = id.as_str().as_bytes().to_vec();
                bytes[pos] = b'0' + (bytes[pos] - b'0' + delta) % 10;
                let changed = String::from_utf8(bytes).expect("ascii");
                prop_assert!(NationalId::parse(&changed).is_err());
            }
        }
    }
}
