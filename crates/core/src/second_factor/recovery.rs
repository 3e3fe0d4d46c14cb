//! Recovery codes: ten one-time codes shown once at enrolment, for the day
//! the phone with the app is lost. Each is 80 random bits written as sixteen
//! letters and digits of the base32 alphabet (no 0, 1, 8 or 9 to mistake for
//! O, I, B or g) in four groups: `abcd-efgh-ijkl-mnop`.
//!
//! Only a SHA-256 of a code is stored. A slow password hash (Argon2) guards
//! what people choose, which is guessable; these codes are random with 80
//! bits, so even a stolen copy of the hashes cannot be searched back to a
//! code (2^80 hashes), and a fast hash lets the store find a typed code by
//! its hash in one look-up.

use sha2::{Digest, Sha256};

/// How many codes an enrolment hands out.
pub const COUNT: usize = 10;
/// Random bytes behind one code.
pub const CODE_BYTES: usize = 10;

const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
/// Characters of a code without its dashes.
const LENGTH: usize = 16;

/// A code from 10 random bytes, as shown: `abcd-efgh-ijkl-mnop`.
pub fn format(bytes: &[u8; CODE_BYTES]) -> String {
    let mut bits: u128 = 0;
    for b in bytes {
        bits = (bits << 8) | u128::from(*b);
    }
    let chars: Vec<char> = (0..LENGTH)
        .rev()
        .map(|i| {
            let index = usize::try_from((bits >> (i * 5)) & 0x1f).unwrap_or(0);
            char::from(ALPHABET[index])
        })
        .collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// A typed code in the one form that is hashed: lower case, without spaces
/// and dashes. `None` when it cannot be a recovery code.
pub fn normalise(typed: &str) -> Option<String> {
    let compact: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let valid = compact.len() == LENGTH && compact.bytes().all(|b| ALPHABET.contains(&b));
    valid.then_some(compact)
}

/// The stored form of a code: the SHA-256 of its normal form, in hex.
/// `None` when the text cannot be a recovery code.
pub fn hash(typed: &str) -> Option<String> {
    normalise(typed).map(|code| hex::encode(Sha256::digest(code.as_bytes())))
}

/// Whether a typed answer looks like a code from the app (six digits)
/// rather than a recovery code.
pub fn looks_like_app_code(typed: &str) -> bool {
    let digits: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    digits.len() == usize::from(super::DIGITS) && digits.bytes().all(|b| b.is_ascii_digit())
}
