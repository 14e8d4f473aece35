//! The built site's JS, WASM and CSS (`/pkg/…`).
//!
//! A release build (`make release`) names them by their content (`delguur.<hash>.wasm`), lists the names in
//! `{LEPTOS_SITE_ROOT}/hash.txt`, and puts a brotli and a gzip copy beside each file. Such files are sent as they
//! were compressed at build time and cached for a year, because a new build gets new names. A debug build keeps
//! plain names, compressed on the fly and cached for five minutes.

use axum::http::HeaderValue;
use leptos::config::LeptosOptions;
use std::path::{Path, PathBuf};
use tower_http::services::ServeDir;

/// Where the release build lists its hashed names, in the site folder (the Makefile puts it there).
pub const HASH_FILE: &str = "hash.txt";

const FOR_A_YEAR: HeaderValue = HeaderValue::from_static("public, max-age=31536000, immutable");
const FOR_FIVE_MINUTES: HeaderValue = HeaderValue::from_static("public, max-age=300");

/// What the pages link to and how long browsers keep it.
#[derive(Debug, Clone)]
pub struct SiteFiles {
    /// The stylesheet's address.
    pub stylesheet: String,
    /// The names carry their content's hash.
    pub hashed: bool,
    folder: PathBuf,
    /// `/pkg/`.
    prefix: String,
}

impl SiteFiles {
    /// Reads the site's `hash.txt` when it has one, and tells Leptos to link the hashed names.
    pub fn detect(options: &mut LeptosOptions) -> SiteFiles {
        let list = Path::new(&*options.site_root).join(HASH_FILE);
        let folder = Path::new(&*options.site_root).join(&*options.site_pkg_dir);
        let plain = format!("/{}/{}", options.site_pkg_dir, options.output_name);
        let prefix = format!("/{}/", options.site_pkg_dir);
        let css_hash = std::fs::read_to_string(&list)
            .ok()
            .and_then(|hashes| hash_of(&hashes, "css"));
        let Some(hash) = css_hash else {
            return SiteFiles {
                stylesheet: format!("{plain}.css"),
                hashed: false,
                folder,
                prefix,
            };
        };
        options.hash_files = true;
        // Leptos reads the list from the executable's folder joined with this; an absolute path stays as it is.
        let list = std::path::absolute(&list).unwrap_or(list);
        options.hash_file = list.display().to_string().into();
        SiteFiles {
            stylesheet: format!("{plain}.{hash}.css"),
            hashed: true,
            folder,
            prefix,
        }
    }

    /// Serves `/pkg/`: the build's brotli or gzip copy when the browser takes it, else the file itself.
    pub fn service(&self) -> ServeDir {
        ServeDir::new(&self.folder).precompressed_br().precompressed_gzip()
    }

    /// Where the files are served: `/pkg/`.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// How long a browser or a proxy may keep a file of `/pkg/`.
    pub fn cache_control(&self) -> HeaderValue {
        if self.hashed { FOR_A_YEAR } else { FOR_FIVE_MINUTES }
    }
}

/// The hash of `kind` (`js`, `wasm`, `css`) in cargo-leptos's list: lines of `kind: hash`.
fn hash_of(hashes: &str, kind: &str) -> Option<String> {
    hashes
        .lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim() == kind)
        .map(|(_, hash)| hash.trim().to_owned())
        .filter(|hash| !hash.is_empty() && hash.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
}

#[cfg(test)]
mod tests {
    use super::hash_of;

    #[test]
    fn the_hash_list_names_each_file_by_kind() {
        let list = "js: 3GyBhUq7\nwasm: zdAv0A-_\ncss: mIuTq3\n";
        assert_eq!(hash_of(list, "css").as_deref(), Some("mIuTq3"));
        assert_eq!(hash_of(list, "wasm").as_deref(), Some("zdAv0A-_"));
        assert_eq!(hash_of(list, "split"), None);
        assert_eq!(hash_of("css: \n", "css"), None, "an empty hash is no hash");
        assert_eq!(hash_of("css: ../x\n", "css"), None, "a hash never names another folder");
    }
}
