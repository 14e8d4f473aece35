use super::*;

#[test]
fn an_accent_must_be_read_against_white_and_the_wash() {
    let cases = [
        ("#1d4e89", true),  // the built-in blue
        ("1D4E89", true),   // without the hash, upper case
        ("#000000", true),  // black
        ("#767676", false), // 4.54 on white, 4.2 on the wash
        ("#6b6b6b", true),  // 5.3 on white, 4.9 on the wash
        ("#e0a526", false), // the built-in yellow: white text on it cannot be read
        ("#ffffff", false),
        ("#ff0000", false), // 4.0
        ("#c00000", true),
    ];
    for (typed, ok) in cases {
        assert_eq!(Rgb::parse_accent(typed).is_ok(), ok, "{typed}");
    }
    assert_eq!(Rgb::parse_accent("blue"), Err(ColourError::NotAColour));
    assert_eq!(Rgb::parse_accent("#12345"), Err(ColourError::NotAColour));
    assert_eq!(Rgb::parse_accent("#1234567"), Err(ColourError::NotAColour));
    assert_eq!(Rgb::parse_accent("#gg0000"), Err(ColourError::NotAColour));
    match Rgb::parse_accent("#ff0000") {
        Err(ColourError::LowContrast(ratio)) => assert!((ratio - 3.73).abs() < 0.01, "{ratio}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(Rgb::parse("#1D4E89").unwrap().hex(), "#1d4e89");
}

#[test]
fn contrast_is_wcag_s_ratio() {
    assert!((contrast(WHITE, Rgb(0, 0, 0)) - 21.0).abs() < 1e-9);
    assert!((contrast(WHITE, WHITE) - 1.0).abs() < 1e-9);
    assert!((contrast(Rgb(0x76, 0x76, 0x76), WHITE) - 4.54).abs() < 0.01);
    assert_eq!(contrast(WHITE, WASH), contrast(WASH, WHITE));
}

#[test]
fn opening_hours_are_read_a_day_at_a_time_and_stored_as_seven() {
    let days = [
        ("09:00-18:00", Ok(Some((540, 1080)))),
        (" 9:00 – 18:30 ", Ok(Some((540, 1110)))),
        ("00:00-24:00", Ok(Some((0, 1440)))),
        ("", Ok(None)),
        ("18:00-09:00", Err(NotHours)),
        ("09:00", Err(NotHours)),
        ("9-18", Err(NotHours)),
        ("25:00-26:00", Err(NotHours)),
        ("09:60-18:00", Err(NotHours)),
    ];
    for (typed, expected) in days {
        assert_eq!(WeekHours::parse_day(typed), expected, "{typed:?}");
    }
    let week = WeekHours([
        Some((540, 1080)),
        Some((540, 1080)),
        None,
        None,
        None,
        Some((600, 960)),
        None,
    ]);
    assert_eq!(week.encode(), "09:00-18:00,09:00-18:00,,,,10:00-16:00,");
    assert_eq!(WeekHours::decode(&week.encode()), Some(week));
    assert_eq!(WeekHours::decode(",,,,,,"), Some(WeekHours::default()));
    assert!(WeekHours::default().is_empty());
    assert_eq!(WeekHours::decode(",,,"), None, "not seven days");
    assert_eq!(WeekHours::decode("nine,,,,,,"), None);
}

#[test]
fn a_shop_phone_is_eight_digits_landlines_too() {
    let cases = [
        ("9911 2233", Some("99112233")),
        ("+976 7011-2233", Some("70112233")),
        ("(7011) 2233", Some("70112233")),
        ("0011 2233", None),
        ("9911223", None),
        ("phone", None),
    ];
    for (typed, expected) in cases {
        assert_eq!(parse_contact_phone(typed).as_deref(), expected, "{typed}");
    }
}

#[test]
fn a_shop_phone_is_shown_as_mongolians_write_it() {
    assert_eq!(phone_text("99112233"), "9911-2233");
    assert_eq!(phone_text("123"), "123");
}

#[test]
fn a_social_link_is_a_page_of_its_own_site_over_https() {
    assert!(Social::Facebook.accepts("https://www.facebook.com/delguur.mn"));
    assert!(Social::Facebook.accepts("https://facebook.com/delguur"));
    assert!(Social::Instagram.accepts("https://instagram.com/delguur/"));
    assert!(Social::Messenger.accepts("https://m.me/delguur"));
    assert!(!Social::Facebook.accepts("http://facebook.com/delguur"), "not https");
    assert!(!Social::Facebook.accepts("https://facebook.com/"), "no page");
    assert!(!Social::Facebook.accepts("https://facebook.com.evil.mn/delguur"));
    assert!(!Social::Instagram.accepts("https://facebook.com/delguur"));
    assert!(!Social::Messenger.accepts("javascript:alert(1)"));
    assert!(!Social::Facebook.accepts("https://facebook.com/a\"onmouseover=x"));
    assert!(is_map_link("https://maps.app.goo.gl/abc123"));
    assert!(!is_map_link("javascript:alert(1)"));
    assert!(!is_map_link("https://a b"));
}

fn named(name_mn: &str, name_en: &str, short: &str) -> ShopIdentity {
    ShopIdentity {
        named: true,
        name_mn: name_mn.into(),
        name_en: name_en.into(),
        short_name: short.into(),
        ..ShopIdentity::default()
    }
}

#[test]
fn the_name_falls_back_to_the_product_s_until_the_owner_names_the_shop() {
    let unnamed = ShopIdentity::default();
    assert_eq!(unnamed.name(Lang::Mn), "Дэлгүүр");
    assert_eq!(unnamed.name(Lang::En), "Delguur");
    assert_eq!(unnamed.short(Lang::En), "Delguur");
    let shop = named("Номин ноолуур", "", "");
    assert_eq!(
        shop.name(Lang::En),
        "Номин ноолуур",
        "the Mongolian when the English is empty"
    );
    assert_eq!(shop.short(Lang::Mn), "Номин ноолуур", "the name when no short one");
    assert_eq!(
        named("Номин ноолуур", "Nomin Cashmere", "Номин").short(Lang::En),
        "Номин"
    );
}

#[test]
fn the_invoice_description_is_the_name_and_the_order_number_within_qpay_s_limit() {
    assert_eq!(
        named("Номин ноолуур", "Nomin", "").invoice_description("D7K2M9"),
        "Номин ноолуур D7K2M9"
    );
    assert_eq!(ShopIdentity::default().invoice_description("D7K2M9"), "Дэлгүүр D7K2M9");
    let long = named(&"Ө".repeat(300), "", "");
    let description = long.invoice_description("D7K2M9");
    assert_eq!(description.chars().count(), INVOICE_DESCRIPTION_MAX);
    assert!(description.ends_with(" D7K2M9"));
}
