//! Random secrets and ids: shopper ids, checkout keys, order view keys, callback tokens.

use rand::{Rng, distr::Alphanumeric};

/// `len` random letters and digits from the thread's CSPRNG (seeded by the operating system); 32 of them carry
/// about 190 bits.
pub fn token(len: usize) -> String {
    rand::rng()
        .sample_iter(&Alphanumeric)
        .take(len)
        .map(char::from)
        .collect()
}

/// `len` random decimal digits, each of the ten equally likely (a code sent by SMS).
pub fn digits(len: usize) -> String {
    let mut rng = rand::rng();
    (0..len).map(|_| char::from(b'0' + rng.random_range(0..10u8))).collect()
}
