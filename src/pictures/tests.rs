use super::*;

/// A `width`×`height` PNG: red on the left half, blue on the right, opaque.
fn two_halves(width: u32, height: u32) -> Vec<u8> {
    let picture = RgbaImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            Rgba([255, 0, 0, 255])
        } else {
            Rgba([0, 0, 255, 255])
        }
    });
    png(&picture).unwrap()
}

/// A PNG claiming `side`×`side` pixels (its chunks' checksums right) whose pixel data is empty, as a
/// decompression bomb's header reads.
fn claimed_png(side: u32) -> Vec<u8> {
    let mut header = side.to_be_bytes().to_vec();
    header.extend_from_slice(&side.to_be_bytes());
    header.extend_from_slice(&[8, 6, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [(&b"IHDR"[..], &header[..]), (b"IDAT", &[]), (b"IEND", &[])] {
        png.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
        let body = [kind, data].concat();
        // CRC-32 (ISO-HDLC), as PNG checks it, bit by bit.
        let mut crc = !0u32;
        for byte in &body {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        png.extend_from_slice(&body);
        png.extend_from_slice(&(!crc).to_be_bytes());
    }
    png
}

fn read(bytes: &[u8]) -> RgbaImage {
    image::load_from_memory(bytes).unwrap().into_rgba8()
}

/// A JPEG of `two_halves` carrying an EXIF block that says "turn 90° clockwise to show" (orientation 6) and a
/// GPS-looking text, as a phone's camera writes them.
fn phone_photo() -> Vec<u8> {
    let mut jpeg = Cursor::new(Vec::new());
    DynamicImage::ImageRgba8(read(&two_halves(40, 20)))
        .into_rgb8()
        .write_to(&mut jpeg, ImageFormat::Jpeg)
        .unwrap();
    let jpeg = jpeg.into_inner();
    // TIFF big-endian: one IFD entry, Orientation (0x0112), SHORT, count 1, value 6; then no next IFD.
    let mut tiff = b"MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0".to_vec();
    tiff.extend_from_slice(b"GPS 47.9185N 106.9177E");
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let length = u16::try_from(app1.len() + 2).unwrap().to_be_bytes();
    let mut photo = jpeg[..2].to_vec();
    photo.extend_from_slice(&[0xFF, 0xE1, length[0], length[1]]);
    photo.extend_from_slice(&app1);
    photo.extend_from_slice(&jpeg[2..]);
    photo
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

#[test]
fn a_logo_keeps_its_proportions_and_is_never_enlarged() {
    let files = logo_files(&two_halves(300, 100)).unwrap();
    assert_eq!(read(&files.logo).dimensions(), (300, 100));
    let files = logo_files(&two_halves(2000, 500)).unwrap();
    assert_eq!(read(&files.logo).dimensions(), (512, 128));
    assert_eq!(files.hash.len(), 16);
}

#[test]
fn icons_are_square_with_the_whole_logo_centred() {
    let files = logo_files(&two_halves(300, 100)).unwrap();
    assert_eq!(files.icons.len(), ICON_SIDES.len());
    for (icon, side) in files.icons.iter().zip(ICON_SIDES) {
        let icon = read(icon);
        assert_eq!(icon.dimensions(), (side, side));
        // Above and below the wide logo: transparent, or white on Apple's icon.
        let corner = *icon.get_pixel(0, 0);
        let expected = if side == 180 {
            Rgba([255, 255, 255, 255])
        } else {
            Rgba([0, 0, 0, 0])
        };
        assert_eq!(corner, expected, "{side}");
        // Both halves of the logo are in the icon: it was fitted, not cut.
        let middle = side / 2;
        assert!(icon.get_pixel(side / 8, middle)[0] > 200, "{side}: the red half");
        assert!(
            icon.get_pixel(side - 1 - side / 8, middle)[2] > 200,
            "{side}: the blue half"
        );
    }
}

#[test]
fn a_phone_photo_is_turned_upright_and_loses_its_metadata() {
    let photo = phone_photo();
    assert!(contains(&photo, b"GPS 47.9185N"));
    let upright = decode_upright(&photo).unwrap();
    // 40×20 turned a quarter: 20×40, red (the left half) now on top.
    assert_eq!((upright.width(), upright.height()), (20, 40));
    let upright = upright.into_rgba8();
    assert!(upright.get_pixel(10, 5)[0] > 200 && upright.get_pixel(10, 35)[2] > 200);
    let files = logo_files(&photo).unwrap();
    for file in std::iter::once(&files.logo).chain(&files.icons) {
        assert!(!contains(file, b"Exif") && !contains(file, b"eXIf") && !contains(file, b"GPS 47"));
    }
}

#[test]
fn what_is_not_a_sound_picture_is_refused_before_decoding() {
    // A header claiming 40000×40000 pixels, with nothing behind it.
    assert_eq!(logo_files(&claimed_png(40_000)), Err(PictureError::TooManyPixels));
    // Within each side, but too many pixels in all.
    assert_eq!(logo_files(&claimed_png(10_000)), Err(PictureError::TooManyPixels));
    // Within both, the pixels missing.
    assert_eq!(logo_files(&claimed_png(1_000)), Err(PictureError::Broken));
    let whole = two_halves(64, 64);
    assert_eq!(logo_files(&whole[..whole.len() / 2]), Err(PictureError::Broken));
    let svg = b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>";
    assert_eq!(logo_files(svg), Err(PictureError::NotAPicture));
    assert_eq!(
        logo_files(b"<?php system($_GET['c']); ?>"),
        Err(PictureError::NotAPicture)
    );
    assert_eq!(logo_files(b"GIF89a\x01\0\x01\0"), Err(PictureError::NotAPicture));
}

#[test]
fn sides_scale_to_the_longer_one() {
    assert_eq!(scaled(4032, 3024, 512), (512, 384));
    assert_eq!(scaled(100, 100, 32), (32, 32));
    assert_eq!(scaled(10_000, 1, 32), (32, 1));
    assert_eq!(scaled(1, 10_000, 32), (1, 32));
}

#[test]
fn pictures_are_known_by_their_bytes() {
    assert_eq!(image_kind(b"\xFF\xD8\xFF\xE0\x00\x10JFIF"), Some(ImageFormat::Jpeg));
    assert_eq!(image_kind(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some(ImageFormat::Png));
    assert_eq!(image_kind(b"RIFF\x24\0\0\0WEBPVP8 "), Some(ImageFormat::WebP));
    for not in [
        &b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"[..],
        b"<html>",
        b"GIF89a\x01\0",
        b"\x89PNG",
        b"RIFF\x24\0\0\0WAVEfmt ",
        b"",
    ] {
        assert_eq!(image_kind(not), None, "{:?}", String::from_utf8_lossy(not));
    }
}

/// A `width`×`height` photo-like JPEG (a gradient with a disc) carrying a phone's EXIF: orientation 6, GPS text.
fn camera_jpeg(width: u32, height: u32) -> Vec<u8> {
    let picture = RgbaImage::from_fn(width, height, |x, y| {
        let (dx, dy) = (x as i64 - width as i64 / 3, y as i64 - height as i64 / 2);
        if dx * dx + dy * dy < (height as i64 / 4).pow(2) {
            Rgba([250, 220, 40, 255])
        } else {
            Rgba([(x * 255 / width) as u8, (y * 255 / height) as u8, 128, 255])
        }
    });
    let mut jpeg = Cursor::new(Vec::new());
    DynamicImage::ImageRgba8(picture)
        .into_rgb8()
        .write_to(&mut jpeg, ImageFormat::Jpeg)
        .unwrap();
    let jpeg = jpeg.into_inner();
    let mut exif = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0".to_vec();
    exif.extend_from_slice(b"GPS 47.9185N 106.9177E");
    let length = u16::try_from(exif.len() + 2).unwrap().to_be_bytes();
    [&jpeg[..2], &[0xFF, 0xE1, length[0], length[1]], &exif, &jpeg[2..]].concat()
}

#[test]
fn a_camera_photo_becomes_upright_webp_at_each_width_without_its_metadata() {
    let files = product_picture(&camera_jpeg(2000, 1500)).unwrap();
    // Turned a quarter: 1500×2000, stored at most 1280 wide.
    assert_eq!((files.width, files.height), (1280, 1707));
    assert_eq!(
        files.files.iter().map(|(w, _)| *w).collect::<Vec<_>>(),
        vec![320, 640, 1280]
    );
    // Each drawn from the next wider one, rounded: the photo's 3:4 within a pixel.
    for ((width, bytes), height) in files.files.iter().zip([427, 854, 1707]) {
        assert_eq!(&bytes[..4], b"RIFF");
        assert_eq!(&bytes[8..12], b"WEBP");
        assert!(!contains(bytes, b"Exif") && !contains(bytes, b"GPS 47"), "{width}");
        let shown = image::load_from_memory_with_format(bytes, ImageFormat::WebP).unwrap();
        assert_eq!((shown.width(), shown.height()), (*width, height));
    }
    assert_eq!(files.hash.len(), 16);
    assert_eq!(
        product_picture(&camera_jpeg(2000, 1500)).unwrap().hash,
        files.hash,
        "the same photo, the same files"
    );
}

#[test]
fn a_jpeg_cut_short_is_refused_though_a_decoder_would_draw_it() {
    let photo = camera_jpeg(400, 300);
    assert!(jpeg_is_whole(&photo), "a whole photo, its EXIF and all");
    assert!(product_picture(&photo).is_ok());
    for cut in [photo.len() - 2, photo.len() / 2, 30] {
        assert_eq!(
            product_picture(&photo[..cut]),
            Err(PictureError::Broken),
            "cut at {cut}"
        );
    }
    // A thumbnail's end marker inside the EXIF does not make a cut photo whole.
    let mut with_thumbnail = photo[..2].to_vec();
    with_thumbnail.extend_from_slice(&[0xFF, 0xE1, 0x00, 0x06, 0xFF, 0xD9, 0x00, 0x00]);
    with_thumbnail.extend_from_slice(&photo[2..photo.len() / 2]);
    assert!(!jpeg_is_whole(&with_thumbnail));
}

#[test]
fn a_small_picture_is_never_enlarged() {
    let files = product_picture(&two_halves(500, 250)).unwrap();
    assert_eq!(files.files.iter().map(|(w, _)| *w).collect::<Vec<_>>(), vec![320, 500]);
    assert_eq!((files.width, files.height), (500, 250));
    assert_eq!(product_picture(&claimed_png(40_000)), Err(PictureError::TooManyPixels));
}

/// An ICC v2 display profile with sRGB's primaries and white but a straight (gamma 1.0) response: what a value
/// means under it differs from sRGB in a way a test can see (linear 50% grey is sRGB's 188).
fn linear_profile() -> Vec<u8> {
    fn s15(value: f64) -> [u8; 4] {
        ((value * 65536.0).round() as i32).to_be_bytes()
    }
    fn xyz(x: f64, y: f64, z: f64) -> Vec<u8> {
        [&b"XYZ \0\0\0\0"[..], &s15(x), &s15(y), &s15(z)].concat()
    }
    let curve = b"curv\0\0\0\0\0\0\0\x01\x01\x00\0\0".to_vec();
    let tags: Vec<(&[u8; 4], Vec<u8>)> = vec![
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.4361, 0.2225, 0.0139)),
        (b"gXYZ", xyz(0.3851, 0.7169, 0.0971)),
        (b"bXYZ", xyz(0.1431, 0.0606, 0.7141)),
        (b"rTRC", curve.clone()),
        (b"gTRC", curve.clone()),
        (b"bTRC", curve),
    ];
    let mut table = (tags.len() as u32).to_be_bytes().to_vec();
    let mut data = Vec::new();
    let data_start = 128 + 4 + 12 * tags.len();
    for (signature, body) in &tags {
        table.extend_from_slice(*signature);
        table.extend_from_slice(&((data_start + data.len()) as u32).to_be_bytes());
        table.extend_from_slice(&(body.len() as u32).to_be_bytes());
        data.extend_from_slice(body);
    }
    let size = (128 + table.len() + data.len()) as u32;
    let mut header = size.to_be_bytes().to_vec();
    header.extend_from_slice(b"none\x02\x10\0\0mntrRGB XYZ ");
    header.extend_from_slice(&[0; 12]); // the date
    header.extend_from_slice(b"acsp");
    header.resize(68, 0);
    header.extend_from_slice(&s15(0.9642));
    header.extend_from_slice(&s15(1.0));
    header.extend_from_slice(&s15(0.8249));
    header.resize(128, 0);
    [header, table, data].concat()
}

/// A plain grey JPEG, `level` in its own terms, carrying `profile` as a camera does (APP2, ICC_PROFILE).
fn grey_jpeg(level: u8, profile: Option<&[u8]>) -> Vec<u8> {
    let mut jpeg = Cursor::new(Vec::new());
    image::RgbImage::from_pixel(64, 64, image::Rgb([level, level, level]))
        .write_to(&mut jpeg, ImageFormat::Jpeg)
        .unwrap();
    let jpeg = jpeg.into_inner();
    let Some(profile) = profile else {
        return jpeg;
    };
    let segment = [&b"ICC_PROFILE\0\x01\x01"[..], profile].concat();
    let length = u16::try_from(segment.len() + 2).unwrap().to_be_bytes();
    [&jpeg[..2], &[0xFF, 0xE2, length[0], length[1]], &segment, &jpeg[2..]].concat()
}

#[test]
fn a_photo_s_colours_are_brought_into_srgb_by_its_profile() {
    assert!(
        qcms::Profile::new_from_slice(&linear_profile(), false).is_some(),
        "the test's profile reads"
    );
    let centre = |bytes: &[u8]| {
        let files = product_picture(bytes).unwrap();
        let picture = image::load_from_memory(&files.files[0].1).unwrap().into_rgb8();
        picture.get_pixel(32, 32)[1]
    };
    let plain = centre(&grey_jpeg(128, None));
    assert!(
        plain.abs_diff(128) <= 3,
        "without a profile the colours are sRGB already: {plain}"
    );
    let linear = centre(&grey_jpeg(128, Some(&linear_profile())));
    assert!(linear.abs_diff(188) <= 4, "linear 50% grey is sRGB's 188: {linear}");
}
