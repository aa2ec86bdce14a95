//! Decoding of RFC 3339 date-times: the shape servers send, `2020-05-01T12:23:02Z` or with a
//! fraction and a numeric offset, is read by hand; anything else goes to chrono's `FromStr`, so
//! the strings accepted, the values and the error messages are chrono's own.
//!
//! chrono's `Deserialize` for `DateTime<Utc>` runs its general, lenient parser (spaces between
//! fields, one-digit fields, `UTC`, signed years), which was a tenth of decoding a list of images.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::de::{self, DeserializeSeed, Deserializer, Visitor};

/// Reads a date-time as chrono's `Deserialize` for `DateTime<Utc>` does, only faster.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Rfc3339;

impl<'de> DeserializeSeed<'de> for Rfc3339 {
    type Value = DateTime<Utc>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<DateTime<Utc>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for Rfc3339 {
    type Value = DateTime<Utc>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // chrono's words, so that a wrong type reads as it did before.
        f.write_str("an RFC 3339 formatted date and time string")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<DateTime<Utc>, E> {
        parse_date_time(value).map_err(E::custom)
    }
}

/// `text` as a date-time in UTC, exactly as `text.parse::<DateTime<Utc>>()` gives it.
pub(crate) fn parse_date_time(text: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    match common_shape(text.as_bytes()) {
        Some(value) => Ok(value),
        None => text.parse(),
    }
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` with every field in range, or `None` for
/// anything else, including what chrono accepts in its own way (a leap second `60`, `t`, `z`,
/// a space, spaces around fields, `UTC`, trailing spaces, signed years, an offset without colon).
fn common_shape(text: &[u8]) -> Option<DateTime<Utc>> {
    let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2, b'T', h1, h2, b':', i1, i2, b':', s1, s2, rest @ ..] =
        text
    else {
        return None;
    };
    let year = two_digits(*y1, *y2)? * 100 + two_digits(*y3, *y4)?;
    let date = NaiveDate::from_ymd_opt(year as i32, two_digits(*m1, *m2)?, two_digits(*d1, *d2)?)?;
    let (nanosecond, rest) = match rest {
        [b'.', fraction @ ..] => {
            let digits = fraction.iter().take_while(|byte| byte.is_ascii_digit()).count();
            if digits == 0 {
                return None;
            }
            // chrono keeps nine digits and skips the rest.
            let kept = fraction.get(..digits.min(9))?;
            let value = kept.iter().fold(0, |value, digit| value * 10 + u32::from(digit - b'0'));
            let scale = 10u32.pow(9 - kept.len() as u32);
            (value * scale, fraction.get(digits..)?)
        }
        _ => (0, rest),
    };
    let offset_seconds = match rest {
        [b'Z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (hours, minutes) = (two_digits(*h1, *h2)?, two_digits(*m1, *m2)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let seconds = (hours * 3600 + minutes * 60) as i32;
            if *sign == b'-' {
                -seconds
            } else {
                seconds
            }
        }
        _ => return None,
    };
    let (hour, minute, second) =
        (two_digits(*h1, *h2)?, two_digits(*i1, *i2)?, two_digits(*s1, *s2)?);
    // chrono reads second 60 as a leap second, which it has its own rules for.
    if second > 59 {
        return None;
    }
    let local = date.and_time(NaiveTime::from_hms_nano_opt(hour, minute, second, nanosecond)?);
    let utc = local.checked_sub_offset(FixedOffset::east_opt(offset_seconds)?)?;
    Some(Utc.from_utc_datetime(&utc))
}

fn two_digits(tens: u8, ones: u8) -> Option<u32> {
    if tens.is_ascii_digit() && ones.is_ascii_digit() {
        Some(u32::from(tens - b'0') * 10 + u32::from(ones - b'0'))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::{common_shape, parse_date_time};
    use chrono::{DateTime, Utc};

    /// The fast path must take a string only where chrono does, to the same value; the whole
    /// parse must be chrono's in every case, errors included.
    fn agrees(text: &str) {
        let chrono = text.parse::<DateTime<Utc>>();
        if let Some(fast) = common_shape(text.as_bytes()) {
            assert_eq!(chrono, Ok(fast), "the fast path took {text:?}");
        }
        let ours = parse_date_time(text);
        assert_eq!(ours, chrono, "for {text:?}");
        assert_eq!(
            ours.map_err(|e| e.to_string()),
            chrono.map_err(|e| e.to_string()),
            "for {text:?}"
        );
    }

    #[test]
    fn the_common_shapes_take_the_fast_path() {
        for text in [
            "2020-05-01T12:23:02Z",
            "2020-05-01T12:23:02.5Z",
            "2020-05-01T12:23:02.123456789Z",
            "2020-05-01T12:23:02.1234567891234Z",
            "2020-05-01T12:23:02+05:30",
            "2020-05-01T12:23:02.001-08:00",
            "0000-01-01T00:00:00+23:59",
            "9999-12-31T23:59:59.999999999-23:59",
            "2024-02-29T00:00:00Z",
        ] {
            assert!(common_shape(text.as_bytes()).is_some(), "{text}");
            agrees(text);
        }
        let parsed = parse_date_time("2020-05-01T12:23:02.25+01:30").unwrap();
        assert_eq!(parsed.to_rfc3339(), "2020-05-01T10:53:02.250+00:00");
    }

    #[test]
    fn edge_cases_are_chronos() {
        for text in [
            // What chrono accepts its own way.
            "2020-05-01t12:23:02z",
            "2020-05-01 12:23:02Z",
            "2020-05-01T12:23:60Z",
            "2016-12-31T23:59:60.5Z",
            "2020-05-01T12:23:02 Z",
            "2020-05-01T12:23:02Z ",
            "2020-05-01T12:23:02UTC",
            "2020-05-01T12:23:02utc",
            "2020-05-01T12:23:02+0530",
            "2020-05-01T12:23:02+05",
            "2020-05-01T12:23:02\u{2212}05:00",
            "+2020-05-01T12:23:02Z",
            "-0001-05-01T12:23:02Z",
            "+12020-05-01T12:23:02Z",
            "2020-5-1T1:2:3Z",
            " 2020-05-01T12:23:02Z",
            "2020 - 05 - 01T12 : 23 : 02Z",
            // Out of range or impossible.
            "2021-02-29T00:00:00Z",
            "2020-13-01T00:00:00Z",
            "2020-00-01T00:00:00Z",
            "2020-04-31T00:00:00Z",
            "2020-05-00T00:00:00Z",
            "2020-05-01T24:00:00Z",
            "2020-05-01T23:60:00Z",
            "2020-05-01T23:59:61Z",
            "2020-05-01T12:23:02+24:00",
            "2020-05-01T12:23:02+99:99",
            "2020-05-01T12:23:02+23:60",
            "2020-05-01T12:23:02-00:00",
            "0000-01-01T00:00:00+00:01",
            "9999-12-31T23:59:59-00:01",
            // Cut short, too long, or not a date-time at all.
            "",
            "2020",
            "2020-05-01",
            "2020-05-01T",
            "2020-05-01T12:23",
            "2020-05-01T12:23:02",
            "2020-05-01T12:23:02.",
            "2020-05-01T12:23:02.Z",
            "2020-05-01T12:23:02.5",
            "2020-05-01T12:23:02+05:3",
            "2020-05-01T12:23:02+05:",
            "2020-05-01T12:23:02ZZ",
            "2020-05-01T12:23:02Z0",
            "2020-05-01T12:23:02+05:300",
            "2020-05-01T12:23:02.5.5Z",
            "2020-05-01X12:23:02Z",
            "2020/05/01T12:23:02Z",
            // Not ASCII where digits or separators belong.
            "２０２０-05-01T12:23:02Z",
            "2020-05-01T12:23:02.٣Z",
            "2020-05-01T12:23:02é",
            "2020-05-01T12:23:02+0é:00",
            "2020-05-01T12:23:0\u{0}Z",
            "😀😀😀😀😀",
        ] {
            agrees(text);
        }
        let huge_fraction = format!("2020-05-01T12:23:02.{}Z", "9".repeat(100_000));
        agrees(&huge_fraction);
        assert!(common_shape(huge_fraction.as_bytes()).is_some());
        agrees(&format!("2020-05-01T12:23:02.{}", "1".repeat(100_000)));
    }

    /// Small and deterministic, so that a failure names a string anyone can rerun.
    struct Xorshift(u64);

    impl Xorshift {
        fn next(&mut self, below: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % below as u64) as usize
        }
    }

    #[test]
    fn a_sweep_of_dates_offsets_and_mutations_agrees() {
        // Every day of a leap and a common year and the turns of centuries, at times and
        // offsets that move the date across a day, a month and a year.
        for year in [1900, 1999, 2000, 2023, 2024, 2100] {
            for month in 1..=12 {
                for day in [1, 28, 29, 30, 31] {
                    for (time, offset) in [
                        ("00:00:00", "+01:00"),
                        ("23:59:59.999", "-00:30"),
                        ("12:00:00.000000001", "Z"),
                        ("00:30:00", "+23:59"),
                        ("23:30:00", "-23:59"),
                    ] {
                        agrees(&format!("{year:04}-{month:02}-{day:02}T{time}{offset}"));
                    }
                }
            }
        }
        // Each template with bytes replaced, inserted and removed at random places.
        let templates = ["2020-05-01T12:23:02Z", "1999-12-31T23:59:59.123456+05:30"];
        let alphabet: Vec<char> = "0123456789-+:.TtZz 9U\u{2212}é".chars().collect();
        let mut random = Xorshift(0x9E37_79B9_7F4A_7C15);
        for template in templates {
            for _ in 0..20_000 {
                let mut text: Vec<char> = template.chars().collect();
                for _ in 0..1 + random.next(3) {
                    let at = random.next(text.len() + 1);
                    let with = alphabet[random.next(alphabet.len())];
                    match random.next(3) {
                        0 if at < text.len() => text[at] = with,
                        1 => text.insert(at, with),
                        _ if at < text.len() => {
                            text.remove(at);
                        }
                        _ => {}
                    }
                }
                agrees(&text.into_iter().collect::<String>());
            }
        }
    }
}
