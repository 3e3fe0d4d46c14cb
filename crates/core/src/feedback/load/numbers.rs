//! The numeric parts of a pack: age bands with cut-offs, the reliable-change
//! threshold with what it assumes, and alert thresholds.

use crate::feedback::change::rci_threshold;
use crate::feedback::pack::{AgeBand, ReliableChange};
use crate::feedback::pack_error::PackError;
use crate::feedback::score::Tenths;

use super::raw::{RawBand, RawNumber, RawReliableChange};
use super::{MAX_AGE, RCI_TOLERANCE};

/// Bands sorted by age, each within 0–[`MAX_AGE`], with no overlap and no gap.
pub(super) fn check_bands(
    at: &str,
    raw: Vec<RawBand>,
    max_total: Tenths,
) -> Result<Vec<AgeBand>, PackError> {
    let mut bands = Vec::with_capacity(raw.len());
    for band in raw {
        let band_at = format!("{at}.bands.{}-{}", band.from_age, band.to_age);
        let age = |age: i64| {
            u8::try_from(age)
                .ok()
                .filter(|a| *a <= MAX_AGE)
                .ok_or_else(|| PackError::AgeOutOfRange {
                    at: band_at.clone(),
                    age,
                    max: MAX_AGE,
                })
        };
        let (from_age, to_age) = (age(band.from_age)?, age(band.to_age)?);
        if from_age > to_age {
            return Err(PackError::BandReversed {
                at: band_at,
                from_age,
                to_age,
            });
        }
        // A cut-off of 0 would put nobody in the clinical range.
        let cutoff = points(
            &format!("{band_at}.cutoff"),
            band.cutoff,
            Tenths::new(1),
            max_total,
        )?;
        bands.push(AgeBand {
            from_age,
            to_age,
            cutoff,
        });
    }
    bands.sort_by_key(|b| (b.from_age, b.to_age));
    for pair in bands.windows(2) {
        let [first, second] = pair else { continue };
        if second.from_age <= first.to_age {
            return Err(PackError::BandsOverlap {
                at: format!("{at}.bands"),
                first: format!("{}–{}", first.from_age, first.to_age),
                second: format!("{}–{}", second.from_age, second.to_age),
            });
        }
        if second.from_age > first.to_age + 1 {
            return Err(PackError::BandsGap {
                at: format!("{at}.bands"),
                from_age: first.to_age + 1,
                to_age: second.from_age - 1,
            });
        }
    }
    Ok(bands)
}

pub(super) fn check_reliable_change(
    at: &str,
    raw: RawReliableChange,
    max_total: Tenths,
) -> Result<ReliableChange, PackError> {
    let one = Tenths::new(1);
    let sd = points(&format!("{at}.sd"), raw.sd, one, max_total)?;
    let reliability_milli = reliability(&format!("{at}.reliability"), raw.reliability)?;
    let threshold = points(&format!("{at}.threshold"), raw.threshold, one, max_total)?;
    let computed = rci_threshold(sd, reliability_milli);
    if threshold.get().abs_diff(computed.get()) > RCI_TOLERANCE.get() {
        return Err(PackError::RciMismatch {
            at: format!("{at}.threshold"),
            stated: threshold,
            computed,
        });
    }
    Ok(ReliableChange {
        threshold,
        sd,
        reliability_milli,
    })
}

/// A reliability strictly between 0 and 1 with at most three decimals, in
/// thousandths. 1 would mean no measurement error and a threshold of 0.
pub(super) fn reliability(at: &str, raw: RawNumber) -> Result<u16, PackError> {
    let milli = match raw {
        RawNumber::Float(f) if f.is_finite() => {
            let x = f * 1000.0;
            let rounded = x.round();
            ((x - rounded).abs() < 1e-6 && rounded > 0.0 && rounded < 1000.0)
                .then_some(rounded as u16)
        }
        _ => None,
    };
    milli.ok_or_else(|| PackError::BadReliability {
        at: at.into(),
        value: raw.show(),
    })
}

/// A score written in points, as tenths within `min..=max`.
pub(super) fn points(
    at: &str,
    raw: RawNumber,
    min: Tenths,
    max: Tenths,
) -> Result<Tenths, PackError> {
    let tenths = raw.tenths().ok_or_else(|| PackError::NotTenths {
        at: at.into(),
        value: raw.show(),
    })?;
    u16::try_from(tenths)
        .ok()
        .map(Tenths::new)
        .filter(|t| (min..=max).contains(t))
        .ok_or_else(|| PackError::OutOfRange {
            at: at.into(),
            value: raw.show(),
            min,
            max,
        })
}
