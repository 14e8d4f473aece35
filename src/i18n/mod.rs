//! Mongolian (the default) and English texts.
//!
//! Every fixed text a shopper, the owner or staff read comes from a table of one part of the shop (`shop.rs`,
//! `checkout.rs`, `payment.rs`, `admin.rs`, `timeline.rs`, `settings.rs`, `launch.rs`, `messages.rs`, `qpay.rs`,
//! `qpay_check.rs`, `reports.rs`, `slips.rs`, `stock.rs`, `sheet.rs`),
//! where each text is written once with its two languages side by side (`texts!`): a text without its translation
//! is a compile error rather than an English word on a Mongolian page. A page reaches a text through its part:
//! `lang.admin().orders`. A text with a value in it names the value in braces (`{max}`), filled with
//! `str::replace`. [`Lang::pick`] is for the pairs that come from the database (a product's name), never for fixed
//! text.

use serde::{Deserialize, Serialize};

/// One part's texts, each a line `name: "Монгол", "English";` (a doc comment above it if it needs one). Makes the
/// struct of the part, its table in each language (`MN`, `EN`, chosen by `of`) and `ALL`, every text as (name,
/// Mongolian, English) for the tests.
macro_rules! texts {
    ($(#[$doc:meta])* $part:ident { $($(#[$text_doc:meta])* $name:ident: $mn:literal, $en:literal;)* }) => {
        $(#[$doc])*
        pub struct $part {
            $($(#[$text_doc])* pub $name: &'static str,)*
        }

        impl $part {
            pub const MN: $part = $part { $($name: $mn,)* };
            pub const EN: $part = $part { $($name: $en,)* };
            /// Every text of the part: its name, in Mongolian, in English.
            pub const ALL: &'static [(&'static str, &'static str, &'static str)] = &[$((stringify!($name), $mn, $en),)*];

            /// The table in `lang`.
            pub fn of(lang: $crate::i18n::Lang) -> &'static $part {
                match lang {
                    $crate::i18n::Lang::Mn => &$part::MN,
                    $crate::i18n::Lang::En => &$part::EN,
                }
            }
        }
    };
}

mod admin;
mod checkout;
mod identity;
mod launch;
mod messages;
mod payment;
mod qpay;
mod qpay_check;
mod reports;
mod settings;
mod sheet;
mod shop;
mod slips;
mod stock;
mod timeline;

pub use self::{
    admin::AdminTexts, checkout::CheckoutTexts, identity::IdentityTexts, launch::LaunchTexts, messages::MessageTexts,
    payment::PaymentTexts, qpay::QpayTexts, qpay_check::QpayCheckTexts, reports::ReportTexts, settings::SettingsTexts,
    sheet::SheetTexts, shop::ShopTexts, slips::SlipTexts, stock::StockTexts, timeline::TimelineTexts,
};

/// The shopper's language. Mongolian unless they chose English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Mn,
    En,
}

/// The cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "lang";

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Mn, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Mn => "mn",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "mn" => Some(Lang::Mn),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Reads the language from a `Cookie` header; anything unknown means the default.
    pub fn from_cookie_header(header: &str) -> Lang {
        header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == LANG_COOKIE)
            .and_then(|(_, value)| Lang::from_code(value.trim()))
            .unwrap_or_default()
    }

    /// Picks the text in this language from a pair stored in the database.
    pub fn pick<'a>(self, mn: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Mn => mn,
            Lang::En if en.is_empty() => mn,
            Lang::En => en,
        }
    }
}

/// Each part's texts in this language: one accessor per part, so an island that reads one part does not reach the
/// others (the WASM's size is `make bench`'s to measure).
impl Lang {
    /// The catalog, the cart, and what every page shows.
    pub fn shop(self) -> &'static ShopTexts {
        ShopTexts::of(self)
    }

    /// The checkout form, delivery and discount codes.
    pub fn checkout(self) -> &'static CheckoutTexts {
        CheckoutTexts::of(self)
    }

    /// The order's page: paying it, its receipt, the ways to pay, finding it again.
    pub fn payment(self) -> &'static PaymentTexts {
        PaymentTexts::of(self)
    }

    /// The owner's and staff's daily work: signing in, the orders, an order's page, money, new orders by hand.
    pub fn admin(self) -> &'static AdminTexts {
        AdminTexts::of(self)
    }

    /// An order's timeline on the owner's page, one sentence per entry.
    pub fn timeline(self) -> &'static TimelineTexts {
        TimelineTexts::of(self)
    }

    /// The shop's identity: its settings page and the footer.
    pub fn identity(self) -> &'static IdentityTexts {
        IdentityTexts::of(self)
    }

    /// What the owner sets up: the catalog, codes, delivery, ways to pay, messages, staff; the forms' mistakes.
    pub fn settings(self) -> &'static SettingsTexts {
        SettingsTexts::of(self)
    }

    /// The going-live checklist on `/admin` and in `check-config`.
    pub fn launch(self) -> &'static LaunchTexts {
        LaunchTexts::of(self)
    }

    /// The SMS and e-mail texts.
    pub fn messages(self) -> &'static MessageTexts {
        MessageTexts::of(self)
    }

    /// Stock running low: levels, the owner's box and message, "only N left".
    pub fn stock(self) -> &'static StockTexts {
        StockTexts::of(self)
    }

    /// QPay's error codes in words.
    pub fn qpay(self) -> &'static QpayTexts {
        QpayTexts::of(self)
    }

    /// The owner's sales report.
    pub fn reports(self) -> &'static ReportTexts {
        ReportTexts::of(self)
    }

    /// The owner's check of QPay's payment list for a day.
    pub fn qpay_check(self) -> &'static QpayCheckTexts {
        QpayCheckTexts::of(self)
    }

    /// The packing slips and the courier sheet.
    pub fn slips(self) -> &'static SlipTexts {
        SlipTexts::of(self)
    }

    /// The catalog as a spreadsheet: its import and export page, the preview, the file's problems.
    pub fn sheet(self) -> &'static SheetTexts {
        SheetTexts::of(self)
    }
}

/// The language of the page being rendered: the `lang` cookie of the request on the server, the default elsewhere.
pub fn use_lang() -> Lang {
    #[cfg(feature = "ssr")]
    if let Some(parts) = leptos::prelude::use_context::<axum::http::request::Parts>() {
        return Lang::of_request(&parts.headers);
    }
    Lang::default()
}

#[cfg(feature = "ssr")]
impl Lang {
    /// The `lang` cookie among every `Cookie` header of a request (HTTP/1.1 clients may send several).
    pub fn of_request(headers: &axum::http::HeaderMap) -> Lang {
        let cookies: Vec<&str> = headers
            .get_all(axum::http::header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .collect();
        Lang::from_cookie_header(&cookies.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// A text as (name, Mongolian, English).
    type Entry = (&'static str, &'static str, &'static str);

    /// Every part with its texts.
    const PARTS: [(&str, &[Entry]); 15] = [
        ("identity", IdentityTexts::ALL),
        ("launch", LaunchTexts::ALL),
        ("shop", ShopTexts::ALL),
        ("checkout", CheckoutTexts::ALL),
        ("payment", PaymentTexts::ALL),
        ("admin", AdminTexts::ALL),
        ("timeline", TimelineTexts::ALL),
        ("settings", SettingsTexts::ALL),
        ("messages", MessageTexts::ALL),
        ("qpay", QpayTexts::ALL),
        ("reports", ReportTexts::ALL),
        ("stock", StockTexts::ALL),
        ("qpay_check", QpayCheckTexts::ALL),
        ("slips", SlipTexts::ALL),
        ("sheet", SheetTexts::ALL),
    ];

    /// The `{name}`s of a text.
    fn placeholders(text: &str) -> BTreeSet<&str> {
        text.split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}'))
            .map(|(name, _)| name)
            .collect()
    }

    #[test]
    fn no_text_is_empty_in_either_language() {
        let mut empty = Vec::new();
        for (part, texts) in PARTS {
            for (name, mn, en) in texts {
                if mn.trim().is_empty() || en.trim().is_empty() {
                    empty.push(format!("{part}.{name}"));
                }
            }
        }
        assert!(empty.is_empty(), "texts without words: {empty:?}");
    }

    #[test]
    fn both_languages_of_a_text_fill_the_same_values() {
        let mut differ = Vec::new();
        for (part, texts) in PARTS {
            for (name, mn, en) in texts {
                if placeholders(mn) != placeholders(en) {
                    differ.push(format!(
                        "{part}.{name}: {:?} / {:?}",
                        placeholders(mn),
                        placeholders(en)
                    ));
                }
            }
        }
        assert!(
            differ.is_empty(),
            "placeholders differ between the languages:\n{}",
            differ.join("\n")
        );
    }

    #[test]
    fn the_placeholder_check_sees_a_missing_value() {
        assert_eq!(placeholders("{held} / {max}"), BTreeSet::from(["held", "max"]));
        assert_ne!(
            placeholders("{name}: {available}"),
            placeholders("{name}: only a few left.")
        );
    }

    #[test]
    fn each_language_reads_its_own_table() {
        assert_eq!(Lang::Mn.shop().shop_name, "Дэлгүүр");
        assert_eq!(Lang::En.shop().shop_name, "Delguur");
        assert_eq!(Lang::En.admin().orders, "Orders");
    }

    #[test]
    fn reads_the_language_cookie_among_others() {
        assert_eq!(Lang::from_cookie_header("a=1; lang=en; b=2"), Lang::En);
        assert_eq!(Lang::from_cookie_header("lang=mn"), Lang::Mn);
        assert_eq!(Lang::from_cookie_header("lang=fr"), Lang::Mn);
        assert_eq!(Lang::from_cookie_header("language=en"), Lang::Mn);
        assert_eq!(Lang::from_cookie_header(""), Lang::Mn);
    }

    #[test]
    fn english_falls_back_to_mongolian_when_a_text_is_missing() {
        assert_eq!(Lang::En.pick("Ааруул", ""), "Ааруул");
        assert_eq!(Lang::En.pick("Ааруул", "Aaruul"), "Aaruul");
        assert_eq!(Lang::Mn.pick("Ааруул", "Aaruul"), "Ааруул");
    }
}
