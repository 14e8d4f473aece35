//! The demo products' pictures: drawn here, one per product (a soft ground in a colour of the product's own, a
//! large shape in the opposite colour standing on its shadow, a little grain), written as PNG and then taken through
//! the very pipeline an owner's upload goes through (`pictures::product_picture`), so the demo shop serves WebP at
//! each width with a real `srcset`. The SVG drawings in `public/images/products/` are read by no pipeline (nor
//! should be: an SVG can carry script).
//!
//! Drawn once per process, on first use, off the threads that serve: every database seeded afterwards (a test suite
//! starts hundreds of shops) only inserts the rows. The drawing is plain integer arithmetic per pixel, as this crate
//! is not optimised in debug builds.

use std::{io::Cursor, sync::OnceLock};

use image::{ImageFormat, RgbImage};

use crate::pictures::{PictureFiles, product_picture};

/// A demo picture's side, in pixels: drawn square, it is stored 320 and 640 wide (`domain::picture::widths`), what
/// a phone's card asks for.
const SIDE: i32 = 640;

/// Each demo product's picture by its slug, as the upload pipeline made it.
static DRAWN: OnceLock<Vec<(&'static str, PictureFiles)>> = OnceLock::new();

/// Every demo product's picture, by slug: drawn and redrawn on the first call in this process (off the async
/// threads), the same ones afterwards. A picture that could not be made is left out (logged): its product keeps its
/// SVG drawing.
pub(super) async fn demo_pictures() -> &'static [(&'static str, PictureFiles)] {
    if let Some(drawn) = DRAWN.get() {
        return drawn;
    }
    match tokio::task::spawn_blocking(|| DRAWN.get_or_init(draw_all).as_slice()).await {
        Ok(drawn) => drawn,
        Err(error) => {
            tracing::warn!(%error, "the demo pictures could not be drawn: the demo shows its SVG drawings");
            &[]
        }
    }
}

/// Every demo product's picture, the products shared among the machine's cores (at most four).
fn draw_all() -> Vec<(&'static str, PictureFiles)> {
    let slugs: Vec<&'static str> = super::CATALOG
        .iter()
        .flat_map(|category| category.products.iter().map(|product| product.slug))
        .collect();
    let threads = std::thread::available_parallelism().map_or(1, usize::from).clamp(1, 4);
    let share = slugs.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let parts: Vec<_> = slugs
            .chunks(share)
            .map(|part| scope.spawn(move || part.iter().filter_map(|&slug| redrawn(slug)).collect::<Vec<_>>()))
            .collect();
        parts
            .into_iter()
            .flat_map(|part| part.join().unwrap_or_default())
            .collect()
    })
}

/// The product's picture as an upload of its drawing becomes: PNG in, WebP at each width out.
fn redrawn(slug: &'static str) -> Option<(&'static str, PictureFiles)> {
    let mut png = Cursor::new(Vec::new());
    if let Err(error) = drawing(slug).write_to(&mut png, ImageFormat::Png) {
        tracing::warn!(slug, %error, "a demo picture could not be written");
        return None;
    }
    match product_picture(png.get_ref()) {
        Ok(files) => Some((slug, files)),
        Err(error) => {
            tracing::warn!(slug, %error, "a demo picture was refused by the pipeline");
            None
        }
    }
}

/// A colour as red, green and blue, 0 to 255 (wider while it is worked on).
type Colour = [i32; 3];

/// What stands in the middle of a picture: a rounded rectangle (a disc when its corners are half its width).
struct Shape {
    /// Its centre.
    x: i32,
    y: i32,
    /// Half its width and height, and its corners' radius.
    half_width: i32,
    half_height: i32,
    corner: i32,
    /// Whether it wears a band across its middle (a jar's label).
    label: bool,
}

impl Shape {
    /// One of four shapes (a disc, a box, a jar, a long bundle), by the product's `seed`.
    fn of(seed: u32) -> Shape {
        let (half_width, half_height, corner, label) = match (seed >> 9) % 4 {
            0 => (190, 190, 190, false),
            1 => (170, 170, 40, false),
            2 => (125, 205, 55, true),
            _ => (215, 130, 70, false),
        };
        Shape {
            x: SIDE / 2,
            y: SIDE / 2 - 24,
            half_width,
            half_height,
            corner,
            label,
        }
    }

    fn top(&self) -> i32 {
        self.y - self.half_height
    }

    fn bottom(&self) -> i32 {
        self.y + self.half_height
    }

    /// How much of the pixel at (`x`, `y`) the shape covers, 0 to 256, its edge smoothed over about a pixel.
    fn cover(&self, x: i32, y: i32) -> i32 {
        let (across, down) = ((x - self.x).abs(), (y - self.y).abs());
        if across > self.half_width + 1 || down > self.half_height + 1 {
            return 0;
        }
        let r = self.corner;
        let out_x = (across - (self.half_width - r)).max(0);
        let out_y = (down - (self.half_height - r)).max(0);
        if out_x == 0 && out_y == 0 {
            return 256;
        }
        // The distance past the rounded edge, from its square: r² − d² ≈ 2r(r − d) near the edge.
        let inside = r * r - (out_x * out_x + out_y * out_y);
        (inside * 128 / r + 128).clamp(0, 256)
    }

    /// How dark the shape's shadow on the ground is at (`x`, `y`), 0 to about 90 of 256: an ellipse under it, darkest
    /// in the middle and fading to nothing at its rim.
    fn shadow(&self, x: i32, y: i32) -> i32 {
        let (a, b) = (
            i64::from(self.half_width) * 11 / 10,
            i64::from((self.half_width / 5).max(18)),
        );
        let (dx, dy) = (i64::from(x - self.x), i64::from(y - self.bottom() - 4));
        if dx.abs() > a || dy.abs() > b {
            return 0;
        }
        let reach = (dx * dx * b * b + dy * dy * a * a) * 256 / (a * a * b * b);
        let left = (256 - reach).max(0);
        (left * left / 256 * 90 / 256) as i32
    }
}

/// The FNV-1a hash of `text`: a product's own colour and shape.
fn fnv(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

/// The colour of `hue` (degrees), `saturation` and `lightness` (percent); worked out once per picture.
fn hsl(hue: u32, saturation: u32, lightness: u32) -> Colour {
    let (s, l) = (saturation as f32 / 100.0, lightness as f32 / 100.0);
    let chroma = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let sector = (hue % 360) as f32 / 60.0;
    let second = chroma * (1.0 - (sector % 2.0 - 1.0).abs());
    let (r, g, b) = match sector as u32 {
        0 => (chroma, second, 0.0),
        1 => (second, chroma, 0.0),
        2 => (0.0, chroma, second),
        3 => (0.0, second, chroma),
        4 => (second, 0.0, chroma),
        _ => (chroma, 0.0, second),
    };
    let lift = l - chroma / 2.0;
    [r, g, b].map(|c| ((c + lift) * 255.0).round() as i32)
}

/// `from` at 0 to `to` at `of`, at `at`.
fn mix(from: Colour, to: Colour, at: i32, of: i32) -> Colour {
    let at = at.clamp(0, of.max(1));
    [0_usize, 1, 2].map(|i| from[i] + (to[i] - from[i]) * at / of.max(1))
}

/// `colour` darkened by `shade` of 256.
fn darker(colour: Colour, shade: i32) -> Colour {
    let keep = 256 - shade;
    [colour[0] * keep / 256, colour[1] * keep / 256, colour[2] * keep / 256]
}

/// `over` covering `under` by `cover` of 256.
fn blend(over: Colour, under: Colour, cover: i32) -> Colour {
    let left = 256 - cover;
    [
        (over[0] * cover + under[0] * left) / 256,
        (over[1] * cover + under[1] * left) / 256,
        (over[2] * cover + under[2] * left) / 256,
    ]
}

/// A little noise, −2 to 2, as a camera's sensor gives: the same for the same pixel and product.
fn grain(seed: u32, x: i32, y: i32) -> i32 {
    let mut hash = (x as u32).wrapping_mul(0x9E37_79B1) ^ (y as u32).wrapping_mul(0x85EB_CA77) ^ seed;
    hash ^= hash >> 15;
    hash = hash.wrapping_mul(0x2C1B_3C6D);
    hash ^= hash >> 12;
    (hash % 5) as i32 - 2
}

/// The picture of the product `slug`: `SIDE` pixels square, opaque. Written straight into the bytes, each pixel a
/// few integer steps (no closures per pixel: this crate is not optimised in debug builds, where the tests run).
fn drawing(slug: &str) -> RgbImage {
    let seed = fnv(slug);
    let hue = seed % 360;
    let shape = Shape::of(seed);
    // The ground lighter at the top, the shape lit from above: each row's colours worked out once.
    let (ground_top, ground_bottom) = (hsl(hue, 42, 93), hsl(hue, 34, 78));
    let (body_top, body_bottom) = (hsl(hue + 180, 52, 62), hsl(hue + 180, 58, 36));
    let label = hsl(hue + 30, 30, 95);
    let height = shape.bottom() - shape.top();
    let side = SIDE as usize;
    let mut pixels = vec![0u8; side * side * 3];
    for (y, row) in (0..SIDE).zip(pixels.chunks_exact_mut(side * 3)) {
        let ground = mix(ground_top, ground_bottom, y, SIDE - 1);
        let on_label = shape.label && (y - shape.y).abs() < shape.half_height / 4;
        let body = if on_label {
            label
        } else {
            mix(body_top, body_bottom, y - shape.top(), height)
        };
        for x in 0..SIDE {
            let mut colour = ground;
            let shadow = shape.shadow(x, y);
            if shadow > 0 {
                colour = darker(colour, shadow);
            }
            let cover = shape.cover(x, y);
            if cover > 0 {
                // Rounder towards its sides: darker the further from the middle.
                let turned = darker(body, (x - shape.x).abs() * 48 / shape.half_width.max(1));
                colour = blend(turned, colour, cover);
            }
            let noise = grain(seed, x, y);
            let at = x as usize * 3;
            row[at] = (colour[0] + noise).clamp(0, 255) as u8;
            row[at + 1] = (colour[1] + noise).clamp(0, 255) as u8;
            row[at + 2] = (colour[2] + noise).clamp(0, 255) as u8;
        }
    }
    RgbImage::from_raw(SIDE as u32, SIDE as u32, pixels).unwrap_or_else(|| RgbImage::new(SIDE as u32, SIDE as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_product_gets_a_picture_of_its_own_at_a_phone_s_widths() {
        let drawn = draw_all();
        let slugs: Vec<&str> = super::super::CATALOG
            .iter()
            .flat_map(|category| category.products.iter().map(|product| product.slug))
            .collect();
        assert_eq!(
            drawn.iter().map(|(slug, _)| *slug).collect::<Vec<_>>(),
            slugs,
            "one each, in order"
        );
        let mut hashes: Vec<&str> = drawn.iter().map(|(_, files)| files.hash.as_str()).collect();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), drawn.len(), "no two alike");
        for (slug, files) in &drawn {
            assert_eq!((files.width, files.height), (640, 640), "{slug}");
            let widths: Vec<u32> = files.files.iter().map(|(width, _)| *width).collect();
            assert_eq!(widths, [320, 640], "{slug}");
            for (width, bytes) in &files.files {
                assert!(bytes.starts_with(b"RIFF"), "{slug} at {width}: WebP");
                assert!(bytes.len() < 60_000, "{slug} at {width}: {} bytes", bytes.len());
            }
        }
    }

    #[test]
    fn a_drawing_is_a_shape_on_its_ground() {
        let picture = drawing("honey");
        let shape = Shape::of(fnv("honey"));
        let corner = picture.get_pixel(4, 4).0;
        // Below its middle: off a jar's label.
        let body = picture
            .get_pixel(shape.x as u32, (shape.y + shape.half_height / 2) as u32)
            .0;
        let apart: i32 = (0..3_usize)
            .map(|i| (i32::from(corner[i]) - i32::from(body[i])).abs())
            .sum();
        assert!(apart > 60, "the shape stands out: {corner:?} against {body:?}");
        assert!(drawing("aaruul").as_raw() != picture.as_raw(), "each product its own");
    }
}
