//! Ulaanbaatar's districts, as checkout offers them and as orders store them (by code).

/// One of Ulaanbaatar's nine districts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct District {
    /// What an order stores and a form posts.
    pub code: &'static str,
    pub name_mn: &'static str,
    pub name_en: &'static str,
}

/// Ulaanbaatar's nine districts, in the order checkout lists them.
pub const DISTRICTS: [District; 9] = [
    district("bayangol", "Баянгол", "Bayangol"),
    district("bayanzurkh", "Баянзүрх", "Bayanzürkh"),
    district("songinokhairkhan", "Сонгинохайрхан", "Songinokhairkhan"),
    district("sukhbaatar", "Сүхбаатар", "Sükhbaatar"),
    district("khan-uul", "Хан-Уул", "Khan-Uul"),
    district("chingeltei", "Чингэлтэй", "Chingeltei"),
    district("nalaikh", "Налайх", "Nalaikh"),
    district("baganuur", "Багануур", "Baganuur"),
    district("bagakhangai", "Багахангай", "Bagakhangai"),
];

const fn district(code: &'static str, name_mn: &'static str, name_en: &'static str) -> District {
    District { code, name_mn, name_en }
}

impl District {
    /// The district with this code; `None` for anything else.
    pub fn by_code(code: &str) -> Option<District> {
        DISTRICTS.into_iter().find(|d| d.code == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn districts_are_found_by_their_code_only() {
        assert_eq!(District::by_code("khan-uul").map(|d| d.name_en), Some("Khan-Uul"));
        assert_eq!(District::by_code("Khan-Uul"), None);
        assert_eq!(District::by_code(""), None);
        let codes: std::collections::HashSet<_> = DISTRICTS.iter().map(|d| d.code).collect();
        assert_eq!(codes.len(), 9, "every code is its own");
    }
}
