//! The shop's search: one key for a word however a Mongolian types it, and whether a query's words are found in a
//! product's text (names, descriptions, categories and SKUs in both languages), ranked.
//!
//! Mongolians type Cyrillic, the MNS 5217:2012 romanization, or the informal texting forms beside it: "Цамц",
//! "tsamts", "tsamc", "camc" are one word. [`fold`] reads any text in two steps. Cyrillic letters are first spelled
//! in Latin close to MNS 5217 (х as "kh", ц as "ts", ө as "o", й and ы as "y", …); then all the Latin is read sound
//! by sound, with the texting forms, into a key of one (Cyrillic) letter per sound. As every text goes through the
//! same Latin reading, a Cyrillic word and each way of typing it meet in the same key: all four above fold to
//! "цамц".
//!
//! The key is coarser than Mongolian, on purpose, where Latin typing cannot tell letters apart:
//! - ө and о are one letter (о): "ö", "o" and "q" (texting) are all typed for ө.
//! - ү, у and в are one letter (у): texting types ү as "v" or "w", MNS types в as "v", so "v" cannot say which one
//!   is meant, and "vnet" must find «Үнэт» while "huvtsas" finds «Хувцас» (which folds to "хууцас").
//! - е and э are one letter (э): "ye" and "e" are typed for both.
//! - и, й, ы, ь and ий are one letter (и), and a run of them one: "i", "ii" and "y" are typed for all of them.
//! - "y" before a, o, u, e is я, ё, ю, е (э); anywhere else it is и (ы, й).
//! - "c" alone is ц ("xuvcas"), "ch" is ч; "kh", "h" and "x" are х; "j" and "zh" are ж; "sh" is ш (and щ).
//! - Letters that Latin writes as a digraph are read as it: Cyrillic тс folds as ц («Нэгтсэн», typed "negtsen"),
//!   as there is no telling them apart once typed. (х is spelled "kh" first, so сх, зх and кх stay two letters.)
//! - Accents and combining marks are dropped (é, ö); digits and other scripts' letters are kept; anything else (a
//!   space, punctuation, %, _, quotes, *) separates words. The key is lower case, its words one space apart.
//!
//! One letter per sound, rather than a Latin skeleton, makes a wrong Cyrillic letter one edit (ц for ч). A wrong
//! Latin letter inside a digraph ("tsamtz") is one edit of the plain Latin spelling instead (`skeleton`: ц as
//! "ts", х as "h"), so a near word is looked for in both (see [`matches`]).
//!
//! A query is read by [`words`]: at most [`WORDS_MAX`] words of at most [`WORD_CHARS_MAX`] letters, from its first
//! [`QUERY_CHARS_MAX`] characters, so a long or hostile query costs no more than a short one. Matching is done here
//! in Rust, the same on both engines; nothing from a query reaches SQL.

/// A query is read up to here.
pub const QUERY_CHARS_MAX: usize = 400;
/// A query's words beyond these are not looked for.
pub const WORDS_MAX: usize = 8;
/// A query word is cut here.
pub const WORD_CHARS_MAX: usize = 40;
/// A word of this many letters or more may have one wrong, missing, extra or swapped letter.
pub const TYPO_MIN: usize = 5;
/// The version of [`fold`]'s rules. Keys kept in the database carry the version they were made with
/// (`products.search_version`, db/search_keys.rs): raise it with any change to the rules, and every kept key is
/// made again when the shop starts.
pub const FOLD_VERSION: i64 = 1;

/// How a query word was found in a product's text, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Found {
    /// Within one letter of a word of the text, or of its start.
    Typo,
    /// Inside a word (or, for a word with a digit such as an SKU, across the text's word breaks).
    Inside,
    /// The start of a word.
    Prefix,
    /// A whole word.
    Word,
}

impl Found {
    fn points(self) -> u32 {
        match self {
            Found::Typo => 1,
            Found::Inside => 2,
            Found::Prefix => 3,
            Found::Word => 4,
        }
    }
}

/// How well a product matched a query: higher is better. A product whose weakest word was found better ranks
/// first (every word whole beats any typo), then by all its words' points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Score {
    pub weakest: Found,
    pub total: u32,
}

/// Any text as one comparable key: Cyrillic or Latin, either case, as Mongolians type it (see the module's notes).
/// A stored key is only good while these rules are: one kept in the database is folded again when they change.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut latin: Vec<char> = Vec::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if is_mark(c) {
            continue;
        }
        if let Some(spelled) = cyrillic(c) {
            latin.extend(spelled.chars());
        } else if c.is_alphanumeric() {
            latin.push(plain(c));
        } else {
            push_word(&mut folded, &latin);
            latin.clear();
        }
    }
    push_word(&mut folded, &latin);
    folded
}

/// The query's folded words: at most [`WORDS_MAX`], each at most [`WORD_CHARS_MAX`] letters, read from its first
/// [`QUERY_CHARS_MAX`] characters. Empty for a query with no letter or digit.
pub fn words(query: &str) -> Vec<String> {
    let read = match query.char_indices().nth(QUERY_CHARS_MAX) {
        Some((at, _)) => &query[..at],
        None => query,
    };
    fold(read)
        .split(' ')
        .filter(|word| !word.is_empty())
        .take(WORDS_MAX)
        .map(|word| word.chars().take(WORD_CHARS_MAX).collect())
        .collect()
}

/// Whether every word of a query (from [`words`]) is found in `haystack` (from [`fold`], of every field searched),
/// and how well. A word is found as a whole word, a word's start, inside a word, or, when it has [`TYPO_MIN`]
/// letters or more, within one wrong, missing, extra or swapped letter of a word or of its start. The letters are
/// counted, and the edit allowed, in the key or in its plain Latin spelling (`skeleton`): "гутад" and "gytal"
/// find «Гутал», "tsamtz" finds «Цамц». A word with a digit (an SKU) is never guessed, but is also looked for
/// across the text's word breaks, as SKUs are typed with or without their dashes. `None` when a word is not found,
/// and for a query without words (the caller shows its usual list instead).
pub fn matches(query_words: &[String], haystack: &str) -> Option<Score> {
    matches_with(query_words, haystack, Typos::Forgiven)
}

/// Whether [`matches_with`] forgives a wrong letter. Finding a word as typed is cheap (a comparison per word of the
/// text); forgiving a letter spells every word of the text out, many times the cost, so a catalog's search looks
/// as typed first and forgives only when that finds nothing (`catalog/listing.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typos {
    Forgiven,
    NotForgiven,
}

/// [`matches`], forgiving a wrong letter or not.
pub fn matches_with(query_words: &[String], haystack: &str, typos: Typos) -> Option<Score> {
    if query_words.is_empty() {
        return None;
    }
    let hay: Vec<&str> = haystack.split_whitespace().collect();
    // Spelled out on the first word that needs a near look, once for all the query's words.
    let mut spelled: Option<Vec<Spelled>> = None;
    let mut score = Score {
        weakest: Found::Word,
        total: 0,
    };
    for word in query_words {
        let found = match plain_find(word, &hay, haystack) {
            Some(found) => found,
            None if typos == Typos::NotForgiven => return None,
            None => {
                let near = spelled.get_or_insert_with(|| hay.iter().map(|h| Spelled::of(h)).collect());
                typo_find(word, near)?
            }
        };
        score.weakest = score.weakest.min(found);
        score.total += found.points();
    }
    Some(score)
}

/// A query as typed against a product's fields as stored: [`matches`] of its [`words`] in the fields [`fold`]ed.
pub fn find(query: &str, fields: &[&str]) -> Option<Score> {
    matches(&words(query), &fold(&fields.join(" ")))
}

/// A folded word in plain Latin, one letter per Latin letter (ц as "ts", ш as "sh", х as "h"): where one wrong
/// Latin letter is one edit.
fn skeleton(key: &str) -> Vec<char> {
    let mut latin = Vec::with_capacity(key.len());
    for c in key.chars() {
        match c {
            'х' => latin.push('h'),
            _ => match cyrillic(c) {
                Some(spelled) => latin.extend(spelled.chars()),
                None => latin.push(c),
            },
        }
    }
    latin
}

/// A Cyrillic letter (lower case) spelled in Latin close to MNS 5217:2012, accents left off (ө as "o", ү as "u"),
/// й and ы as "y" (so that йо reads as ё); `None` for any other character.
fn cyrillic(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'э' => "e",
        'ё' => "yo",
        'ж' => "j",
        'з' => "z",
        'и' | 'ь' => "i",
        'й' | 'ы' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' | 'ө' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ү' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' | 'щ' => "sh",
        'ъ' => "",
        'ю' => "yu",
        'я' => "ya",
        _ => return None,
    })
}

/// A Latin letter (lower case) without its accent; any other character as it is.
fn plain(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
        'ł' => 'l',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' => 'r',
        'ś' | 'š' | 'ß' => 's',
        'ť' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        _ => c,
    }
}

/// A combining accent (ö typed as o and U+0308): dropped, so it neither stays nor splits the word.
fn is_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// One word, read from its Latin spelling into the key, after `folded` (a space between).
fn push_word(folded: &mut String, latin: &[char]) {
    if latin.is_empty() {
        return;
    }
    if !folded.is_empty() {
        folded.push(' ');
    }
    let mut at = 0;
    let mut last = None;
    while at < latin.len() {
        let (key, used) = sound(latin[at], latin.get(at + 1).copied());
        at += used;
        if key == 'и' && last == Some('и') {
            continue;
        }
        folded.push(key);
        last = Some(key);
    }
}

/// The key letter of the sound that starts with `c`, and how many Latin letters it took (two for a digraph).
fn sound(c: char, next: Option<char>) -> (char, usize) {
    let digraph = match (c, next) {
        ('t', Some('s')) => Some('ц'),
        ('c', Some('h')) => Some('ч'),
        ('s', Some('h')) => Some('ш'),
        ('z', Some('h')) => Some('ж'),
        ('k', Some('h')) => Some('х'),
        ('y', Some('a')) => Some('я'),
        ('y', Some('o')) => Some('ё'),
        ('y', Some('u')) => Some('ю'),
        ('y', Some('e')) => Some('э'),
        _ => None,
    };
    if let Some(key) = digraph {
        return (key, 2);
    }
    let key = match c {
        'a' => 'а',
        'b' => 'б',
        'c' => 'ц',
        'd' => 'д',
        'e' => 'э',
        'f' => 'ф',
        'g' => 'г',
        'h' | 'x' => 'х',
        'i' | 'y' => 'и',
        'j' => 'ж',
        'k' => 'к',
        'l' => 'л',
        'm' => 'м',
        'n' => 'н',
        'o' | 'q' => 'о',
        'p' => 'п',
        'r' => 'р',
        's' => 'с',
        't' => 'т',
        'u' | 'v' | 'w' => 'у',
        'z' => 'з',
        // A digit, or another script's letter.
        _ => c,
    };
    (key, 1)
}

/// A query word found without a guess: the best of its places in the text's words, or, for a word with a digit,
/// across the text's word breaks.
fn plain_find(word: &str, hay: &[&str], haystack: &str) -> Option<Found> {
    let mut best: Option<Found> = None;
    for h in hay {
        let found = if *h == word {
            Found::Word
        } else if h.starts_with(word) {
            Found::Prefix
        } else if h.contains(word) {
            Found::Inside
        } else {
            continue;
        };
        best = best.max(Some(found));
        if found == Found::Word {
            break;
        }
    }
    if best.is_none() && word.chars().any(char::is_numeric) && haystack.replace(' ', "").contains(word) {
        best = Some(Found::Inside);
    }
    best
}

/// A word of the text in both spellings where a typo is looked for.
struct Spelled {
    key: Vec<char>,
    skeleton: Vec<char>,
}

impl Spelled {
    fn of(word: &str) -> Self {
        Spelled {
            key: word.chars().collect(),
            skeleton: skeleton(word),
        }
    }
}

/// A query word found within one letter of a word of the text, or of its start.
fn typo_find(word: &str, hay: &[Spelled]) -> Option<Found> {
    if word.chars().any(char::is_numeric) {
        return None;
    }
    let typed = Spelled::of(word);
    let by_key = typed.key.len() >= TYPO_MIN;
    let by_skeleton = typed.skeleton.len() >= TYPO_MIN;
    hay.iter()
        .any(|h| {
            (by_key && near_start(&typed.key, &h.key)) || (by_skeleton && near_start(&typed.skeleton, &h.skeleton))
        })
        .then_some(Found::Typo)
}

/// Whether `typed` is within one edit of `word` or of one of its starts (only those one letter shorter or longer
/// than `typed` can be).
fn near_start(typed: &[char], word: &[char]) -> bool {
    let shortest = typed.len().saturating_sub(1);
    (shortest..=typed.len() + 1).any(|n| n <= word.len() && within_one(typed, &word[..n]))
}

/// Whether `a` and `b` differ by at most one letter wrong, missing, extra, or two side by side swapped (Damerau):
/// one pass, no table.
fn within_one(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let Some(at) = short.iter().zip(long).position(|(x, y)| x != y) else {
        // Equal, or the longer one has one more letter at its end.
        return true;
    };
    if short.len() == long.len() {
        let swapped = at + 1 < short.len()
            && short[at] == long[at + 1]
            && short[at + 1] == long[at]
            && short[at + 2..] == long[at + 2..];
        swapped || short[at + 1..] == long[at + 1..]
    } else {
        short[at..] == long[at + 1..]
    }
}

#[cfg(test)]
mod tests;
