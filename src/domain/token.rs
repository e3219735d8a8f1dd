//! Random identifiers and secrets, and comparing secrets in constant time.
//!
//! Tokens carry 160 random bits from the operating system. Join codes avoid characters that
//! look alike on a slide (0/O, 1/I/L, 2/Z, 5/S, 8/B, 6/G) so people can type them.

/// Lowercase base32 without padding (RFC 4648 alphabet): URL-safe and case-insensitive.
const BASE32: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
/// Characters of a join code: upper case, no look-alikes.
pub const CODE_ALPHABET: &[u8] = b"ACDEFHJKMNPQRTUVWXY3479";
/// Characters in a join code.
pub const CODE_LEN: usize = 6;

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut buf = [0u8; N];
    // The OS random source failing is not something a server can recover from.
    getrandom::fill(&mut buf).expect("operating system random source unavailable");
    buf
}

fn base32(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 5 + 1);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(BASE32[((acc >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(BASE32[((acc << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// A secret token: 160 random bits as 32 base32 characters.
pub fn new_token() -> String {
    base32(&random_bytes::<20>())
}

/// A token derived from a session's secret for one use (a table's discussion leader's link):
/// HMAC-SHA256 of `context` keyed by `secret`, cut to 160 bits like every other token. Nothing
/// new is stored, the same link can be handed out again, and it tells nothing of `secret`.
pub fn derived_token(secret: &str, context: &str) -> String {
    use hmac::{KeyInit, Mac};
    // HMAC takes a key of any length, so this never fails; were it to, a fresh random token
    // matches no link (fails closed) rather than panicking on a request.
    let Ok(mut mac) = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()) else {
        return new_token();
    };
    mac.update(context.as_bytes());
    let out = mac.finalize().into_bytes();
    base32(&out[..20])
}

/// A session id: 60 random bits, not a secret (tokens guard everything), but not guessable.
pub fn new_session_id() -> String {
    let mut id = base32(&random_bytes::<8>());
    id.truncate(12);
    id
}

/// A join code of [`CODE_LEN`] characters from [`CODE_ALPHABET`].
pub fn new_join_code() -> String {
    random_bytes::<CODE_LEN>()
        .iter()
        .map(|b| {
            // 256 is not a multiple of the alphabet size; the tiny bias does not matter for a
            // code that is checked against the database and protected by rate limits.
            CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()] as char
        })
        .collect()
}

/// What a person typed, as a code: upper case, spaces and dashes removed.
pub fn normalize_code(raw: &str) -> String {
    raw.chars().filter(|c| !c.is_whitespace() && *c != '-').flat_map(char::to_uppercase).collect()
}

/// Compares two secrets without an early exit, so timing does not reveal a common prefix.
pub fn ct_eq(a: &str, b: &str) -> bool {
    // Lengths are not secret (every token has the same); the bytes are compared in full.
    subtle::ConstantTimeEq::ct_eq(a.as_bytes(), b.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_and_distinct() {
        let a = new_token();
        let b = new_token();
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
        assert!(a.bytes().all(|c| BASE32.contains(&c)));
    }

    #[test]
    fn derived_tokens_are_stable_distinct_and_token_shaped() {
        let a = derived_token("secret", "leader\0Bord 1");
        assert_eq!(a, derived_token("secret", "leader\0Bord 1"));
        assert_ne!(a, derived_token("secret", "leader\0Bord 2"));
        assert_ne!(a, derived_token("other", "leader\0Bord 1"));
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| BASE32.contains(&c)));
    }

    #[test]
    fn codes_avoid_lookalikes() {
        for _ in 0..200 {
            let code = new_join_code();
            assert_eq!(code.len(), CODE_LEN);
            assert!(!code.contains(['0', 'O', '1', 'I', 'L', '2', 'Z', '5', 'S', '8', 'B']));
        }
    }

    #[test]
    fn normalize_code_accepts_what_people_type() {
        assert_eq!(normalize_code(" k7m-x3r "), "K7MX3R");
    }

    #[test]
    fn ct_eq_compares() {
        assert!(ct_eq("abc", "abc"));
        assert!(!ct_eq("abc", "abd"));
        assert!(!ct_eq("abc", "abcd"));
    }

    #[test]
    fn base32_encodes_known_value() {
        assert_eq!(base32(b"f"), "my");
        assert_eq!(base32(b"foobar"), "mzxw6ytboi");
    }
}
