//! The shop's logo and its icons (`pictures::logo_files`), one row of PNGs. Kept in the database, not a folder, so
//! every instance serves the same logo at once and a backup carries it.

use super::{Db, DbError, shop_identity::next_version};
use crate::pictures::{ICON_SIDES, LogoFiles};

/// One of the files served under `/brand/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BrandFile {
    Logo,
    /// A square icon of one of [`ICON_SIDES`].
    Icon(u32),
}

impl BrandFile {
    /// The file a `/brand/` name asks for, with the hash it carries: `logo-{hash}.png` or
    /// `icon-{side}-{hash}.png`.
    pub fn parse(name: &str) -> Option<(BrandFile, &str)> {
        let stem = name.strip_suffix(".png")?;
        let (file, hash) = match stem.strip_prefix("icon-") {
            Some(rest) => {
                let (side, hash) = rest.split_once('-')?;
                let side: u32 = side.parse().ok().filter(|side| ICON_SIDES.contains(side))?;
                (BrandFile::Icon(side), hash)
            }
            None => (BrandFile::Logo, stem.strip_prefix("logo-")?),
        };
        let plain = !hash.is_empty() && hash.chars().all(|c| c.is_ascii_hexdigit());
        plain.then_some((file, hash))
    }

    /// Its column: chosen from this fixed list, never from the request.
    fn column(self) -> &'static str {
        match self {
            BrandFile::Logo => "logo",
            BrandFile::Icon(32) => "icon_32",
            BrandFile::Icon(180) => "icon_180",
            BrandFile::Icon(192) => "icon_192",
            BrandFile::Icon(_) => "icon_512",
        }
    }
}

/// The logo's content hash; `None` when there is none.
pub async fn hash(db: &Db) -> Result<Option<String>, DbError> {
    let hash: Option<Option<String>> = sqlx::query_scalar("SELECT hash FROM shop_logo WHERE id = 1")
        .fetch_optional(db.pool())
        .await?;
    Ok(hash.flatten())
}

/// The bytes of `file` when the logo's hash is still `hash`; `None` for an older or removed logo.
pub async fn file(db: &Db, file: BrandFile, hash: &str) -> Result<Option<Vec<u8>>, DbError> {
    let query = format!("SELECT {} FROM shop_logo WHERE id = 1 AND hash = $1", file.column());
    let bytes: Option<Option<Vec<u8>>> = sqlx::query_scalar(&query).bind(hash).fetch_optional(db.pool()).await?;
    Ok(bytes.flatten())
}

/// Puts `files` in place of the logo (none when `None`), and returns the identity's new version.
pub async fn save(db: &Db, files: Option<&LogoFiles>) -> Result<i64, DbError> {
    let version = next_version(db).await?;
    let icon = |side: u32| {
        let at = ICON_SIDES.iter().position(|&s| s == side);
        files.and_then(|files| at.and_then(|at| files.icons.get(at)).cloned())
    };
    sqlx::query(
        "INSERT INTO shop_logo (id, hash, logo, icon_32, icon_180, icon_192, icon_512, updated_at) \
         VALUES (1, $1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, logo = excluded.logo, icon_32 = excluded.icon_32, \
         icon_180 = excluded.icon_180, icon_192 = excluded.icon_192, icon_512 = excluded.icon_512, \
         updated_at = excluded.updated_at",
    )
    .bind(files.map(|files| files.hash.clone()))
    .bind(files.map(|files| files.logo.clone()))
    .bind(icon(32))
    .bind(icon(180))
    .bind(icon(192))
    .bind(icon(512))
    .bind(version)
    .execute(db.pool())
    .await?;
    Ok(version)
}

#[cfg(test)]
mod tests {
    use super::BrandFile;

    #[test]
    fn only_the_files_the_shop_makes_are_named() {
        assert_eq!(BrandFile::parse("logo-0a1b.png"), Some((BrandFile::Logo, "0a1b")));
        assert_eq!(
            BrandFile::parse("icon-192-0a1b.png"),
            Some((BrandFile::Icon(192), "0a1b"))
        );
        for not in [
            "logo-.png",
            "logo-0a1b.jpg",
            "icon-64-0a1b.png",
            "icon-192.png",
            "logo-0a1b;drop.png",
            "../logo-0a1b.png",
            "favicon.png",
        ] {
            assert_eq!(BrandFile::parse(not), None, "{not}");
        }
    }
}
