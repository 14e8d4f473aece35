//! Finding an order again (`/orders/find`): the rules of the code an SMS carries. A code is six digits,
//! lives ten minutes and may be tried five times; a phone and a network address may ask for only so many codes.

use crate::i18n::Lang;

/// Digits in a code.
pub const CODE_DIGITS: usize = 6;
/// How long a code opens its order.
pub const CODE_MINUTES: i64 = 10;
/// Tries of one code; the sixth, even with the right code, is refused.
pub const CODE_TRIES: i64 = 5;

/// The code as typed, with spaces and dashes a shopper might copy from the SMS left out; `None` unless six digits.
pub fn parse_code(typed: &str) -> Option<String> {
    let code: String = typed.chars().filter(|c| !matches!(c, ' ' | '-' | '\u{a0}')).collect();
    (code.len() == CODE_DIGITS && code.chars().all(|c| c.is_ascii_digit())).then_some(code)
}

/// The SMS that carries a code: one UCS-2 segment in either language.
pub fn code_sms(order_no: &str, code: &str, lang: Lang) -> String {
    lang.messages()
        .find_code_sms
        .replace("{order_no}", order_no)
        .replace("{minutes}", &CODE_MINUTES.to_string())
        .replace("{code}", code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::notice::segments;

    #[test]
    fn a_code_is_six_digits_however_it_is_copied() {
        let cases = [
            ("123456", Some("123456")),
            (" 123 456 ", Some("123456")),
            ("123-456", Some("123456")),
            ("12345", None),
            ("1234567", None),
            ("12345a", None),
            ("١٢٣٤٥٦", None),
            ("", None),
        ];
        for (typed, expected) in cases {
            assert_eq!(parse_code(typed).as_deref(), expected, "{typed:?}");
        }
    }

    #[test]
    fn the_code_sms_is_one_segment_and_starts_with_the_code() {
        for lang in Lang::ALL {
            let text = code_sms("WWWWWWWW", "123456", lang);
            assert_eq!(segments(&text), 1, "{text}");
            assert!(text.starts_with("123456") && text.contains("WWWWWWWW"), "{text}");
        }
    }
}
