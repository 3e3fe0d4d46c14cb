//! The filters that are not units: age bands and periods.
//!
//! Counts are kept per birth year and calendar month; an age band is the
//! birth years whose age in the month's year falls in the band, so that a
//! child counted in March 2025 counts in the band of its age that year.

/// Age bands for children and young people from before birth (−1) to 23.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgeBand {
    /// −1 to 5: expected, infants and kindergarten age.
    Early,
    /// 6 to 12: primary school.
    Primary,
    /// 13 to 17: lower and upper secondary.
    Youth,
    /// 18 to 23: young adults.
    YoungAdult,
}

impl AgeBand {
    pub const ALL: [AgeBand; 4] = [
        AgeBand::Early,
        AgeBand::Primary,
        AgeBand::Youth,
        AgeBand::YoungAdult,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AgeBand::Early => "0-5",
            AgeBand::Primary => "6-12",
            AgeBand::Youth => "13-17",
            AgeBand::YoungAdult => "18-23",
        }
    }

    pub fn from_code(code: &str) -> Option<AgeBand> {
        AgeBand::ALL.into_iter().find(|b| b.code() == code.trim())
    }

    /// Ages in whole years (age = the year minus the birth year).
    pub fn ages(self) -> (i64, i64) {
        match self {
            AgeBand::Early => (-1, 5),
            AgeBand::Primary => (6, 12),
            AgeBand::Youth => (13, 17),
            AgeBand::YoungAdult => (18, 23),
        }
    }

    /// The band of an age; `None` outside −1..23.
    pub fn of_age(age: i64) -> Option<AgeBand> {
        AgeBand::ALL.into_iter().find(|b| {
            let (lo, hi) = b.ages();
            (lo..=hi).contains(&age)
        })
    }

    pub fn message_key(self) -> String {
        format!("steering-age-{}", self.code())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error("a month is written YYYY-MM")]
    BadMonth,
    #[error("the period ends before it starts")]
    Reversed,
}

impl PeriodError {
    pub fn message_key(&self) -> &'static str {
        match self {
            PeriodError::BadMonth => "steering-error-month",
            PeriodError::Reversed => "steering-error-period",
        }
    }
}

/// A run of whole calendar months, both ends included, as `YYYY-MM` keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    from: String,
    to: String,
}

fn month(text: &str) -> Result<String, PeriodError> {
    let t = text.trim();
    let (y, m) = t.split_once('-').ok_or(PeriodError::BadMonth)?;
    let y: i64 = y.parse().map_err(|_| PeriodError::BadMonth)?;
    let m: u32 = m.parse().map_err(|_| PeriodError::BadMonth)?;
    if !(1900..=9999).contains(&y) || !(1..=12).contains(&m) || t.len() != 7 {
        return Err(PeriodError::BadMonth);
    }
    Ok(format!("{y:04}-{m:02}"))
}

impl Period {
    pub fn parse(from: &str, to: &str) -> Result<Period, PeriodError> {
        let (from, to) = (month(from)?, month(to)?);
        if to < from {
            return Err(PeriodError::Reversed);
        }
        Ok(Period { from, to })
    }

    /// The twelve months up to and including the month of `year`-`month`.
    pub fn last_twelve(year: i64, month: u32) -> Period {
        let index = year * 12 + i64::from(month) - 1 - 11;
        Period {
            from: format!("{:04}-{:02}", index / 12, index % 12 + 1),
            to: format!("{year:04}-{month:02}"),
        }
    }

    pub fn from(&self) -> &str {
        &self.from
    }

    pub fn to(&self) -> &str {
        &self.to
    }

    /// The month key of a time in milliseconds.
    pub fn month_of(day: crate::Day) -> String {
        let (y, m, _) = day.ymd();
        format!("{y:04}-{m:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_cover_minus_one_to_23() {
        for age in -1..=23 {
            assert!(AgeBand::of_age(age).is_some(), "{age}");
        }
        assert_eq!(AgeBand::of_age(24), None);
        assert_eq!(AgeBand::of_age(-1), Some(AgeBand::Early));
        for b in AgeBand::ALL {
            assert_eq!(AgeBand::from_code(b.code()), Some(b));
        }
    }

    #[test]
    fn periods_parse_and_refuse() {
        assert!(Period::parse("2025-01", "2025-12").is_ok());
        assert_eq!(
            Period::parse("2025-13", "2025-12"),
            Err(PeriodError::BadMonth)
        );
        assert_eq!(
            Period::parse("2025-1", "2025-12"),
            Err(PeriodError::BadMonth)
        );
        assert_eq!(
            Period::parse("2025-05", "2025-04"),
            Err(PeriodError::Reversed)
        );
        let p = Period::last_twelve(2025, 3);
        assert_eq!((p.from(), p.to()), ("2024-04", "2025-03"));
        let p = Period::last_twelve(2025, 12);
        assert_eq!((p.from(), p.to()), ("2025-01", "2025-12"));
    }
}
