//! A product's picture as stored and as a page asks for it: which widths exist (never enlarged), their addresses
//! (the content's hash in each, so a changed picture is a new address) and the `srcset` a browser chooses from.

use serde::{Deserialize, Serialize};

/// The widths every picture is redrawn at, when it is at least that wide: a phone's card, a phone's product page
/// or a laptop's card, a laptop's product page.
pub const WIDTHS: [u32; 3] = [320, 640, 1280];
/// Where the files are served.
pub const PICTURES_PREFIX: &str = "/pictures/";
/// The longest words for a picture, per language, in characters.
pub const ALT_MAX: usize = 200;
/// What a product without a picture shows.
pub const PLACEHOLDER: &str = "/images/products/placeholder.svg";

/// A picture of a product, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Picture {
    pub id: i64,
    /// The variant it shows (a colour), if any.
    pub variant_id: Option<i64>,
    pub hash: String,
    /// The largest stored size.
    pub width: u32,
    pub height: u32,
    pub alt_mn: String,
    pub alt_en: String,
}

/// What an `<img>` needs: its address, the other sizes to choose from, and its proportions (so the page does not
/// move when it loads).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shown {
    pub src: String,
    /// Empty for a picture of one size (the placeholder, pictures from before).
    pub srcset: String,
    pub width: u32,
    pub height: u32,
}

/// The widths a picture of `largest` pixels across is stored at: each of [`WIDTHS`] narrower than it, then itself
/// (at most the widest).
pub fn widths(largest: u32) -> Vec<u32> {
    let largest = largest.min(WIDTHS[WIDTHS.len() - 1]);
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w < largest).collect();
    widths.push(largest);
    widths
}

/// The stored width a page asking for `wanted` gets: the widest stored at or below it, else the narrowest.
pub fn width_for(largest: u32, wanted: u32) -> u32 {
    let stored = widths(largest);
    stored
        .iter()
        .copied()
        .filter(|&w| w <= wanted)
        .max()
        .unwrap_or(stored[0])
}

/// The address of the file of `hash` at `width`.
pub fn file_path(hash: &str, width: u32) -> String {
    format!("{PICTURES_PREFIX}{hash}-{width}.webp")
}

/// The hash and width a `/pictures/` file name asks for: `{hash}-{width}.webp`, the hash hex digits.
pub fn parse_file_name(name: &str) -> Option<(&str, u32)> {
    let (hash, width) = name.strip_suffix(".webp")?.rsplit_once('-')?;
    let plain = !hash.is_empty() && hash.len() <= 64 && hash.chars().all(|c| c.is_ascii_hexdigit());
    let width: u32 = width
        .parse()
        .ok()
        .filter(|w| (1..=WIDTHS[WIDTHS.len() - 1]).contains(w))?;
    plain.then_some((hash, width))
}

impl Picture {
    /// Shown at `width` first (the browser picks from the `srcset`), or the nearest stored width below it.
    pub fn shown(&self, width: u32) -> Shown {
        Shown {
            src: file_path(&self.hash, width_for(self.width, width)),
            srcset: widths(self.width)
                .iter()
                .map(|&w| format!("{} {w}w", file_path(&self.hash, w)))
                .collect::<Vec<_>>()
                .join(", "),
            width: self.width,
            height: self.height,
        }
    }

    /// The owner's words for it in `lang`, else `fallback` (the product's name).
    pub fn alt<'a>(&'a self, lang: crate::i18n::Lang, fallback: &'a str) -> &'a str {
        match lang.pick(&self.alt_mn, &self.alt_en) {
            "" => fallback,
            alt => alt,
        }
    }
}

impl Shown {
    /// A picture of one size at `src`, drawn in a square (the placeholder, and pictures from before: uploads kept in
    /// `MEDIA_DIR`, the SVG drawings of demo shops seeded before theirs were drawn at seeding).
    pub fn single(src: &str) -> Shown {
        Shown {
            src: src.to_owned(),
            srcset: String::new(),
            width: 480,
            height: 480,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picture(width: u32, height: u32) -> Picture {
        Picture {
            id: 1,
            variant_id: None,
            hash: "ab12".into(),
            width,
            height,
            alt_mn: String::new(),
            alt_en: String::new(),
        }
    }

    #[test]
    fn a_picture_is_stored_at_each_width_below_its_own_and_never_enlarged() {
        for (largest, expected) in [
            (4032, vec![320, 640, 1280]),
            (1280, vec![320, 640, 1280]),
            (1000, vec![320, 640, 1000]),
            (640, vec![320, 640]),
            (500, vec![320, 500]),
            (320, vec![320]),
            (200, vec![200]),
            (1, vec![1]),
        ] {
            assert_eq!(widths(largest), expected, "{largest}");
        }
    }

    #[test]
    fn a_page_gets_every_width_to_choose_from() {
        let shown = picture(1280, 960).shown(640);
        assert_eq!(shown.src, "/pictures/ab12-640.webp");
        assert_eq!(
            shown.srcset,
            "/pictures/ab12-320.webp 320w, /pictures/ab12-640.webp 640w, /pictures/ab12-1280.webp 1280w"
        );
        assert_eq!((shown.width, shown.height), (1280, 960));
        assert_eq!(picture(500, 500).shown(640).src, "/pictures/ab12-500.webp");
        assert_eq!(picture(200, 100).shown(640).src, "/pictures/ab12-200.webp");
    }

    #[test]
    fn only_names_the_shop_makes_are_read() {
        assert_eq!(parse_file_name("ab12-640.webp"), Some(("ab12", 640)));
        for not in [
            "ab12-640.jpg",
            "ab12.webp",
            "-640.webp",
            "ab12-0.webp",
            "ab12-99999.webp",
            "../ab12-640.webp",
            "zz-640.webp",
            "ab12-640.webp.webp",
        ] {
            assert_eq!(parse_file_name(not), None, "{not}");
        }
    }

    #[test]
    fn the_owner_s_words_or_the_product_s_name() {
        let mut p = picture(640, 640);
        assert_eq!(p.alt(crate::i18n::Lang::Mn, "Ааруул"), "Ааруул");
        p.alt_mn = "Шар ааруул".into();
        assert_eq!(p.alt(crate::i18n::Lang::Mn, "Ааруул"), "Шар ааруул");
        assert_eq!(
            p.alt(crate::i18n::Lang::En, "Aaruul"),
            "Шар ааруул",
            "the Mongolian when English is empty"
        );
    }
}
