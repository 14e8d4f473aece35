//! Pictures the owner uploads, decoded and redrawn on the server: the bytes are only trusted as far as a
//! well-kept decoder (`image`) reads them, within limits checked before any pixel is decoded (a small file may
//! claim 40000×40000 pixels), turned upright by their EXIF orientation, and written anew, so no metadata (EXIF,
//! GPS, XMP) of the original survives. Today: the shop's logo and the square icons made from it.

use std::io::Cursor;

use image::{
    DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, Rgba, RgbaImage,
    imageops::{self, FilterType},
};
use sha2::{Digest, Sha256};

/// The longest side a picture may claim, in pixels.
pub const MAX_SIDE: u32 = 12_000;
/// The most pixels a picture may claim (a 48-megapixel phone camera's photo fits).
pub const MAX_PIXELS: u64 = 50_000_000;
/// What decoding may hold at once: the pixels of the largest allowed picture and room to turn it.
const MAX_DECODE_BYTES: u64 = 512 * 1024 * 1024;
/// The logo's longer side, at most: twice the largest box it is drawn in.
pub const LOGO_SIDE: u32 = 512;
/// The square icons made from the logo: the favicon, Apple's home-screen icon, and the web app manifest's two.
pub const ICON_SIDES: [u32; 4] = [32, 180, 192, 512];
/// Apple draws a transparent home-screen icon on black: that one is made on white.
const OPAQUE_ICON: u32 = 180;

/// The file extension of a picture whose bytes start with a known image signature; `None` for anything else.
pub fn image_kind(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xD8, 0xFF, ..] => Some("jpg"),
        [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Some("png"),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some("webp"),
        [b'G', b'I', b'F', b'8', b'7' | b'9', b'a', ..] => Some("gif"),
        _ => None,
    }
}

/// Why a picture was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PictureError {
    #[error("not a JPEG, PNG or WebP picture")]
    NotAPicture,
    #[error("the picture claims more than {MAX_PIXELS} pixels or a side over {MAX_SIDE}")]
    TooManyPixels,
    #[error("the picture is damaged or cut short")]
    Broken,
}

/// The logo as it is stored and served: every file PNG.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogoFiles {
    /// The first 16 hex digits of the files' SHA-256: in their addresses, so a new logo is a new address.
    pub hash: String,
    pub logo: Vec<u8>,
    /// One per [`ICON_SIDES`], in that order.
    pub icons: Vec<Vec<u8>>,
}

/// The logo and its icons from the bytes the owner uploaded.
pub fn logo_files(bytes: &[u8]) -> Result<LogoFiles, PictureError> {
    let picture = decode_upright(bytes)?.into_rgba8();
    let logo = fit_within(&picture, LOGO_SIDE);
    let icons = ICON_SIDES
        .iter()
        .map(|&side| png(&square_icon(&picture, side)))
        .collect::<Result<Vec<_>, _>>()?;
    let logo = png(&logo)?;
    let mut digest = Sha256::new();
    digest.update(&logo);
    icons.iter().for_each(|icon| digest.update(icon));
    let hash = digest.finalize()[..8].iter().map(|b| format!("{b:02x}")).collect();
    Ok(LogoFiles { hash, logo, icons })
}

/// The picture decoded and turned upright, or why not. Its size is read from the header and checked before the
/// pixels are decoded.
pub fn decode_upright(bytes: &[u8]) -> Result<DynamicImage, PictureError> {
    let format = match image_kind(bytes) {
        Some("jpg") => ImageFormat::Jpeg,
        Some("png") => ImageFormat::Png,
        Some("webp") => ImageFormat::WebP,
        _ => return Err(PictureError::NotAPicture),
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(refusal)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(PictureError::TooManyPixels);
    }
    let orientation = decoder.orientation().map_err(refusal)?;
    let mut picture = DynamicImage::from_decoder(decoder).map_err(refusal)?;
    picture.apply_orientation(orientation);
    Ok(picture)
}

fn refusal(error: image::ImageError) -> PictureError {
    match error {
        image::ImageError::Limits(_) => PictureError::TooManyPixels,
        image::ImageError::Unsupported(_) => PictureError::NotAPicture,
        _ => PictureError::Broken,
    }
}

/// The picture within a `side`×`side` box, its proportions kept; never enlarged.
fn fit_within(picture: &RgbaImage, side: u32) -> RgbaImage {
    if picture.width() <= side && picture.height() <= side {
        return picture.clone();
    }
    let (width, height) = scaled(picture.width(), picture.height(), side);
    imageops::resize(picture, width, height, FilterType::Lanczos3)
}

/// The sides of a `width`×`height` picture scaled so its longer side is `side`; at least one pixel each.
fn scaled(width: u32, height: u32, side: u32) -> (u32, u32) {
    let longer = u64::from(width.max(height).max(1));
    let scale = |n: u32| ((u64::from(n) * u64::from(side) + longer / 2) / longer).max(1) as u32;
    (scale(width), scale(height))
}

/// A `side`×`side` icon: the whole picture, centred, on transparency (white for Apple's). A logo is not cut to
/// a square: its name may run to the edges.
fn square_icon(picture: &RgbaImage, side: u32) -> RgbaImage {
    let (width, height) = scaled(picture.width(), picture.height(), side);
    let drawn = imageops::resize(picture, width, height, FilterType::Lanczos3);
    let ground = if side == OPAQUE_ICON {
        Rgba([255, 255, 255, 255])
    } else {
        Rgba([0, 0, 0, 0])
    };
    let mut icon = RgbaImage::from_pixel(side, side, ground);
    imageops::overlay(
        &mut icon,
        &drawn,
        i64::from((side - width) / 2),
        i64::from((side - height) / 2),
    );
    icon
}

fn png(picture: &RgbaImage) -> Result<Vec<u8>, PictureError> {
    let mut bytes = Cursor::new(Vec::new());
    picture
        .write_to(&mut bytes, ImageFormat::Png)
        .map_err(|_| PictureError::Broken)?;
    Ok(bytes.into_inner())
}

#[cfg(test)]
mod tests;
