//! How big an upload of the owner's may be, and the folder of pictures uploaded before they were kept in the
//! database (still served at `/media/`).

use std::path::PathBuf;

/// Where a product picture's files are kept (`PICTURE_STORE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureStoreKind {
    /// In the database (the default): every instance serves them at once, and a backup carries them.
    Database,
    /// In `MEDIA_DIR/pictures/`: the database stays small, the folder must be shared and backed up.
    Folder,
}

#[derive(Debug, Clone)]
pub struct MediaSettings {
    /// Where new pictures' files go (`PICTURE_STORE`, `database` or `folder`).
    pub store: PictureStoreKind,
    /// The folder pictures uploaded before were written to, served at `/media/` (`MEDIA_DIR`, default `data/media`).
    pub dir: PathBuf,
    /// The largest picture accepted, in bytes (`MEDIA_MAX_KB`, default 25,600: a phone camera's photo).
    pub max_bytes: usize,
    /// The largest spreadsheet the owner may import, in bytes (`SHEET_MAX_MB`, default 25).
    pub sheet_max_bytes: usize,
    /// The most data rows such a sheet may have (`SHEET_MAX_ROWS`, default 20,000).
    pub sheet_max_rows: usize,
}

const DEFAULT_DIR: &str = "data/media";
/// A phone's camera writes 3 to 12 MB (more for a 48-megapixel shot in the best quality); nothing is kept at that
/// size, the picture is redrawn at a few widths.
const DEFAULT_MAX_KB: usize = 25_600;
/// What a picture of [`crate::pictures::MAX_PIXELS`] may take as a file; a bigger upload is a mistake or an attack.
const LARGEST_MAX_KB: usize = 51_200;
/// 20,000 rows of a catalog with descriptions take a few MB as .xlsx and more as .csv.
const DEFAULT_SHEET_MB: usize = 25;
/// A sheet is read whole into memory (bounded by its rows), so its file is bounded too.
const LARGEST_SHEET_MB: usize = 100;
/// What a sheet's rows may be set to: the rows, the catalog and the plan are held at once (about 64 MB at 16,668
/// rows, docs/PERFORMANCE.md).
const LARGEST_SHEET_ROWS: usize = 100_000;

impl MediaSettings {
    /// Reads the variables through `get`, adding a line to `problems` for each bad one.
    pub fn read(get: &impl Fn(&str) -> Option<String>, problems: &mut Vec<String>) -> MediaSettings {
        let max_kb = count(get, problems, "MEDIA_MAX_KB", DEFAULT_MAX_KB, LARGEST_MAX_KB);
        let sheet_mb = count(get, problems, "SHEET_MAX_MB", DEFAULT_SHEET_MB, LARGEST_SHEET_MB);
        let sheet_rows = count(
            get,
            problems,
            "SHEET_MAX_ROWS",
            crate::domain::catalog_sheet::ROWS_MAX,
            LARGEST_SHEET_ROWS,
        );
        let store = match get("PICTURE_STORE").as_deref().map(str::trim) {
            None | Some("") | Some("database") => PictureStoreKind::Database,
            Some("folder") => PictureStoreKind::Folder,
            Some(other) => {
                problems.push(format!("PICTURE_STORE: database or folder, not {other:?}"));
                PictureStoreKind::Database
            }
        };
        MediaSettings {
            store,
            dir: PathBuf::from(get("MEDIA_DIR").unwrap_or(DEFAULT_DIR.into())),
            max_bytes: max_kb * 1024,
            sheet_max_bytes: sheet_mb * 1024 * 1024,
            sheet_max_rows: sheet_rows,
        }
    }
}

/// The variable `name` as a whole number from 1 to `largest`; `default` when it is not set, or (with a line in
/// `problems`) when it is anything else.
fn count(
    get: &impl Fn(&str) -> Option<String>,
    problems: &mut Vec<String>,
    name: &str,
    default: usize,
    largest: usize,
) -> usize {
    let Some(value) = get(name) else {
        return default;
    };
    match value.parse::<usize>() {
        Ok(count) if (1..=largest).contains(&count) => count,
        _ => {
            problems.push(format!(
                "{name}: must be a whole number from 1 to {largest}, not {value:?}"
            ));
            default
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_limits() {
        let mut problems = Vec::new();
        let media = MediaSettings::read(&|_| None, &mut problems);
        assert_eq!(
            (media.dir, media.max_bytes, media.sheet_max_bytes, media.sheet_max_rows),
            (PathBuf::from("data/media"), 25_600 * 1024, 25 * 1024 * 1024, 20_000)
        );
        let media = MediaSettings::read(
            &|name| match name {
                "MEDIA_DIR" => Some("/srv/shop/media".into()),
                "PICTURE_STORE" => Some("database".into()),
                _ => Some("64".into()),
            },
            &mut problems,
        );
        assert_eq!(
            (media.dir, media.max_bytes),
            (PathBuf::from("/srv/shop/media"), 64 * 1024)
        );
        assert!(problems.is_empty());
        MediaSettings::read(&|_| Some("0".into()), &mut problems);
        MediaSettings::read(&|_| Some("lots".into()), &mut problems);
        // Both "0" and "lots" are also not a store nor a sheet's size nor rows: four problems each.
        assert_eq!(problems.len(), 8, "{problems:?}");
        assert_eq!(media.store, PictureStoreKind::Database, "the database unless told");
        let folder = MediaSettings::read(
            &|name| (name == "PICTURE_STORE").then(|| "folder".into()),
            &mut problems,
        );
        assert_eq!(folder.store, PictureStoreKind::Folder);
    }
}
