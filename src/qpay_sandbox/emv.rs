//! The `qr_text` QPay puts in every invoice: an EMVCo merchant-presented QR payload (SPEC.md §3.1, "qr_text
//! format"), and `qr_image`, a PNG of it. Real QR-decoding code must be able to read both.

use base64::{Engine, engine::general_purpose::STANDARD};
use qrcode::{Color, QrCode};

/// What goes into one invoice's QR payload.
pub struct QrPayload<'a> {
    /// Tag 15: the merchant id, 31 characters in QPay's QRs.
    pub merchant_account: &'a str,
    /// Tag 59.
    pub merchant_name: &'a str,
    /// Tag 54: the amount as QPay writes it (an integer string for whole tögrög).
    pub amount: &'a str,
    /// Tag 62/01.
    pub sender_invoice_no: &'a str,
    /// Tag 62/05: description or reference.
    pub reference: &'a str,
    /// Tag 62/07: a 20-character random id.
    pub terminal_ref: &'a str,
}

/// Tag, two-digit length, value. Values longer than 99 characters are cut, as EMV allows no more.
fn tlv(tag: &str, value: &str) -> String {
    let value: String = value.chars().take(99).collect();
    format!("{tag}{:02}{value}", value.chars().count())
}

/// Builds the EMVCo string, ending in tag 63 with its CRC.
pub fn qr_text(p: &QrPayload<'_>) -> String {
    let additional = [
        tlv("01", p.sender_invoice_no),
        tlv("05", p.reference),
        tlv("07", p.terminal_ref),
    ]
    .concat();
    let mut text = [
        tlv("00", "01"),
        tlv("01", "12"),
        tlv("15", p.merchant_account),
        tlv("52", "5999"),
        tlv("53", "496"),
        tlv("54", p.amount),
        tlv("58", "MN"),
        tlv("59", p.merchant_name),
        tlv("60", "Ulaanbaatar"),
        tlv("62", &additional),
    ]
    .concat();
    // The CRC covers everything up to and including the tag and length of the CRC field itself.
    text.push_str("6304");
    let crc = crc16_ccitt(text.as_bytes());
    text.push_str(&format!("{crc:04X}"));
    text
}

/// CRC-16/CCITT-FALSE: polynomial 0x1021, start 0xFFFF, no reflection, no final XOR (EMVCo's choice).
pub fn crc16_ccitt(bytes: &[u8]) -> u16 {
    let mut crc: u16 = 0xFFFF;
    for &byte in bytes {
        crc ^= u16::from(byte) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
}

/// Reads the top-level tags of an EMV string (tag, value), or `None` when it is malformed.
pub fn parse_tlv(text: &str) -> Option<Vec<(String, String)>> {
    let chars: Vec<char> = text.chars().collect();
    let mut fields = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        let tag: String = chars.get(at..at + 2)?.iter().collect();
        let len: usize = chars.get(at + 2..at + 4)?.iter().collect::<String>().parse().ok()?;
        let value: String = chars.get(at + 4..at + 4 + len)?.iter().collect();
        fields.push((tag, value));
        at += 4 + len;
    }
    Some(fields)
}

/// Whether the string's tag 63 holds the right CRC of what precedes it.
pub fn crc_is_valid(text: &str) -> bool {
    let Some(body) = text.len().checked_sub(4).and_then(|end| text.get(..end)) else {
        return false;
    };
    body.ends_with("6304") && text[body.len()..] == format!("{:04X}", crc16_ccitt(body.as_bytes()))
}

/// A PNG of the QR code (4 pixels a module, a 4-module quiet zone), base64 without a `data:` prefix, as QPay sends
/// it (SPEC.md §3.1).
pub fn qr_png_base64(text: &str) -> String {
    const SCALE: usize = 4;
    const QUIET: usize = 4;
    let code = QrCode::new(text.as_bytes()).expect("an EMV payload always fits in a QR code");
    let modules = code.width();
    let colors = code.to_colors();
    let side = (modules + 2 * QUIET) * SCALE;
    let mut pixels = vec![255u8; side * side];
    for (index, color) in colors.iter().enumerate() {
        if *color != Color::Dark {
            continue;
        }
        let (mx, my) = (index % modules + QUIET, index / modules + QUIET);
        for y in my * SCALE..(my + 1) * SCALE {
            pixels[y * side + mx * SCALE..y * side + (mx + 1) * SCALE].fill(0);
        }
    }
    let mut png_bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut png_bytes, side as u32, side as u32);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().expect("PNG header into memory");
        writer.write_image_data(&pixels).expect("PNG data into memory");
    }
    STANDARD.encode(png_bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> String {
        qr_text(&QrPayload {
            merchant_account: "279404962794049600000000KKTQPAY",
            merchant_name: "TEST_MERCHANT",
            amount: "12500",
            sender_invoice_no: "D7K2M9",
            reference: "Delguur order D7K2M9",
            terminal_ref: "Q3V8M1Z6R2T9Y4W7E5U0",
        })
    }

    #[test]
    fn crc_matches_the_standard_check_value() {
        // The CRC-16/CCITT-FALSE check value of "123456789".
        assert_eq!(crc16_ccitt(b"123456789"), 0x29B1);
    }

    #[test]
    fn payload_carries_the_amount_and_invoice_number_with_a_valid_crc() {
        let text = sample();
        assert!(crc_is_valid(&text), "{text}");
        let fields = parse_tlv(&text).unwrap();
        let get = |tag: &str| fields.iter().find(|(t, _)| t == tag).map(|(_, v)| v.clone()).unwrap();
        assert_eq!(get("00"), "01");
        assert_eq!(get("53"), "496");
        assert_eq!(get("54"), "12500");
        assert_eq!(get("59"), "TEST_MERCHANT");
        let additional = parse_tlv(&get("62")).unwrap();
        assert_eq!(additional[0], ("01".to_owned(), "D7K2M9".to_owned()));
        assert_eq!(fields.last().unwrap().0, "63");
    }

    #[test]
    fn a_changed_character_breaks_the_crc() {
        let text = sample().replacen("12500", "12600", 1);
        assert!(!crc_is_valid(&text));
    }
}
