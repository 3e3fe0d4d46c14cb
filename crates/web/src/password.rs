//! Password hashing with Argon2id (the crate's defaults: 19 MiB, 2 passes),
//! always off the async threads because one hash takes tens of milliseconds.

use argon2::{Argon2, PasswordHasher, PasswordVerifier};

/// The shortest password a person may set.
pub const MIN_LENGTH: usize = 10;

/// Hashes a password into a PHC string.
pub async fn hash(password: &str) -> Result<String, String> {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| e.to_string())
    })
    .await
    .map_err(|e| e.to_string())?
}

/// Checks a password against a PHC string; a malformed hash never matches.
pub async fn verify(password: &str, phc: &str) -> bool {
    let (password, phc) = (password.to_string(), phc.to_string());
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .verify_password(password.as_bytes(), phc.as_str())
            .is_ok()
    })
    .await
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn hashes_verify_and_differ() {
        let a = super::hash("korrekt hest batteri").await.expect("hash");
        let b = super::hash("korrekt hest batteri").await.expect("hash");
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b, "each hash has its own salt");
        assert!(super::verify("korrekt hest batteri", &a).await);
        assert!(!super::verify("feil", &a).await);
        assert!(!super::verify("korrekt hest batteri", "not a hash").await);
    }
}
