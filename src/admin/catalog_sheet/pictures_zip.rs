//! The .zip of new pictures sent beside a sheet: its files by their own names (folders inside it left out, so a zip
//! made of a folder works), each read only when the sheet names it and never past the shop's picture size. A zip
//! may claim any size for a file, so what is read is bounded by what is allowed, not by what it claims.

use std::io::{Cursor, Read};

/// The most files a zip may hold: a catalog's new pictures, not a phone's whole gallery.
pub const FILES_MAX: usize = 2_000;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ZipError {
    #[error("not a readable .zip")]
    Unreadable,
    #[error("more than {FILES_MAX} files")]
    TooMany,
    /// A named file larger than the shop's largest picture: its name.
    #[error("{0} is larger than a picture may be")]
    TooLarge(String),
}

/// The zip's files by their own names, in its order, read lazily.
pub struct PicturesZip<'a> {
    /// Over the upload's own bytes: a zip of pictures may be 100 MB, and is not copied to be read.
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// (name without folders, index in the archive) of each file, the macOS resource copies and hidden files left out.
    names: Vec<(String, usize)>,
}

impl<'a> PicturesZip<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<PicturesZip<'a>, ZipError> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| ZipError::Unreadable)?;
        if archive.len() > FILES_MAX {
            return Err(ZipError::TooMany);
        }
        let mut names = Vec::new();
        for at in 0..archive.len() {
            let file = archive.by_index_raw(at).map_err(|_| ZipError::Unreadable)?;
            if !file.is_file() {
                continue;
            }
            let path = file.name().map_err(|_| ZipError::Unreadable)?.into_owned();
            let name = path.rsplit(['/', '\\']).next().unwrap_or_default().to_owned();
            if name.is_empty() || name.starts_with('.') || path.starts_with("__MACOSX/") {
                continue;
            }
            names.push((name, at));
        }
        Ok(PicturesZip { archive, names })
    }

    /// Every file's name (without its folders).
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(|(name, _)| name.as_str())
    }

    /// The first `n` bytes of the first file called `name` and the size the zip declares for it, `None` when
    /// there is none: enough to tell a picture's kind without unpacking it.
    pub fn head(&mut self, name: &str, n: usize) -> Result<Option<(Vec<u8>, u64)>, ZipError> {
        let Some(&(_, at)) = self.names.iter().find(|(own, _)| own == name) else {
            return Ok(None);
        };
        let file = self.archive.by_index(at).map_err(|_| ZipError::Unreadable)?;
        let size = file.size();
        let mut head = Vec::new();
        file.take(n as u64)
            .read_to_end(&mut head)
            .map_err(|_| ZipError::Unreadable)?;
        Ok(Some((head, size)))
    }

    /// The bytes of the first file called `name`, `None` when there is none; refused past `max_bytes`.
    pub fn read(&mut self, name: &str, max_bytes: usize) -> Result<Option<Vec<u8>>, ZipError> {
        let Some(&(_, at)) = self.names.iter().find(|(own, _)| own == name) else {
            return Ok(None);
        };
        let file = self.archive.by_index(at).map_err(|_| ZipError::Unreadable)?;
        let mut bytes = Vec::new();
        let limit = u64::try_from(max_bytes).unwrap_or(u64::MAX).saturating_add(1);
        file.take(limit)
            .read_to_end(&mut bytes)
            .map_err(|_| ZipError::Unreadable)?;
        if bytes.len() > max_bytes {
            return Err(ZipError::TooLarge(name.to_owned()));
        }
        Ok(Some(bytes))
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes) in files {
            writer
                .start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            writer.write_all(bytes).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn files_are_found_by_their_own_names_and_read_within_the_limit() {
        let bytes = zip_of(&[
            ("photos/buuz.jpg", b"jpeg bytes"),
            ("__MACOSX/photos/._buuz.jpg", b"resource fork"),
            (".DS_Store", b"finder"),
            ("big.png", &[7u8; 100]),
        ]);
        let mut zip = PicturesZip::open(&bytes).unwrap();
        assert_eq!(zip.names().collect::<Vec<_>>(), ["buuz.jpg", "big.png"]);
        assert_eq!(zip.read("buuz.jpg", 10).unwrap(), Some(b"jpeg bytes".to_vec()));
        assert_eq!(zip.read("missing.jpg", 10).unwrap(), None);
        assert_eq!(zip.head("big.png", 4).unwrap(), Some((vec![7u8; 4], 100)));
        assert_eq!(zip.read("big.png", 99), Err(ZipError::TooLarge("big.png".into())));
        assert_eq!(zip.read("big.png", 100).unwrap().map(|bytes| bytes.len()), Some(100));
    }

    #[test]
    fn what_is_not_a_zip_is_refused() {
        assert_eq!(PicturesZip::open(b"not a zip").err(), Some(ZipError::Unreadable));
        let whole = zip_of(&[("a.png", b"x")]);
        let cut = &whole[..whole.len() / 2];
        assert_eq!(PicturesZip::open(cut).err(), Some(ZipError::Unreadable));
    }
}
