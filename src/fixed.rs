//! `{:.2}` for an `f32`, without `core`'s float formatting.
//!
//! The one float a reason prints (a link farm's link density) pulled in
//! `core::fmt::float` (Grisu with its Dragon4 fallback and big-number
//! arithmetic): about 9 KB of the gzipped Wasm. `Fixed2(x)` prints exactly
//! what `format!("{x:.2}")` prints, for every `f32` (checked over all of them
//! in [0, 2] and a spread of the rest; see the tests): the value scaled by
//! 100 is exact in `f64`, and `{:.2}` rounds that exact value to the nearest
//! integer, ties to even.

use std::fmt::{self, Write};

/// Formats like `{:.2}`.
#[derive(Debug, Clone, Copy)]
pub struct Fixed2(pub f32);

impl fmt::Display for Fixed2 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.0;
        if x.is_nan() {
            return f.write_str("NaN");
        }
        let sign = if x.is_sign_negative() { "-" } else { "" };
        let a = x.abs();
        if a.is_infinite() {
            f.write_str(sign)?;
            return f.write_str("inf");
        }
        f.write_str(sign)?;
        if a < 16_777_216.0 {
            // Below 2^24, a * 100 < 2^31 needs at most 31 significant bits:
            // exact in f64.
            let hundredths = ((a as f64) * 100.0).round_ties_even() as u32;
            return write!(f, "{}.{:02}", hundredths / 100, hundredths % 100);
        }
        // From 2^24 up, a is the whole number m * 2^e (m < 2^24, e >= 1, a <
        // 2^128): double m's decimal digits e times. No 128-bit arithmetic,
        // which would cost more code than this.
        let bits = a.to_bits();
        let e = (bits >> 23) - 150;
        let mut m = (bits & 0x7f_ffff) | 0x80_0000;
        // Little-endian decimal digits; 2^128 has 39.
        let mut digits = [0u8; 40];
        let mut len = 0;
        while m > 0 {
            digits[len] = (m % 10) as u8;
            m /= 10;
            len += 1;
        }
        for _ in 0..e {
            let mut carry = 0;
            for d in &mut digits[..len] {
                let v = *d * 2 + carry;
                *d = v % 10;
                carry = v / 10;
            }
            if carry > 0 {
                digits[len] = carry;
                len += 1;
            }
        }
        for &d in digits[..len].iter().rev() {
            f.write_char(char::from(b'0' + d))?;
        }
        f.write_str(".00")
    }
}

#[cfg(test)]
mod tests {
    use super::Fixed2;

    fn same(x: f32) {
        assert_eq!(
            Fixed2(x).to_string(),
            format!("{x:.2}"),
            "{:#x}",
            x.to_bits()
        );
    }

    #[test]
    fn prints_what_the_std_formatter_prints() {
        for x in [
            0.0,
            -0.0,
            0.005,
            0.015,
            0.125,
            0.375,
            0.625,
            0.995,
            1.0,
            0.285,
            0.3,
            1e-45,
            0.004999,
            16_777_215.0,
            16_777_216.0,
            f32::MAX,
            f32::MIN,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NAN,
        ] {
            same(x);
        }
        // Every k / 8 (exact ties in hundredths) below 4096, and a spread of
        // bit patterns over the whole range.
        for k in 0..32_768u32 {
            same(k as f32 / 8.0);
        }
        for bits in (0..=u32::MAX).step_by(4093) {
            same(f32::from_bits(bits));
        }
    }

    /// Every f32 in [0, 2] and its negative (about 2 * 1.07e9 values; a few
    /// minutes in release): `cargo test --release --lib fixed -- --ignored`.
    #[test]
    #[ignore]
    fn prints_what_the_std_formatter_prints_on_all_of_0_to_2() {
        let mut a = String::new();
        let mut b = String::new();
        for bits in 0..=2.0f32.to_bits() {
            for x in [f32::from_bits(bits), -f32::from_bits(bits)] {
                use std::fmt::Write;
                a.clear();
                b.clear();
                write!(a, "{}", Fixed2(x)).unwrap();
                write!(b, "{x:.2}").unwrap();
                assert_eq!(a, b, "{:#x}", x.to_bits());
            }
        }
    }
}
