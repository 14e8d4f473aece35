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

/// The SMS that carries a code, after the shop's short name (which says who sends it): two UCS-2 segments at most
/// in either language.
pub fn code_sms(shop: &str, order_no: &str, code: &str, lang: Lang) -> String {
    let text = lang
        .messages()
        .find_code_sms
        .replace("{order_no}", order_no)
        .replace("{minutes}", &CODE_MINUTES.to_string())
        .replace("{code}", code);
    format!("{shop}: {text}")
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
    fn the_code_sms_names_the_shop_then_the_code_within_two_segments() {
        let shop = "Ш".repeat(crate::domain::shop_identity::SHORT_MAX);
        for lang in Lang::ALL {
            let text = code_sms(&shop, "WWWWWWWW", "123456", lang);
            assert!(segments(&text) <= 2, "{text}");
            assert!(
                text.starts_with(&format!("{shop}: 123456")) && text.contains("WWWWWWWW"),
                "{text}"
            );
        }
    }
}
