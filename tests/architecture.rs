//! The shape of the code, checked: arrows point one way (README's "Architecture"), files and functions stay short
//! enough to read in one sitting, and README's map names every file under `src/`. Reads the source tree only.

use std::{
    collections::BTreeMap,
    fs,
    path::{Path, PathBuf},
};

const FEATURES: [&str; 7] = [
    "catalog",
    "cart",
    "checkout",
    "payment",
    "find_order",
    "shop_pages",
    "admin",
];
/// Modules every feature may import, which import no feature.
const BELOW_FEATURES: [&str; 17] = [
    "shop_identity.rs",
    "messaging",
    "ui.rs",
    "sms_sandbox.rs",
    "web",
    "domain",
    "db",
    "qpay",
    "qpay_sandbox",
    "i18n",
    "error.rs",
    "config.rs",
    "config",
    "limits.rs",
    "live.rs",
    "random.rs",
    "ub_time.rs",
];
const LONGEST_FILE: usize = 400;
/// Longer than this, a function is steps that want names of their own.
const LONGEST_FUNCTION: usize = 100;
/// Data, not code to read through.
const LONG_BY_NATURE: [&str; 1] = ["db/seed.rs"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, by its path relative to `src/`.
fn rust_files(dir: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let name = path.strip_prefix(src()).unwrap().to_string_lossy().replace('\\', "/");
                files.push((name, fs::read_to_string(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

/// The files under `src/<part>` (a folder or a single file).
fn files_of(part: &str) -> Vec<(String, String)> {
    let path = src().join(part);
    if path.is_dir() {
        rust_files(&path)
    } else {
        vec![(part.to_owned(), fs::read_to_string(path).unwrap())]
    }
}

/// The crate's top-level modules a file reaches through `crate::…`, including inside `use crate::{a::…, b};`.
fn crate_modules(text: &str) -> Vec<String> {
    let ident = |s: &str| -> String { s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect() };
    let mut modules = Vec::new();
    for (at, needle) in text.match_indices("crate::") {
        let rest = &text[at + needle.len()..];
        let Some(group) = rest.strip_prefix('{') else {
            modules.push(ident(rest));
            continue;
        };
        // The items of the group at its own depth: the first name of each is a module.
        let (mut depth, mut item_start) = (0usize, 0usize);
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    modules.push(ident(group[item_start..i].trim_start()));
                    break;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    modules.push(ident(group[item_start..i].trim_start()));
                    item_start = i + 1;
                }
                _ => {}
            }
        }
    }
    modules.retain(|m| !m.is_empty());
    modules
}

/// The files of `parts` that reach any of `modules` through `crate::`.
fn importing(parts: &[&str], modules: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for part in parts {
        for (name, text) in files_of(part) {
            for module in crate_modules(&text) {
                if modules.contains(&module.as_str()) {
                    found.push(format!("{name} imports crate::{module}"));
                }
            }
        }
    }
    found.dedup();
    found
}

#[test]
fn features_never_import_the_router_the_routes_or_the_service_graph() {
    let found = importing(&FEATURES, &["server", "app", "services"]);
    assert!(found.is_empty(), "arrows must point down:\n{}", found.join("\n"));
}

/// Which features each feature may use: the shop's steps in order (a shopper's cart before checkout, checkout
/// before payment), the owner's side last. Anything else would be an arrow pointing back.
const FEATURE_ARROWS: [(&str, &[&str]); 7] = [
    ("shop_pages", &[]),
    ("cart", &[]),
    ("catalog", &["cart"]),
    ("payment", &[]),
    ("checkout", &["cart", "payment"]),
    ("find_order", &[]),
    ("admin", &["cart", "catalog", "checkout", "payment"]),
];

#[test]
fn features_use_only_the_features_before_them() {
    let mut found = Vec::new();
    for (feature, allowed) in FEATURE_ARROWS {
        let others: Vec<&str> = FEATURES
            .iter()
            .copied()
            .filter(|other| *other != feature && !allowed.contains(other))
            .collect();
        found.extend(importing(&[feature], &others));
    }
    assert!(
        found.is_empty(),
        "arrows between features point one way:\n{}",
        found.join("\n")
    );
}

#[test]
fn shared_modules_import_no_feature() {
    let above: Vec<&str> = FEATURES.iter().copied().chain(["server", "app", "services"]).collect();
    let found = importing(&BELOW_FEATURES, &above);
    assert!(
        found.is_empty(),
        "shared pieces sit below the features:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_source_file_is_longer_than_one_sitting() {
    let long: Vec<String> = rust_files(&src())
        .into_iter()
        .filter(|(name, _)| !LONG_BY_NATURE.contains(&name.as_str()))
        .filter(|(name, _)| !name.ends_with("tests.rs"))
        .map(|(name, text)| (name, text.lines().count()))
        .filter(|(_, lines)| *lines > LONGEST_FILE)
        .map(|(name, lines)| format!("{name}: {lines} lines"))
        .collect();
    assert!(long.is_empty(), "over {LONGEST_FILE} lines:\n{}", long.join("\n"));
}

/// The index just past the first `end` at or after `from`, each line break passed kept on `code`.
fn skip_past(chars: &[char], from: usize, end: &[char], code: &mut String) -> usize {
    let mut at = from;
    while at < chars.len() && !chars[at..].starts_with(end) {
        if chars[at] == '\n' {
            code.push('\n');
        }
        at += 1;
    }
    at + end.len()
}

/// Where the comment, string or char literal starting at `chars[at]` ends (the index past it, or the line break
/// ending a `//` comment), pushing a blank literal and the line breaks inside onto `code`; `None` when none starts.
fn past_comment_or_literal(chars: &[char], at: usize, code: &mut String) -> Option<usize> {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let next = chars.get(at + 1).copied();
    match chars[at] {
        '/' if next == Some('/') => {
            let mut end = at + 2;
            while end < chars.len() && chars[end] != '\n' {
                end += 1;
            }
            Some(end)
        }
        '/' if next == Some('*') => Some(skip_past(chars, at + 2, &['*', '/'], code)),
        '"' => {
            let mut end = at + 1;
            while end < chars.len() && chars[end] != '"' {
                if chars[end] == '\\' {
                    end += 1;
                }
                if chars.get(end) == Some(&'\n') {
                    code.push('\n');
                }
                end += 1;
            }
            code.push_str("\"\"");
            Some(end + 1)
        }
        // A raw string, `r"…"`, `r#"…"#` or `br"…"`, not the end of a name such as `for`.
        'r' if at == 0 || !ident(chars[at - 1]) || (chars[at - 1] == 'b' && (at < 2 || !ident(chars[at - 2]))) => {
            let hashes = chars[at + 1..].iter().take_while(|&&c| c == '#').count();
            if chars.get(at + 1 + hashes) != Some(&'"') {
                return None;
            }
            let end: Vec<char> = format!("\"{}", "#".repeat(hashes)).chars().collect();
            let past = skip_past(chars, at + 2 + hashes, &end, code);
            code.push_str("\"\"");
            Some(past)
        }
        // A char literal: an escape (`'\''`, `'\u{7f}'`) up to its closing quote, or one char; not a lifetime.
        '\'' if next == Some('\\') => {
            let past = skip_past(chars, at + 3, &['\''], code);
            code.push_str("' '");
            Some(past)
        }
        '\'' if chars.get(at + 2) == Some(&'\'') => {
            code.push_str("' '");
            Some(at + 3)
        }
        _ => None,
    }
}

/// `text` with its comments, strings and char literals blanked, line breaks kept: the braces left are the code's.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut code = String::with_capacity(text.len());
    let mut at = 0;
    while at < chars.len() {
        match past_comment_or_literal(&chars, at, &mut code) {
            Some(past) => at = past,
            None => {
                code.push(chars[at]);
                at += 1;
            }
        }
    }
    code
}

/// The name of the function a line of code starts (`pub(crate) async fn name…`), if it starts one.
fn function_name(line: &str) -> Option<&str> {
    let mut rest = line.trim_start();
    if let Some(scoped) = rest.strip_prefix("pub(") {
        rest = scoped.split_once(')')?.1.trim_start();
    } else if let Some(public) = rest.strip_prefix("pub ") {
        rest = public.trim_start();
    }
    for qualifier in ["const ", "async ", "unsafe "] {
        if let Some(unqualified) = rest.strip_prefix(qualifier) {
            rest = unqualified.trim_start();
        }
    }
    let rest = rest.strip_prefix("fn ")?.trim_start();
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    Some(&rest[..end]).filter(|name| !name.is_empty())
}

/// Which of `lines` (the first starting a function) closes the function's body; `None` for a declaration without
/// one (`fn name(x: [u8; 2]);`).
fn closing_line(lines: &[&str]) -> Option<usize> {
    let (mut nesting, mut depth) = (0i32, 0usize);
    for (at, line) in lines.iter().enumerate() {
        for c in line.chars() {
            match c {
                '(' | '[' if depth == 0 => nesting += 1,
                ')' | ']' if depth == 0 => nesting -= 1,
                ';' if depth == 0 && nesting == 0 => return None,
                '{' => depth += 1,
                '}' if depth == 1 => return Some(at),
                '}' if depth > 1 => depth -= 1,
                _ => {}
            }
        }
    }
    None
}

/// Each function of a file, its unit tests left out: its line (from 1), its name, and its lines from the `fn` line
/// to its closing brace.
fn function_lengths(text: &str) -> Vec<(usize, String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    // `#[cfg(test)] mod tests { … }`: the tests, not the file's functions, from there on.
    let end = (0..lines.len().saturating_sub(1))
        .find(|&at| {
            let next = lines[at + 1].trim();
            lines[at].trim() == "#[cfg(test)]" && next.starts_with("mod tests") && !next.ends_with(';')
        })
        .unwrap_or(lines.len());
    let code = code_only(&lines[..end].join("\n"));
    let code: Vec<&str> = code.lines().collect();
    let mut found = Vec::new();
    for (start, line) in code.iter().enumerate() {
        if let Some(name) = function_name(line)
            && let Some(last) = closing_line(&code[start..])
        {
            found.push((start + 1, name.to_owned(), last + 1));
        }
    }
    found
}

#[test]
fn no_function_is_longer_than_100_lines() {
    let long: Vec<String> = rust_files(&src())
        .into_iter()
        .filter(|(name, _)| !LONG_BY_NATURE.contains(&name.as_str()))
        .filter(|(name, _)| !name.ends_with("tests.rs") && !name.split('/').any(|part| part == "tests"))
        .flat_map(|(name, text)| {
            function_lengths(&text)
                .into_iter()
                .filter(|(_, _, lines)| *lines > LONGEST_FUNCTION)
                .map(move |(line, function, lines)| format!("{name}:{line} {function}: {lines} lines"))
        })
        .collect();
    assert!(
        long.is_empty(),
        "functions over {LONGEST_FUNCTION} lines:\n{}",
        long.join("\n")
    );
}

/// The name of the struct a line of code declares (`pub(crate) struct Name…`), if it declares one.
fn struct_name(line: &str) -> Option<&str> {
    let mut rest = line.trim_start();
    if let Some(scoped) = rest.strip_prefix("pub(") {
        rest = scoped.split_once(')')?.1.trim_start();
    } else if let Some(public) = rest.strip_prefix("pub ") {
        rest = public.trim_start();
    }
    let rest = rest.strip_prefix("struct ")?.trim_start();
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    Some(&rest[..end]).filter(|name| !name.is_empty())
}

/// Forms at the edge, rules in the domain: what a browser posts (a struct named `…Input` or `…Form`, every field a
/// string) is read in the feature that shows the page (`admin/<section>/form.rs`, `checkout/form.rs`); `domain/`
/// holds the typed values it becomes and the rules they follow.
#[test]
fn no_form_is_declared_in_the_domain() {
    let found: Vec<String> = files_of("domain")
        .into_iter()
        .flat_map(|(name, text)| {
            code_only(&text)
                .lines()
                .filter_map(|line| struct_name(line).map(str::to_owned))
                .filter(|form| form.ends_with("Input") || form.ends_with("Form"))
                .map(|form| format!("{name}: {form}"))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        found.is_empty(),
        "a form belongs to the page that posts it, not to domain/:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_form_check_reads_struct_names() {
    assert_eq!(struct_name("pub struct ZoneInput {"), Some("ZoneInput"));
    assert_eq!(struct_name("    pub(crate) struct CodeForm;"), Some("CodeForm"));
    assert_eq!(struct_name("struct Check(Vec<FieldError>);"), Some("Check"));
    assert_eq!(struct_name("pub fn form() -> Form {"), None);
    let text = "/// Not `struct FakeForm`.\nlet s = \"struct TextForm\";\npub struct RealForm {}\n";
    let names: Vec<String> = code_only(text)
        .lines()
        .filter_map(|line| struct_name(line).map(str::to_owned))
        .collect();
    assert_eq!(names, ["RealForm"], "comments and strings are not code");
}

/// `text`'s chars with its comments blanked (line breaks kept) and its string and char literals kept, and for each
/// char whether it is inside a literal.
fn literals_kept(text: &str) -> (Vec<char>, Vec<bool>) {
    let chars: Vec<char> = text.chars().collect();
    let mut kept: Vec<char> = Vec::with_capacity(chars.len());
    let mut literal: Vec<bool> = Vec::with_capacity(chars.len());
    let mut at = 0;
    while at < chars.len() {
        match past_comment_or_literal(&chars, at, &mut String::new()).map(|past| past.min(chars.len())) {
            Some(past) if chars[at] == '/' => {
                kept.extend(chars[at..past].iter().map(|&c| if c == '\n' { '\n' } else { ' ' }));
                literal.resize(kept.len(), false);
                at = past;
            }
            Some(past) => {
                kept.extend_from_slice(&chars[at..past]);
                literal.resize(kept.len(), true);
                at = past;
            }
            None => {
                kept.push(chars[at]);
                literal.push(false);
                at += 1;
            }
        }
    }
    (kept, literal)
}

/// Where the value of the match arm whose pattern names a language at `at` (just past `Lang::Mn`) starts: past the
/// `=>` on the same line and a `{` or `(` opening it; `None` when no arm follows (`Lang::Mn,` in a list).
fn arm_value(chars: &[char], mut at: usize) -> Option<usize> {
    while chars.get(at) != Some(&'=') || chars.get(at + 1) != Some(&'>') {
        match chars.get(at) {
            None | Some('\n' | ';' | '{' | '}' | '=') => return None,
            _ => at += 1,
        }
    }
    at += 2;
    while chars.get(at).is_some_and(|c| *c == ' ') {
        at += 1;
    }
    if matches!(chars.get(at), Some('{' | '(')) {
        at += 1;
    }
    Some(at)
}

/// The lines (from 1) of `text` that write a text and its translation in place: `pick(` with a string literal
/// first (on the next line too), or an arm of `Lang::Mn` or `Lang::En` whose value starts with a string literal or
/// `format!("…")`.
fn text_pairs_in_place(text: &str) -> Vec<usize> {
    let (chars, literal) = literals_kept(text);
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let starts = |at: usize, word: &str| word.chars().enumerate().all(|(i, c)| chars.get(at + i) == Some(&c));
    let past_space = |mut at: usize| {
        while chars.get(at).is_some_and(|c| c.is_whitespace()) {
            at += 1;
        }
        at
    };
    let a_text = |at: usize| {
        let at = if starts(at, "format!(") { past_space(at + 8) } else { at };
        literal.get(at) == Some(&true) && chars[at] != '\''
    };
    let mut lines = Vec::new();
    for at in 0..chars.len() {
        if literal[at] || (at > 0 && ident(chars[at - 1])) {
            continue;
        }
        let value = if starts(at, "pick(") {
            Some(past_space(at + 5))
        } else if (starts(at, "Lang::Mn") || starts(at, "Lang::En")) && !chars.get(at + 8).is_some_and(|&c| ident(c)) {
            arm_value(&chars, at + 8).map(past_space)
        } else {
            None
        };
        if value.is_some_and(a_text) {
            lines.push(chars[..at].iter().filter(|&&c| c == '\n').count() + 1);
        }
    }
    lines
}

#[test]
fn a_text_and_its_translation_are_written_side_by_side_in_i18n_only() {
    let found: Vec<String> = rust_files(&src())
        .into_iter()
        .filter(|(name, _)| !name.starts_with("i18n/"))
        .flat_map(|(name, text)| {
            text_pairs_in_place(&text)
                .into_iter()
                .map(move |line| format!("{name}:{line}"))
        })
        .collect();
    assert!(
        found.is_empty(),
        "a fixed text goes in a part of src/i18n/ with its translation beside it (lang.pick is for the database's \
         pairs):\n{}",
        found.join("\n")
    );
}

/// README's map: each entry of the `src/` tree (`  name   text…` and the lines indented below it).
fn readme_map() -> BTreeMap<String, String> {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme
        .find("```\nsrc/\n")
        .expect("README's architecture map starts with src/");
    let block = &readme[start + 8..];
    let block = &block[..block.find("```").unwrap()];
    let mut entries = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in block.lines() {
        if let Some(entry) = line.strip_prefix("  ").filter(|rest| !rest.starts_with(' ')) {
            let name = entry.split_whitespace().next().unwrap().to_owned();
            entries.insert(name.clone(), entry.to_owned());
            current = Some(name);
        } else if line.starts_with("    ")
            && let Some(name) = &current
        {
            let text = entries.get_mut(name).unwrap();
            text.push(' ');
            text.push_str(line.trim());
        } else {
            // Back at the top (`migrations/`, `tests/`, ...): no longer inside `src/`.
            current = None;
        }
    }
    entries
}

/// Whether `text` names `file` on its own, not as the end of a longer path or name (`pages.rs` is not named by
/// `catalog/pages.rs`, nor `mod.rs` by `...`).
fn names(text: &str, file: &str) -> bool {
    text.match_indices(file).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + file.len()..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '/')
            && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

#[test]
fn the_readme_map_names_every_file_under_src() {
    let map = readme_map();
    let mut missing = Vec::new();
    for (name, _) in rust_files(&src()) {
        let (entry, rest) = match name.split_once('/') {
            Some((folder, rest)) => (format!("{folder}/"), rest.to_owned()),
            None => (name.clone(), name.clone()),
        };
        match map.get(&entry) {
            Some(text) if names(text, &rest) => {}
            Some(_) => missing.push(format!("{name}: not named in the entry {entry}")),
            None => missing.push(format!("{name}: README's map has no entry {entry}")),
        }
    }
    for entry in map.keys() {
        if !src().join(entry.trim_end_matches('/')).exists() {
            missing.push(format!("{entry}: in README's map, not in src/"));
        }
    }
    assert!(
        missing.is_empty(),
        "README's architecture map is out of date:\n{}",
        missing.join("\n")
    );
}

#[test]
fn imports_are_found_in_groups_too() {
    let text = "use crate::{\n    cart::CartView,\n    domain::{Mnt, ebarimt::Receiver},\n    i18n::Lang,\n};\nlet s = crate::server::x;";
    assert_eq!(crate_modules(text), ["cart", "domain", "i18n", "server"]);
}

#[test]
fn the_function_check_counts_only_the_code_s_braces() {
    let text = r##"pub(crate) async fn one() {
    let s = "}\"}"; // }
    let c = ('}', '\'', '{');
    let r = r#""}"#;
}
fn declared(x: [u8; 2]);
fn two<'a>(x: &'a str) {
    if x.is_empty() {
    }
}
#[cfg(test)]
mod tests {
    fn three() {}
}
"##;
    assert_eq!(
        function_lengths(text),
        [(1, "one".to_owned(), 5), (7, "two".to_owned(), 4)]
    );
}

#[test]
fn the_map_check_sees_a_missing_file() {
    assert!(names("pages.rs (the list)", "pages.rs"));
    assert!(!names("catalog/pages.rs", "pages.rs"), "a longer path does not name it");
    assert!(!names("admin_orders.rs", "orders.rs"), "nor a longer name");
    assert!(names("orders/updates.rs", "orders/updates.rs"));
}

#[test]
fn the_text_pair_check_sees_pairs_outside_comments_and_strings() {
    let pairs = r##"let a = lang.pick("Сагс", "Cart");
let b = pick(
    "Сагс",
    "Cart",
);
let c = match lang {
    Lang::Mn => format!("{n} ширхэг"),
    crate::i18n::Lang::En => "pieces".to_owned(),
};
let d = match (refused, lang) {
    (Refused::Over, Lang::Mn) => { "Дууссан".into() }
    (Lang::En, Event::Paid) => (r"Paid".into(), 1),
};
"##;
    assert_eq!(text_pairs_in_place(pairs), [1, 2, 7, 8, 11, 12]);
    let fine = r##"let name = lang.pick(&row.name_mn, &row.name_en);
// lang.pick("Сагс", "Cart") in a comment
let s = "pick(\"not a call\") Lang::Mn => \"no\"";
let t = match lang { Lang::Mn => texts.mn, Lang::En => texts.en };
for lang in [Lang::Mn, Lang::En] {}
let u = unpick("x");
"##;
    assert!(text_pairs_in_place(fine).is_empty());
}
