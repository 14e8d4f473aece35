//! Mongolia's 21 aimags and their centres, for countryside delivery: checkout offers them, orders store
//! them by code, and a shop may charge a fee per aimag.

/// One of the 21 aimags (provinces) outside the capital.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Aimag {
    /// What an order stores and a form posts.
    pub code: &'static str,
    pub name_mn: &'static str,
    pub name_en: &'static str,
    /// The aimag's centre, where buses and the post arrive.
    pub centre_mn: &'static str,
    pub centre_en: &'static str,
}

/// The 21 aimags, in the order checkout lists them (alphabetical in Mongolian).
pub const AIMAGS: [Aimag; 21] = [
    aimag("arkhangai", "Архангай", "Arkhangai", "Цэцэрлэг", "Tsetserleg"),
    aimag("bayan-ulgii", "Баян-Өлгий", "Bayan-Ölgii", "Өлгий", "Ölgii"),
    aimag(
        "bayankhongor",
        "Баянхонгор",
        "Bayankhongor",
        "Баянхонгор",
        "Bayankhongor",
    ),
    aimag("bulgan", "Булган", "Bulgan", "Булган", "Bulgan"),
    aimag("govi-altai", "Говь-Алтай", "Govi-Altai", "Алтай", "Altai"),
    aimag("govisumber", "Говьсүмбэр", "Govisümber", "Чойр", "Choir"),
    aimag("darkhan-uul", "Дархан-Уул", "Darkhan-Uul", "Дархан", "Darkhan"),
    aimag("dornogovi", "Дорноговь", "Dornogovi", "Сайншанд", "Sainshand"),
    aimag("dornod", "Дорнод", "Dornod", "Чойбалсан", "Choibalsan"),
    aimag("dundgovi", "Дундговь", "Dundgovi", "Мандалговь", "Mandalgovi"),
    aimag("zavkhan", "Завхан", "Zavkhan", "Улиастай", "Uliastai"),
    aimag("orkhon", "Орхон", "Orkhon", "Эрдэнэт", "Erdenet"),
    aimag("uvurkhangai", "Өвөрхангай", "Övörkhangai", "Арвайхээр", "Arvaikheer"),
    aimag("umnugovi", "Өмнөговь", "Ömnögovi", "Даланзадгад", "Dalanzadgad"),
    aimag("sukhbaatar", "Сүхбаатар", "Sükhbaatar", "Баруун-Урт", "Baruun-Urt"),
    aimag("selenge", "Сэлэнгэ", "Selenge", "Сүхбаатар", "Sükhbaatar"),
    aimag("tuv", "Төв", "Töv", "Зуунмод", "Zuunmod"),
    aimag("uvs", "Увс", "Uvs", "Улаангом", "Ulaangom"),
    aimag("khovd", "Ховд", "Khovd", "Ховд", "Khovd"),
    aimag("khuvsgul", "Хөвсгөл", "Khövsgöl", "Мөрөн", "Mörön"),
    aimag("khentii", "Хэнтий", "Khentii", "Чингис хот", "Chinggis City"),
];

const fn aimag(
    code: &'static str,
    name_mn: &'static str,
    name_en: &'static str,
    centre_mn: &'static str,
    centre_en: &'static str,
) -> Aimag {
    Aimag {
        code,
        name_mn,
        name_en,
        centre_mn,
        centre_en,
    }
}

impl Aimag {
    /// The aimag with this code; `None` for anything else.
    pub fn by_code(code: &str) -> Option<Aimag> {
        AIMAGS.into_iter().find(|a| a.code == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_21_aimags_are_found_by_their_own_codes_only() {
        let codes: std::collections::HashSet<_> = AIMAGS.iter().map(|a| a.code).collect();
        assert_eq!(codes.len(), 21, "every code is its own");
        assert!(
            AIMAGS
                .iter()
                .all(|a| a.code.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        );
        assert_eq!(Aimag::by_code("orkhon").map(|a| a.centre_en), Some("Erdenet"));
        assert_eq!(Aimag::by_code("Orkhon"), None);
        // The capital's districts are not aimags; Sükhbaatar is both a district name and an aimag, kept apart by
        // where the shopper chose it.
        assert_eq!(Aimag::by_code("khan-uul"), None);
        assert_eq!(Aimag::by_code("sukhbaatar").map(|a| a.centre_mn), Some("Баруун-Урт"));
    }
}
