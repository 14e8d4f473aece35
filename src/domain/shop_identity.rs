//! The shop's own identity, as its owner sets it at `/admin/settings`: its name in both languages and a short
//! form for texts, a tagline, an accent colour, and how shoppers reach it (phones, e-mail, address, opening hours,
//! social pages). Pure values and their rules; stored by `db::shop_identity`, read through the cache in
//! `shop_identity.rs`.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// Where the logo and its icons are served.
pub const BRAND_PREFIX: &str = "/brand/";
/// The longest name, in characters.
pub const NAME_MAX: usize = 40;
/// The longest short name (it opens every text to a shopper), in characters.
pub const SHORT_MAX: usize = 20;
/// The longest tagline, address line or link, in characters.
pub const LINE_MAX: usize = 200;
/// QPay's limit for `invoice_description` (SPEC.md §3.1), in characters.
pub const INVOICE_DESCRIPTION_MAX: usize = 255;
/// The contrast the accent needs against white and against the page's wash (WCAG AA for normal text).
pub const AA_CONTRAST: f64 = 4.5;
/// The page's wash behind panels (`--wash` in style/main.css), which accent-coloured text also sits on.
pub const WASH: Rgb = Rgb(0xf5, 0xf7, 0xfa);
/// The accent the stylesheet has built in (`--brand` in style/main.css), until the owner chooses one.
pub const BUILT_IN_ACCENT: Rgb = Rgb(0x1d, 0x4e, 0x89);
/// White: the text on accent buttons, the panels accent links sit on.
pub const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);

/// Who the shop is and how to reach it. `named` is false until the owner saves it: the pages then use the
/// product's own name (`i18n`), and the setup guide asks for one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ShopIdentity {
    pub named: bool,
    pub name_mn: String,
    pub name_en: String,
    pub short_name: String,
    pub tagline_mn: String,
    pub tagline_en: String,
    /// `#rrggbb`, checked for contrast; the built-in colour when `None`.
    pub accent: Option<Rgb>,
    pub contacts: Contacts,
    /// The pages the owner has written (`/pages/…`), for the footer and checkout to link.
    pub pages: Vec<crate::domain::shop_page::PageKind>,
    /// The logo's content hash, in the addresses of the logo and its icons; `None` until one is uploaded.
    pub logo: Option<String>,
}

/// How shoppers reach the shop. Every part may be empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Contacts {
    /// Eight digits each, landlines too.
    pub phones: Vec<String>,
    pub email: String,
    /// A district's code (`domain::district`), empty when none.
    pub district: String,
    pub khoroo: Option<i64>,
    pub street_mn: String,
    pub street_en: String,
    pub map_url: String,
    pub hours: WeekHours,
    pub facebook: String,
    pub instagram: String,
    pub messenger: String,
}

impl ShopIdentity {
    /// The name in `lang` (the Mongolian when the English is empty), or the product's own before it is named.
    pub fn name(&self, lang: Lang) -> &str {
        if self.named {
            lang.pick(&self.name_mn, &self.name_en)
        } else {
            lang.shop().shop_name
        }
    }

    /// The tagline in `lang`; before the shop is named, the product's own.
    pub fn tagline(&self, lang: Lang) -> &str {
        if self.named {
            lang.pick(&self.tagline_mn, &self.tagline_en)
        } else {
            lang.shop().tagline
        }
    }

    /// Where the logo is served (`/brand/logo-{hash}.png`), when there is one.
    pub fn logo_path(&self) -> Option<String> {
        self.logo.as_ref().map(|hash| format!("{BRAND_PREFIX}logo-{hash}.png"))
    }

    /// Where the square icon of `side` pixels made from the logo is served, when there is a logo.
    pub fn icon_path(&self, side: u32) -> Option<String> {
        self.logo
            .as_ref()
            .map(|hash| format!("{BRAND_PREFIX}icon-{side}-{hash}.png"))
    }

    /// The short name that opens every text to a shopper; the name itself before one is set.
    pub fn short(&self, lang: Lang) -> &str {
        if self.named && !self.short_name.is_empty() {
            &self.short_name
        } else {
            self.name(lang)
        }
    }

    /// The shop's address in `lang`: street, khoroo, district; empty when none is set.
    pub fn address(&self, lang: Lang) -> String {
        let c = &self.contacts;
        let mut parts: Vec<String> = Vec::new();
        let street = lang.pick(&c.street_mn, &c.street_en);
        if !street.is_empty() {
            parts.push(street.to_owned());
        }
        if let Some(khoroo) = c.khoroo {
            parts.push(format!("{khoroo}-{}", lang.checkout().khoroo_short));
        }
        if let Some(district) = crate::domain::District::by_code(&c.district) {
            parts.push(lang.pick(district.name_mn, district.name_en).to_owned());
        }
        parts.join(", ")
    }

    /// The lines that close every e-mail: the name, then whichever of phones, e-mail and address are set.
    pub fn signature(&self, lang: Lang) -> String {
        let c = &self.contacts;
        let phones: Vec<String> = c.phones.iter().map(|p| phone_text(p)).collect();
        let lines = [
            self.name(lang).to_owned(),
            phones.join(", "),
            c.email.clone(),
            self.address(lang),
        ];
        lines
            .into_iter()
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// What the shopper's bank app shows for the order's QPay invoice: the shop's name and the order number, cut
    /// to QPay's limit, the order number always kept.
    pub fn invoice_description(&self, order_no: &str) -> String {
        let room = INVOICE_DESCRIPTION_MAX.saturating_sub(order_no.chars().count() + 1);
        let name: String = self.name(Lang::Mn).chars().take(room).collect();
        format!("{} {order_no}", name.trim_end())
    }
}

/// A colour as three bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// Why a colour is refused.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ColourError {
    /// Not `#rrggbb`.
    NotAColour,
    /// Too light for white text on it, or for text in it on the page (the lower of the two ratios).
    LowContrast(f64),
}

impl Rgb {
    /// `#1d4e89` or `1d4e89`, either case.
    pub fn parse(typed: &str) -> Option<Rgb> {
        let hex = typed.trim().trim_start_matches('#');
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |at: usize| u8::from_str_radix(&hex[at..at + 2], 16).ok();
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }

    /// An accent the owner typed: a colour that white text on it, and text in it on white or the wash, can be read
    /// against (WCAG AA, 4.5:1).
    pub fn parse_accent(typed: &str) -> Result<Rgb, ColourError> {
        let colour = Rgb::parse(typed).ok_or(ColourError::NotAColour)?;
        let lowest = contrast(colour, WHITE).min(contrast(colour, WASH));
        if lowest < AA_CONTRAST {
            Err(ColourError::LowContrast(lowest))
        } else {
            Ok(colour)
        }
    }

    /// `#1d4e89`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// WCAG's relative luminance, 0 (black) to 1 (white).
    fn luminance(self) -> f64 {
        let channel = |byte: u8| {
            let c = f64::from(byte) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }
}

/// WCAG's contrast ratio of two colours, 1 to 21. (A ratio, not money: `f64` is right here.)
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

/// A day's hours that are not `HH:MM-HH:MM`, opening before closing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotHours;

/// Opening hours, Monday first: `Some((open, close))` in minutes after midnight, `None` when closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct WeekHours(pub [Option<(u16, u16)>; 7]);

impl WeekHours {
    /// One day as the owner types it: `09:00-18:00` (or `9:00–18:00`), empty for closed.
    pub fn parse_day(typed: &str) -> Result<Option<(u16, u16)>, NotHours> {
        let typed = typed.trim();
        if typed.is_empty() {
            return Ok(None);
        }
        let (open, close) = typed.split_once(['-', '–']).ok_or(NotHours)?;
        let minutes = |time: &str| -> Result<u16, NotHours> {
            let (h, m) = time.trim().split_once(':').ok_or(NotHours)?;
            let (h, m): (u16, u16) = (h.parse().map_err(|_| NotHours)?, m.parse().map_err(|_| NotHours)?);
            if h <= 24 && m < 60 && h * 60 + m <= 24 * 60 {
                Ok(h * 60 + m)
            } else {
                Err(NotHours)
            }
        };
        let (open, close) = (minutes(open)?, minutes(close)?);
        if open < close {
            Ok(Some((open, close)))
        } else {
            Err(NotHours)
        }
    }

    /// A day as shown and stored: `09:00-18:00`, empty when closed.
    pub fn day_text(day: Option<(u16, u16)>) -> String {
        match day {
            Some((open, close)) => format!("{:02}:{:02}-{:02}:{:02}", open / 60, open % 60, close / 60, close % 60),
            None => String::new(),
        }
    }

    /// The week as stored: seven days, comma-separated.
    pub fn encode(&self) -> String {
        self.0
            .iter()
            .map(|day| WeekHours::day_text(*day))
            .collect::<Vec<_>>()
            .join(",")
    }

    /// The week as stored; `None` when it is not seven days as [`Self::encode`] writes them.
    pub fn decode(stored: &str) -> Option<WeekHours> {
        let days: Vec<&str> = stored.split(',').collect();
        let mut week = [None; 7];
        if days.len() != 7 {
            return None;
        }
        for (slot, day) in week.iter_mut().zip(days) {
            *slot = WeekHours::parse_day(day).ok()?;
        }
        Some(WeekHours(week))
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(Option::is_none)
    }
}

/// A shop's phone as shown: `9911-2233`, the way numbers are written in Mongolia.
pub fn phone_text(digits: &str) -> String {
    match digits.split_at_checked(4) {
        Some((first, rest)) => format!("{first}-{rest}"),
        None => digits.to_owned(),
    }
}

/// A shop's phone as typed: eight digits (a mobile or a landline), with or without `+976`, spaces or dashes.
pub fn parse_contact_phone(typed: &str) -> Option<String> {
    let digits: String = typed
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '.'))
        .collect();
    let digits = digits
        .strip_prefix("+976")
        .or_else(|| digits.strip_prefix("00976"))
        .unwrap_or(&digits);
    let plausible = digits.len() == 8 && digits.chars().all(|c| c.is_ascii_digit()) && !digits.starts_with('0');
    plausible.then(|| digits.to_owned())
}

/// The social pages a shop links to, each only on its own site, over HTTPS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Social {
    Facebook,
    Instagram,
    Messenger,
}

impl Social {
    fn hosts(self) -> &'static [&'static str] {
        match self {
            Social::Facebook => &["facebook.com", "www.facebook.com", "m.facebook.com", "fb.com"],
            Social::Instagram => &["instagram.com", "www.instagram.com"],
            Social::Messenger => &["m.me", "messenger.com", "www.messenger.com"],
        }
    }

    /// Whether `url` is a page of this site: `https://`, its host, and a path naming the page.
    pub fn accepts(self, url: &str) -> bool {
        let Some(rest) = url.strip_prefix("https://") else {
            return false;
        };
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        self.hosts().contains(&host.to_ascii_lowercase().as_str())
            && !path.trim_matches('/').is_empty()
            && !url
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>'))
    }
}

/// A map link: any `https://` address without spaces or quotes (Google Maps, 2GIS, OpenStreetMap share links).
pub fn is_map_link(url: &str) -> bool {
    url.starts_with("https://")
        && url.len() > "https://".len() + 3
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>'))
}

#[cfg(test)]
mod tests;
