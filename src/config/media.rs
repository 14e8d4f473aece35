//! Where the owner's uploaded product pictures are kept, and how big one may be.

use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct MediaSettings {
    /// The folder uploads are written to and served from at `/media/` (`MEDIA_DIR`, default `data/media`).
    pub dir: PathBuf,
    /// The largest picture accepted, in bytes (`MEDIA_MAX_KB`, default 2048).
    pub max_bytes: usize,
}

const DEFAULT_DIR: &str = "data/media";
const DEFAULT_MAX_KB: usize = 2_048;
/// A phone photo rarely needs more; a bigger upload is a mistake or an attack on the disk.
const LARGEST_MAX_KB: usize = 20_480;

impl MediaSettings {
    /// Reads the variables through `get`, adding a line to `problems` for each bad one.
    pub fn read(get: &impl Fn(&str) -> Option<String>, problems: &mut Vec<String>) -> MediaSettings {
        let max_kb = match get("MEDIA_MAX_KB") {
            None => DEFAULT_MAX_KB,
            Some(value) => match value.parse::<usize>() {
                Ok(kb) if (1..=LARGEST_MAX_KB).contains(&kb) => kb,
                _ => {
                    problems.push(format!(
                        "MEDIA_MAX_KB: must be a whole number from 1 to {LARGEST_MAX_KB}, not {value:?}"
                    ));
                    DEFAULT_MAX_KB
                }
            },
        };
        MediaSettings {
            dir: PathBuf::from(get("MEDIA_DIR").unwrap_or(DEFAULT_DIR.into())),
            max_bytes: max_kb * 1024,
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
            (media.dir, media.max_bytes),
            (PathBuf::from("data/media"), 2_048 * 1024)
        );
        let media = MediaSettings::read(
            &|name| match name {
                "MEDIA_DIR" => Some("/srv/shop/media".into()),
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
        assert_eq!(problems.len(), 2, "{problems:?}");
    }
}
