//! The key that signs the access log's checkpoints and the public keys that
//! check them. Ed25519 in the PEM forms openssl writes (`openssl genpkey
//! -algorithm ed25519`; `openssl pkey -pubout` for the public half), so an
//! operator can make and keep keys with tools they already trust.

use anyhow::Context;
use aws_lc_rs::signature::{ED25519, Ed25519KeyPair, KeyPair, UnparsedPublicKey};
use ettlag_core::audit::checkpoint::{Checkpoint, SignedCheckpoint};

/// The DER prefix of an Ed25519 public key in a SubjectPublicKeyInfo
/// (RFC 8410): the algorithm id 1.3.101.112 and a 32-byte bit string.
const SPKI_PREFIX: [u8; 12] = [
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
];

/// The private key, held only by the processes that sign.
pub struct SigningKey {
    pair: Ed25519KeyPair,
    public: PublicKey,
}

impl SigningKey {
    /// Reads a `PRIVATE KEY` PEM (PKCS#8 v1 or v2).
    pub fn from_pem(text: &str) -> anyhow::Result<SigningKey> {
        let block = pem::parse(text.trim()).context("the signing key is not PEM")?;
        anyhow::ensure!(
            block.tag() == "PRIVATE KEY",
            "the signing key must be a PRIVATE KEY PEM (openssl genpkey -algorithm ed25519), not {}",
            block.tag()
        );
        let pair = Ed25519KeyPair::from_pkcs8(block.contents())
            .map_err(|why| anyhow::anyhow!("the signing key is not an Ed25519 key: {why}"))?;
        let public = PublicKey::from_raw(pair.public_key().as_ref())?;
        Ok(SigningKey { pair, public })
    }

    /// A new key, and its PEM to keep.
    pub fn generate() -> anyhow::Result<(SigningKey, String)> {
        let pair =
            Ed25519KeyPair::generate().map_err(|_| anyhow::anyhow!("could not make a key"))?;
        let der = pair
            .to_pkcs8v1()
            .map_err(|_| anyhow::anyhow!("could not encode the key"))?;
        let text = pem::encode_config(
            &pem::Pem::new("PRIVATE KEY", der.as_ref().to_vec()),
            pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
        );
        Ok((SigningKey::from_pem(&text)?, text))
    }

    pub fn public(&self) -> &PublicKey {
        &self.public
    }

    pub fn sign(&self, checkpoint: Checkpoint) -> SignedCheckpoint {
        let signature = self.pair.sign(&checkpoint.message());
        SignedCheckpoint {
            checkpoint,
            key_id: self.public.id.clone(),
            signature: hex::encode(signature.as_ref()),
        }
    }
}

/// A public key, named by the first 16 hex digits of its SHA-256, which
/// each checkpoint carries so that a verifier with several keys (after a
/// change of key) knows which one to use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKey {
    raw: Vec<u8>,
    id: String,
}

impl PublicKey {
    fn from_raw(raw: &[u8]) -> anyhow::Result<PublicKey> {
        anyhow::ensure!(raw.len() == 32, "an Ed25519 public key has 32 bytes");
        let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, raw);
        Ok(PublicKey {
            raw: raw.to_vec(),
            id: hex::encode(&digest.as_ref()[..8]),
        })
    }

    /// Reads a `PUBLIC KEY` PEM, or takes the public half of a `PRIVATE
    /// KEY` PEM.
    pub fn from_pem(text: &str) -> anyhow::Result<PublicKey> {
        let block = pem::parse(text.trim()).context("the public key is not PEM")?;
        match block.tag() {
            "PUBLIC KEY" => {
                let der = block.contents();
                anyhow::ensure!(
                    der.len() == 44 && der[..12] == SPKI_PREFIX,
                    "the public key is not an Ed25519 key"
                );
                PublicKey::from_raw(&der[12..])
            }
            "PRIVATE KEY" => Ok(SigningKey::from_pem(text)?.public),
            other => anyhow::bail!("expected a PUBLIC KEY PEM, not {other}"),
        }
    }

    pub fn to_pem(&self) -> String {
        let mut der = SPKI_PREFIX.to_vec();
        der.extend_from_slice(&self.raw);
        pem::encode_config(
            &pem::Pem::new("PUBLIC KEY", der),
            pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
        )
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    /// Whether the checkpoint is exactly as this key signed it.
    pub fn verifies(&self, signed: &SignedCheckpoint) -> bool {
        let Ok(signature) = hex::decode(&signed.signature) else {
            return false;
        };
        signed.key_id == self.id
            && UnparsedPublicKey::new(&ED25519, &self.raw)
                .verify(&signed.checkpoint.message(), &signature)
                .is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checkpoint() -> Checkpoint {
        Checkpoint {
            tenant_id: "t1".into(),
            seq: 12,
            hash: "ab".repeat(32),
            at_ms: 1_700_000_000_000,
        }
    }

    #[test]
    fn a_signed_checkpoint_verifies_with_the_public_key_read_back_from_pem() {
        let (key, _) = SigningKey::generate().expect("key");
        let public = PublicKey::from_pem(&key.public().to_pem()).expect("public");
        assert_eq!(&public, key.public());
        assert!(public.verifies(&key.sign(checkpoint())));
    }

    #[test]
    fn a_changed_checkpoint_does_not_verify() {
        let (key, _) = SigningKey::generate().expect("key");
        let mut signed = key.sign(checkpoint());
        signed.checkpoint.seq = 11;
        assert!(!key.public().verifies(&signed));
    }

    #[test]
    fn another_key_does_not_verify() {
        let (key, _) = SigningKey::generate().expect("key");
        let (other, _) = SigningKey::generate().expect("key");
        let mut signed = other.sign(checkpoint());
        assert!(!key.public().verifies(&signed));
        // Not even when the forger writes the right key id.
        signed.key_id = key.public().id().to_string();
        assert!(!key.public().verifies(&signed));
    }

    #[test]
    fn a_key_written_as_pem_reads_back_with_the_same_public_half() {
        let (key, text) = SigningKey::generate().expect("key");
        let again = SigningKey::from_pem(&text).expect("read back");
        assert_eq!(again.public(), key.public());
        assert_eq!(PublicKey::from_pem(&text).expect("public"), *key.public());
    }

    #[test]
    fn an_openssl_key_is_read() {
        // `openssl genpkey -algorithm ed25519` (PKCS#8 v1), a key made for this test only.
        let text = "-----BEGIN PRIVATE KEY-----\n\
                    MC4CAQAwBQYDK2VwBCIEIFI4lZ2QN67BgVrkk+s/hRBlZscT3EkFIhT+CeNOYiPJ\n\
                    -----END PRIVATE KEY-----\n";
        let key = SigningKey::from_pem(text).expect("openssl key");
        assert!(key.public().verifies(&key.sign(checkpoint())));
    }

    #[test]
    fn what_is_not_an_ed25519_key_is_refused_with_a_reason() {
        assert!(SigningKey::from_pem("not a key").is_err());
        let (key, _) = SigningKey::generate().expect("key");
        let public_only = key.public().to_pem();
        let err = SigningKey::from_pem(&public_only).err().expect("refused");
        assert!(err.to_string().contains("PRIVATE KEY"), "{err}");
    }
}
