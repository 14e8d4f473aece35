use super::*;

fn chars(text: &str) -> Vec<char> {
    text.chars().collect()
}

fn found(query: &str, fields: &[&str]) -> Option<Found> {
    find(query, fields).map(|score| score.weakest)
}

#[test]
fn every_mapping_of_the_issue_folds_latin_and_cyrillic_to_one_key() {
    // (typed in Latin, the Cyrillic letter, their key)
    let cases = [
        ("ts", "ц", "ц"),
        ("c", "ц", "ц"),
        ("ch", "ч", "ч"),
        ("sh", "ш", "ш"),
        ("kh", "х", "х"),
        ("h", "х", "х"),
        ("x", "х", "х"),
        ("ö", "ө", "о"),
        ("o", "ө", "о"),
        ("q", "ө", "о"),
        ("o", "о", "о"),
        ("ü", "ү", "у"),
        ("u", "ү", "у"),
        ("v", "ү", "у"),
        ("w", "ү", "у"),
        ("u", "у", "у"),
        ("v", "в", "у"),
        ("ye", "е", "э"),
        ("e", "е", "э"),
        ("e", "э", "э"),
        ("yo", "ё", "ё"),
        ("ya", "я", "я"),
        ("yu", "ю", "ю"),
        ("i", "и", "и"),
        ("ii", "ий", "и"),
        ("iy", "ий", "и"),
        ("y", "ы", "и"),
        ("i", "ы", "и"),
        ("i", "й", "и"),
        ("y", "й", "и"),
        ("i", "ь", "и"),
        ("j", "ж", "ж"),
        ("zh", "ж", "ж"),
    ];
    for (latin, cyrillic, key) in cases {
        assert_eq!(fold(latin), key, "{latin}");
        assert_eq!(fold(cyrillic), key, "{cyrillic}");
        assert_eq!(fold(&latin.to_uppercase()), key, "{latin} in capitals");
        assert_eq!(fold(&cyrillic.to_uppercase()), key, "{cyrillic} in capitals");
    }
}

#[test]
fn product_words_fold_the_same_however_they_are_typed() {
    // (the Cyrillic, its key, the ways people type it)
    let cases: &[(&str, &str, &[&str])] = &[
        ("Цамц", "цамц", &["tsamts", "tsamc", "camc", "TSAMTS", "Tsamts"]),
        ("Гутал", "гутал", &["gutal", "Gutal", "GUTAL"]),
        ("Угаалга", "угаалга", &["ugaalga", "UGAALGA"]),
        ("Өмд", "омд", &["omd", "qmd", "ömd", "ÖMD", "o\u{308}md"]),
        (
            "Үнэт эдлэл",
            "унэт эдлэл",
            &["unet edlel", "vnet edlel", "ünet edlel", "wnet edlel"],
        ),
        (
            "Хувцас",
            "хууцас",
            &["huvtsas", "khuvtsas", "xuvcas", "huwtsas", "xuvtsas", "HUVTSAS"],
        ),
        ("Ширээ", "ширээ", &["shiree", "SHIREE"]),
        ("Чихэр", "чихэр", &["chiher", "chikher", "chixer"]),
        ("Жимс", "жимс", &["jims", "zhims"]),
        (
            "Зөгийн бал",
            "зогин бал",
            &["zogiin bal", "zögiin bal", "zogiyn bal", "zqgiin bal", "zogin bal"],
        ),
        ("Ээмэг", "ээмэг", &["eemeg", "EEMEG"]),
        ("Ёотон", "ёотон", &["yooton"]),
        ("Яндан", "яндан", &["yandan"]),
        ("Юүлүүр", "юулуур", &["yuuluur", "yuvlvvr", "yüülüür"]),
        ("Ерөнхий", "эронхи", &["yeronhii", "eronkhii", "yerönkhii", "eronhiy"]),
        ("Хийх", "хих", &["hiih", "khiikh", "xiix"]),
        ("Гоо сайхан", "гоо саихан", &["goo saihan", "goo sayhan", "goo saikhan"]),
        ("Эсхүл", "эсхул", &["eskhul", "eskhül"]),
        ("Нэгтсэн", "нэгцэн", &["negtsen", "negcen"]),
        ("Айраг", "аираг", &["airag", "ayrag"]),
        ("Морь", "мори", &["mori"]),
        (
            "Хүүхдийн хувцас",
            "хуухдин хууцас",
            &["huuhdiin huvtsas", "khüükhdiin khuvtsas", "hvvhdiin xuvcas"],
        ),
        ("Дэлгүүр", "дэлгуур", &["delguur", "delgvvr", "delgüür"]),
        (
            "Өвлийн гутал",
            "оулин гутал",
            &["ovliin gutal", "qvliin gutal", "öwliin gutal"],
        ),
    ];
    for &(cyrillic, key, typed) in cases {
        assert_eq!(fold(cyrillic), key, "{cyrillic}");
        for latin in typed {
            assert_eq!(fold(latin), key, "{latin} for {cyrillic}");
        }
    }
}

#[test]
fn fold_keeps_letters_and_digits_and_separates_words_by_anything_else() {
    let cases = [
        ("  ЦАМЦ,  Гутал!! ", "цамц гутал"),
        ("T-shirt 42", "т ширт 42"),
        ("GT-42-BLK", "гт 42 блк"),
        ("Café", "цафэ"),
        ("%_*\"'", ""),
        ("", ""),
        ("   ", ""),
        ("Ъ", ""),
        ("a\u{308}", "а"),
        ("100% хөвөн", "100 хоуон"),
        ("красный", "красни"),
        ("中文 abc", "中文 абц"),
    ];
    for (text, key) in cases {
        assert_eq!(fold(text), key, "{text:?}");
    }
}

#[test]
fn every_cyrillic_letter_folds_the_same_in_either_case() {
    for lower in "абвгдеёжзийклмноөпрстуүфхцчшщъыьэюя".chars() {
        let lower = lower.to_string();
        assert_eq!(fold(&lower.to_uppercase()), fold(&lower), "{lower}");
        assert_eq!(fold(&lower).is_empty(), lower == "ъ", "{lower}");
    }
}

#[test]
fn the_issues_examples_find_their_products() {
    let cases = [
        ("tsamts", "Цамц", Found::Word),
        ("gutal", "Гутал", Found::Word),
        ("ugaalga", "Угаалга", Found::Word),
        ("tsamc", "Цамц", Found::Word),
        ("ЦАМЦ", "Цамц", Found::Word),
        ("xuvcas", "Эмэгтэй хувцас", Found::Word),
        ("ugaal", "Угаалгын нунтаг", Found::Prefix),
        // «Угаалгын» ends its stem in ы, not а: one letter off the start of the word.
        ("ugaalga", "Угаалгын нунтаг", Found::Typo),
        ("гут", "Гутал", Found::Prefix),
        ("gutal", "Гуталчин", Found::Prefix),
        ("aalga", "Угаалга", Found::Inside),
        ("zogiin bal", "Зөгийн бал", Found::Word),
        ("vnet edlel", "Үнэт эдлэл", Found::Word),
    ];
    for (query, name, expected) in cases {
        assert_eq!(found(query, &[name]), Some(expected), "{query} for {name}");
    }
}

#[test]
fn a_word_of_five_letters_or_more_is_found_with_one_wrong_letter() {
    let cases = [
        ("ugalga", "Угаалга", Some(Found::Typo)),
        ("ugaalgaa", "Угаалга", Some(Found::Typo)),
        ("ugalga", "Угаалгачин", Some(Found::Typo)),
        ("gutla", "Гутал", Some(Found::Typo)),
        ("gytal", "Гутал", Some(Found::Typo)),
        ("гутад", "Гутал", Some(Found::Typo)),
        ("хувцс", "Хувцас", Some(Found::Typo)),
        ("tsamtz", "Цамц", Some(Found::Typo)),
        ("tsanc", "Цамц", Some(Found::Typo)),
        ("eshul", "Эсхүл", Some(Found::Typo)),
        ("shirts", "White shirt", Some(Found::Typo)),
        ("huvtsaz", "Хувцас, гутал", Some(Found::Typo)),
        ("ugaalgin", "Угаалгын нунтаг", Some(Found::Word)),
        // Shorter words are not guessed, nor two wrong letters.
        ("omb", "Өмд", None),
        ("gutl", "Гутал", None),
        ("чамц", "Цамц", None),
        ("gytla", "Гутал", None),
        ("ugxlgaa", "Угаалга", None),
    ];
    for (query, name, expected) in cases {
        assert_eq!(found(query, &[name]), expected, "{query} for {name}");
    }
}

#[test]
fn tsamts_finds_no_unrelated_word() {
    for name in [
        "Гутал",
        "Цамхаг",
        "Цай",
        "Самбар",
        "Цаас",
        "Хувцас",
        "Саммит",
        "Цагаан сүү",
        "T-shirt",
    ] {
        assert_eq!(find("tsamts", &[name]), None, "{name}");
    }
    assert_eq!(find("tsamts gutal", &["Цамц"]), None, "every word must be found");
    assert!(find("tsamts gutal", &["Цамц", "Гутал"]).is_some());
}

#[test]
fn names_descriptions_categories_and_skus_in_both_languages_are_searched() {
    let product = [
        "Эрэгтэй цамц",
        "Men's shirt",
        "Хөвөн, урт ханцуйтай",
        "Cotton",
        "Хувцас",
        "Clothes",
        "TS-001-XL",
    ];
    let cases = [
        ("tsamts", Some(Found::Word)),
        ("shirt", Some(Found::Word)),
        ("men", Some(Found::Word)),
        ("khovon", Some(Found::Word)),
        ("cotton", Some(Found::Word)),
        ("huvtsas", Some(Found::Word)),
        ("clothes", Some(Found::Word)),
        ("TS-001-XL", Some(Found::Word)),
        ("ts-001", Some(Found::Word)),
        ("ts001xl", Some(Found::Inside)),
        ("TS001", Some(Found::Inside)),
        ("001", Some(Found::Word)),
        ("ts-002", None),
        ("ts001xm", None),
        ("цамц гутал", None),
    ];
    for (query, expected) in cases {
        assert_eq!(found(query, &product), expected, "{query}");
    }
}

#[test]
fn a_number_is_never_guessed() {
    assert_eq!(find("ab12346", &["Цүнх", "AB-12345"]), None);
    assert_eq!(
        find("ab12345", &["Цүнх", "AB-12345"]).map(|score| score.weakest),
        Some(Found::Inside)
    );
}

#[test]
fn a_whole_word_ranks_above_a_start_above_a_typo() {
    let word = find("gutal", &["Гутал"]);
    let prefix = find("gutal", &["Гуталчин"]);
    let inside = find("utal", &["Гутал"]);
    let typo = find("gutla", &["Гутал"]);
    assert!(word > prefix, "{word:?} {prefix:?}");
    assert!(prefix > inside, "{prefix:?} {inside:?}");
    assert!(inside > typo, "{inside:?} {typo:?}");
    assert!(typo > None);
    // The weakest word decides first, then all the words' points.
    let both_whole = find("emegtei gutal", &["Эмэгтэй гутал"]);
    let one_start = find("emegtei gut", &["Эмэгтэй гутал"]);
    let one_typo = find("emegtei gutla", &["Эмэгтэй гутал"]);
    assert!(
        both_whole > one_start && one_start > one_typo,
        "{both_whole:?} {one_start:?} {one_typo:?}"
    );
    assert_eq!(
        both_whole,
        Some(Score {
            weakest: Found::Word,
            total: 8
        })
    );
}

#[test]
fn a_query_is_read_to_a_few_short_words() {
    assert_eq!(words("  Tsamts,  GUTAL "), ["цамц", "гутал"]);
    assert_eq!(words("a b c d e f g h i j k"), ["а", "б", "ц", "д", "э", "ф", "г", "х"]);
    assert_eq!(words(&"я".repeat(2_000)), ["я".repeat(WORD_CHARS_MAX)]);
    assert_eq!(words(&"ab ".repeat(1_000)).len(), WORDS_MAX);
    assert!(words("").is_empty());
    assert_eq!(
        find("", &["Цамц"]),
        None,
        "no words, nothing found: the caller shows its usual list"
    );
    assert_eq!(matches(&[], "цамц"), None);
}

#[test]
fn hostile_queries_return_quickly_without_panicking() {
    let long = "я".repeat(2_000);
    let mixed = "%_' \" NEAR * ".repeat(200);
    let many = "ab ".repeat(1_000);
    let marks = "\u{308}".repeat(2_000);
    let hostile = [
        "",
        " ",
        "%",
        "_",
        "'",
        "\"",
        "*",
        "NEAR",
        "a NEAR b",
        "\"цамц\"",
        "цамц*",
        "%цамц%",
        "_амц",
        "'; DROP TABLE products; --",
        "\u{0}",
        "\u{200b}",
        "\u{308}",
        "İ",
        "ﬁ",
    ];
    let hostile = hostile
        .into_iter()
        .chain([long.as_str(), mixed.as_str(), many.as_str(), marks.as_str()]);
    let haystack = fold(&"Угаалгын нунтаг, 3 кг. Washing powder, TS-001-XL. ".repeat(300));
    let started = std::time::Instant::now();
    for query in hostile {
        let read = words(query);
        assert!(read.len() <= WORDS_MAX, "{query:?}");
        assert!(
            read.iter()
                .all(|word| !word.is_empty() && word.chars().count() <= WORD_CHARS_MAX)
        );
        let _ = matches(&read, &haystack);
        let _ = find(query, &[query, "Цамц"]);
    }
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    for symbol in ["%", "_", "'", "\"", "*", "%%%", "\u{308}"] {
        assert!(words(symbol).is_empty(), "{symbol:?}");
    }
    assert_eq!(words("NEAR"), ["нэар"]);
    assert_eq!(words("цамц*"), ["цамц"]);
    assert_eq!(words(&mixed), ["нэар"; WORDS_MAX]);
}

#[test]
fn within_one_counts_one_wrong_missing_extra_or_swapped_letter() {
    let cases = [
        ("abcde", "abcde", true),
        ("abcde", "abxde", true),
        ("abcde", "abde", true),
        ("abcde", "abcdef", true),
        ("abcde", "xabcde", true),
        ("abcde", "bacde", true),
        ("abcde", "abced", true),
        ("", "a", true),
        ("ab", "ba", true),
        ("abcde", "axcdx", false),
        ("abcde", "abc", false),
        ("abcde", "badce", false),
        ("abcde", "bcdea", false),
        ("abcde", "acbed", false),
    ];
    for (a, b, expected) in cases {
        assert_eq!(within_one(&chars(a), &chars(b)), expected, "{a} {b}");
        assert_eq!(within_one(&chars(b), &chars(a)), expected, "{b} {a}");
    }
}

#[test]
fn the_skeleton_spells_a_key_in_plain_latin() {
    let cases = [
        ("цамц", "tsamts"),
        ("хууцас", "huutsas"),
        ("ёотон", "yooton"),
        ("чихэр", "chiher"),
        ("жимс", "jims"),
        ("гт42", "gt42"),
    ];
    for (key, latin) in cases {
        assert_eq!(skeleton(key), chars(latin), "{key}");
    }
}
