//! What stands in a bank button's logo box before and instead of the logo: the bank's initial on a colour of its
//! own. QPay's logos live on QPay's servers; when one cannot load (offline, a moved file), a button of only a name
//! is hard to find among 23, and an empty box looks broken. The letter and the colour need no picture and no
//! script, so they are there from the first paint.

/// How many background tones the stylesheet has for the box (`.bank-logo[data-tone="0"]` … `"7"` in
/// `style/main.css`), each dark enough for the white letter (tested below).
pub const TONES: usize = 8;

/// The initial a bank's box shows: the first letter or digit of its name, upper-case (`"Хаан банк"` → `"Х"`);
/// `"?"` for a name without one, so the box is never blank. One character, whatever the name: an upper-case form
/// that is two letters (`ß` → `SS`) keeps its first.
pub fn initial(name: &str) -> String {
    name.chars()
        .find(|c| c.is_alphanumeric())
        .and_then(|c| c.to_uppercase().next())
        .unwrap_or('?')
        .to_string()
}

/// The box's tone, `0..TONES`, from the name alone (FNV-1a of its bytes): the same bank keeps its colour on every
/// page and after every restart, without a table of banks to keep up with QPay's list, which grows.
pub fn tone(name: &str) -> usize {
    let hash = name.trim().bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    });
    hash as usize % TONES
}

#[cfg(test)]
mod tests {
    use super::{TONES, initial, tone};

    #[test]
    fn the_initial_is_the_names_first_letter_in_upper_case() {
        for (name, expected) in [
            ("Хаан банк", "Х"),
            ("most money", "M"),
            ("qPay хэтэвч", "Q"),
            ("  Үндэсний хөрөнгө оруулалтын банк", "Ү"),
            ("TDB online", "T"),
            ("\"Pass.mn\"", "P"),
            ("3.0 bank", "3"),
            ("straße", "S"),
            ("ßank", "S"),
            ("", "?"),
            ("  ", "?"),
            ("…", "?"),
        ] {
            assert_eq!(initial(name), expected, "{name:?}");
        }
    }

    /// The descriptions QPay's 2026 list gives (`../shared/qpay/SPEC.md` §8), as the pay page shows them.
    const QPAY_NAMES: [&str; 23] = [
        "qPay хэтэвч",
        "Хаан банк",
        "Төрийн банк 3.0",
        "Хас банк",
        "TDB online",
        "Голомт банк",
        "МОСТ мони",
        "Үндэсний хөрөнгө оруулалтын банк",
        "Чингис Хаан банк",
        "Капитрон банк",
        "Богд банк",
        "Тээвэр хөгжлийн банк",
        "М банк",
        "Ард Апп",
        "Toki App",
        "Ариг банк",
        "Мон Пэй",
        "Hipay",
        "Happy Pay MN",
        "Sono",
        "PayOn",
        "Tino",
        "Pass.mn",
    ];

    #[test]
    fn a_bank_keeps_its_tone_and_the_banks_spread_over_the_palette() {
        // Pinned: a changed hash would recolour every bank between two visits.
        assert_eq!(tone("Хаан банк"), 1);
        assert_eq!(tone("TDB online"), 0);
        assert_eq!(tone(" Хаан банк "), tone("Хаан банк"));
        let mut used = [false; TONES];
        for name in QPAY_NAMES {
            used[tone(name)] = true;
        }
        let used = used.iter().filter(|u| **u).count();
        assert!(used >= 6, "QPay's 23 banks use only {used} of the {TONES} tones");
    }

    /// WCAG's relative luminance of `#rrggbb`.
    fn luminance(hex: &str) -> f64 {
        let channel = |at: usize| {
            let c = f64::from(u8::from_str_radix(&hex[at..at + 2], 16).unwrap()) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    /// Every tone the stylesheet has for the box holds the white initial at AA's 4.5:1 (it is bold, but smaller
    /// than AA's "large text").
    #[test]
    fn every_tone_in_the_stylesheet_is_dark_enough_for_white_text() {
        let css = include_str!("../../style/main.css");
        for at in 0..TONES {
            let rule = format!(".bank-logo[data-tone=\"{at}\"]");
            let start = css
                .find(&rule)
                .unwrap_or_else(|| panic!("style/main.css has no {rule}"));
            let rest = &css[start..];
            let background = rest.find("background:").map(|b| rest[b + 11..].trim_start()).unwrap();
            let hex = &background[..7];
            assert!(hex.starts_with('#'), "{rule}: the background is one #rrggbb, not {hex}");
            let contrast = 1.05 / (luminance(hex) + 0.05);
            assert!(contrast >= 4.5, "{rule} {hex}: {contrast:.2}:1 against white");
        }
    }
}
