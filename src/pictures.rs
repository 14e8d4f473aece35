//! Pictures the owner uploads, decoded and redrawn on the server: the bytes are only trusted as far as a
//! well-kept decoder (`image`) reads them, within limits checked before any pixel is decoded (a small file may
//! claim 40000×40000 pixels), turned upright by their EXIF orientation, and written anew, so no metadata (EXIF,
//! GPS, XMP) of the original survives; its colours are brought into sRGB by its ICC profile (`qcms`) first. The
//! shop's logo and its square icons (PNG), and product pictures at a few widths (WebP, see docs/PERFORMANCE.md).

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

/// The format of a picture the shop takes, by its bytes' signature; `None` for anything else.
pub fn image_kind(bytes: &[u8]) -> Option<ImageFormat> {
    match bytes {
        [0xFF, 0xD8, 0xFF, ..] => Some(ImageFormat::Jpeg),
        [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Some(ImageFormat::Png),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some(ImageFormat::WebP),
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

/// WebP's quality for product pictures: a typical photo's 640-wide card near 30 KB (docs/PERFORMANCE.md).
pub const WEBP_QUALITY: f32 = 75.0;

/// A product picture as it is stored and served: WebP at each of `domain::picture::widths(width)`.
#[derive(Debug, Clone, PartialEq)]
pub struct PictureFiles {
    /// The first 16 hex digits of the largest file's SHA-256: in every file's address.
    pub hash: String,
    /// The largest stored size.
    pub width: u32,
    pub height: u32,
    /// (width, WebP bytes), narrowest first.
    pub files: Vec<(u32, Vec<u8>)>,
}

/// A product picture from the bytes the owner uploaded: upright, in sRGB, without metadata, at each width.
pub fn product_picture(bytes: &[u8]) -> Result<PictureFiles, PictureError> {
    let picture = decode_upright(bytes)?;
    let opaque = !picture.color().has_alpha();
    let mut source = picture.into_rgba8();
    let widths = crate::domain::picture::widths(source.width());
    // Widest first, each drawn from the one before: a 12-megapixel photo is resized once, not once per width.
    let mut files = Vec::with_capacity(widths.len());
    let mut largest = None;
    for &width in widths.iter().rev() {
        if width < source.width() {
            let height = scaled_height(source.width(), source.height(), width);
            source = imageops::resize(&source, width, height, FilterType::Lanczos3);
        }
        largest.get_or_insert((source.width(), source.height()));
        files.push((width, webp(&source, opaque)?));
    }
    files.reverse();
    let (width, height) = largest.ok_or(PictureError::Broken)?;
    let hash = files
        .last()
        .map(|(_, bytes)| hex16(&Sha256::digest(bytes)))
        .ok_or(PictureError::Broken)?;
    Ok(PictureFiles {
        hash,
        width,
        height,
        files,
    })
}

/// The height of a `width`×`height` picture drawn `to` pixels wide; at least one pixel.
fn scaled_height(width: u32, height: u32, to: u32) -> u32 {
    let width = u64::from(width.max(1));
    ((u64::from(height) * u64::from(to) + width / 2) / width).max(1) as u32
}

/// The first 16 hex digits of a digest: enough to tell a shop's pictures apart, short in an address.
fn hex16(digest: &[u8]) -> String {
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

fn webp(picture: &RgbaImage, opaque: bool) -> Result<Vec<u8>, PictureError> {
    let encoded = if opaque {
        let rgb = DynamicImage::ImageRgba8(picture.clone()).into_rgb8();
        webp::Encoder::from_rgb(rgb.as_raw(), picture.width(), picture.height())
            .encode_simple(false, WEBP_QUALITY)
            .map(|memory| memory.to_vec())
    } else {
        webp::Encoder::from_rgba(picture.as_raw(), picture.width(), picture.height())
            .encode_simple(false, WEBP_QUALITY)
            .map(|memory| memory.to_vec())
    };
    encoded.map_err(|_| PictureError::Broken)
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
    let hash = hex16(&digest.finalize());
    Ok(LogoFiles { hash, logo, icons })
}

/// The picture decoded and turned upright, or why not. Its size is read from the header and checked before the
/// pixels are decoded.
pub fn decode_upright(bytes: &[u8]) -> Result<DynamicImage, PictureError> {
    let format = image_kind(bytes).ok_or(PictureError::NotAPicture)?;
    if format == ImageFormat::Jpeg && !jpeg_is_whole(bytes) {
        return Err(PictureError::Broken);
    }
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
    // A profile that cannot be read is left out, as a browser would: the colours are then taken as sRGB.
    let profile = decoder.icc_profile().ok().flatten();
    let mut picture = DynamicImage::from_decoder(decoder).map_err(refusal)?;
    picture.apply_orientation(orientation);
    Ok(into_srgb(picture, profile.as_deref()))
}

/// The picture's colours in sRGB, which every browser assumes of a picture without a profile (a phone's camera
/// may shoot in Display P3; its profile is dropped with the rest of the metadata).
fn into_srgb(picture: DynamicImage, profile: Option<&[u8]>) -> DynamicImage {
    let Some(profile) = profile.and_then(|icc| qcms::Profile::new_from_slice(icc, false)) else {
        return picture;
    };
    if profile.is_sRGB() {
        return picture;
    }
    let srgb = qcms::Profile::new_sRGB();
    let transform = |kind| qcms::Transform::new(&profile, &srgb, kind, qcms::Intent::Perceptual);
    if picture.color().has_alpha() {
        let Some(transform) = transform(qcms::DataType::RGBA8) else {
            return picture;
        };
        let mut pixels = picture.into_rgba8();
        transform.apply(&mut pixels);
        DynamicImage::ImageRgba8(pixels)
    } else {
        let Some(transform) = transform(qcms::DataType::RGB8) else {
            return picture;
        };
        let mut pixels = picture.into_rgb8();
        transform.apply(&mut pixels);
        DynamicImage::ImageRgb8(pixels)
    }
}

/// Whether a JPEG runs to its end-of-image marker. The decoder draws a cut-off photo's missing part grey rather than
/// fail, so an upload cut short would be stored half grey. The markers are walked from the start: an embedded
/// thumbnail's end marker sits inside a segment and is skipped with it.
fn jpeg_is_whole(bytes: &[u8]) -> bool {
    let mut at = 2;
    loop {
        if bytes.get(at) != Some(&0xFF) {
            return false;
        }
        while bytes.get(at) == Some(&0xFF) {
            at += 1;
        }
        let Some(&code) = bytes.get(at) else {
            return false;
        };
        at += 1;
        match code {
            0xD9 => return true,
            // Markers without a length: restarts, and TEM.
            0x01 | 0xD0..=0xD7 => {}
            _ => {
                let Some(length) = bytes.get(at..at + 2) else {
                    return false;
                };
                at += usize::from(u16::from_be_bytes([length[0], length[1]]));
                if code == 0xDA && !skip_scan(bytes, &mut at) {
                    return false;
                }
            }
        }
    }
}

/// Moves `at` past a scan's coded data to the marker after it (0xFF 0x00 is a coded 0xFF, 0xFF 0xD0-D7 a restart);
/// false when the data runs out first.
fn skip_scan(bytes: &[u8], at: &mut usize) -> bool {
    loop {
        let Some(next) = bytes.get(*at..).and_then(|rest| rest.iter().position(|&b| b == 0xFF)) else {
            return false;
        };
        *at += next;
        match bytes.get(*at + 1) {
            Some(0x00 | 0xD0..=0xD7) => *at += 2,
            Some(_) => return true,
            None => return false,
        }
    }
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
