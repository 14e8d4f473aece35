//! The pages the owner writes about the shop (about, delivery and returns, terms, privacy): which there are and how
//! long one may be. Written in Markdown, rendered and sanitized on the server (`markdown.rs`).

use serde::{Deserialize, Serialize};

/// The longest page, in characters, in each language: room for a long terms page, well within the 1 MiB its form
/// may send (`server::MAX_PAGE_BODY`; a Cyrillic letter is 6 bytes URL-encoded, so two full languages fit).
pub const BODY_MAX: usize = 60_000;

/// One of the shop's own pages, at `/pages/{slug}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PageKind {
    About,
    Delivery,
    Terms,
    Privacy,
}

impl PageKind {
    pub const ALL: [PageKind; 4] = [PageKind::About, PageKind::Delivery, PageKind::Terms, PageKind::Privacy];

    /// Its address's last part, and how it is stored.
    pub fn slug(self) -> &'static str {
        match self {
            PageKind::About => "about",
            PageKind::Delivery => "delivery-returns",
            PageKind::Terms => "terms",
            PageKind::Privacy => "privacy",
        }
    }

    pub fn parse(slug: &str) -> Option<PageKind> {
        PageKind::ALL.into_iter().find(|kind| kind.slug() == slug)
    }

    pub fn path(self) -> String {
        format!("/pages/{}", self.slug())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_page_has_its_own_address_and_reads_back() {
        for kind in PageKind::ALL {
            assert_eq!(PageKind::parse(kind.slug()), Some(kind));
            assert!(kind.path().starts_with("/pages/"));
        }
        assert_eq!(PageKind::parse("admin"), None);
        assert_eq!(PageKind::Delivery.path(), "/pages/delivery-returns");
    }
}
