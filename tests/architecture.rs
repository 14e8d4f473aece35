//! The shape of the code, checked: arrows point one way (README's "Architecture"), files stay short enough to read
//! in one sitting, and README's map names every file under `src/`. Reads the source tree only.

use std::{
    collections::BTreeMap,
    fs,
    path::{Path, PathBuf},
};

const FEATURES: [&str; 6] = ["catalog", "cart", "checkout", "payment", "find_order", "admin"];
/// Modules every feature may import, which import no feature.
const BELOW_FEATURES: [&str; 17] = [
    "email.rs",
    "ui.rs",
    "sms",
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
const FEATURE_ARROWS: [(&str, &[&str]); 6] = [
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
fn the_map_check_sees_a_missing_file() {
    assert!(names("pages.rs (the list)", "pages.rs"));
    assert!(!names("catalog/pages.rs", "pages.rs"), "a longer path does not name it");
    assert!(!names("admin_orders.rs", "orders.rs"), "nor a longer name");
    assert!(names("orders/updates.rs", "orders/updates.rs"));
}
