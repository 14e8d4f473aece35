//! The shop's logo: uploaded from the owner's phone, turned upright and stripped of its metadata, made into the
//! tab's and the home screen's icons, shown in the header, the admin's bar, the manifest and shared links, and
//! served by every instance from the database. What is not a sound picture is refused with a message and changes
//! nothing; staff cannot upload one.

use image::{ImageFormat, Rgba, RgbaImage};
use std::{io::Cursor, time::Duration};

use crate::{
    admin::signed_in_shop,
    helpers::{Engine, TestApp, eventually, notice_in, server_fn_path},
    identity::second_instance,
    staff::staff_member,
};

crate::on_both_engines!(
    a_logo_from_a_phone_becomes_the_shop_s_icons_on_every_instance,
    what_is_not_a_sound_picture_is_refused_and_changes_nothing,
);

/// A 40×20 JPEG, red on its left half and blue on its right, carrying an EXIF block that says "turn 90° clockwise
/// to show" and GPS-looking text, as a phone's camera writes them.
fn phone_photo() -> Vec<u8> {
    let picture = RgbaImage::from_fn(40, 20, |x, _| {
        if x < 20 {
            Rgba([255, 0, 0, 255])
        } else {
            Rgba([0, 0, 255, 255])
        }
    });
    let mut jpeg = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgba8(picture)
        .into_rgb8()
        .write_to(&mut jpeg, ImageFormat::Jpeg)
        .unwrap();
    let jpeg = jpeg.into_inner();
    let mut exif = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0".to_vec();
    exif.extend_from_slice(b"GPS 47.9185N 106.9177E");
    let length = u16::try_from(exif.len() + 2).unwrap().to_be_bytes();
    let mut photo = jpeg[..2].to_vec();
    photo.extend_from_slice(&[0xFF, 0xE1, length[0], length[1]]);
    photo.extend_from_slice(&exif);
    photo.extend_from_slice(&jpeg[2..]);
    photo
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

async fn upload(client: &reqwest::Client, app: &TestApp, bytes: Vec<u8>) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name("IMG_2041.JPG")
        .mime_str("image/jpeg")
        .unwrap();
    client
        .post(app.url("/admin/settings/logo"))
        .multipart(reqwest::multipart::Form::new().part("logo", part))
        .send()
        .await
        .unwrap()
}

/// The `src` of the first `<img …data-test="{test}"…>` (or the `href` of a link) on `html`: what follows `{attribute}="`
/// before `marker`.
fn address_in<'a>(html: &'a str, marker: &str, attribute: &str) -> Option<&'a str> {
    let end = html.find(marker)?;
    let start = html[..end].rfind(&format!("{attribute}=\""))? + attribute.len() + 2;
    html[start..].split('"').next()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

async fn a_logo_from_a_phone_becomes_the_shop_s_icons_on_every_instance(engine: Engine) {
    let app = signed_in_shop(engine, &[]).await;
    let (other, _stop) = second_instance(&app).await;
    let home = app.get_html("/").await.1;
    assert!(
        !home.contains("data-test=\"shop-logo\""),
        "no logo before one is uploaded"
    );
    assert!(home.contains("href=\"/favicon.svg\""), "{home}");

    let reply = upload(&app.client, &app, phone_photo()).await;
    assert_eq!(reply.headers()["location"], "/admin/settings");
    let settings = app.get_html("/admin/settings").await.1;
    assert_eq!(notice_in(&settings), "Логог хадгаллаа.");

    // The header, the tab's icon, the home-screen icon, the shared link's picture and the admin's bar.
    let home = app.get_html("/").await.1;
    let logo = address_in(&home, "data-test=\"shop-logo\"", "src").expect("the header shows the logo");
    assert!(logo.starts_with("/brand/logo-") && logo.ends_with(".png"), "{logo}");
    let hash = &logo["/brand/logo-".len()..logo.len() - 4];
    assert!(home.contains(&format!("href=\"/brand/icon-32-{hash}.png\"")), "{home}");
    assert!(
        home.contains(&format!("rel=\"apple-touch-icon\" href=\"/brand/icon-180-{hash}.png\"")),
        "{home}"
    );
    assert!(
        home.contains(&format!("property=\"og:image\" content=\"{}{logo}\"", app.address)),
        "{home}"
    );
    assert!(!home.contains("href=\"/favicon.svg\""), "{home}");
    let admin = app.get_html("/admin").await.1;
    let bar = &admin[admin
        .find("data-test=\"admin-shop\"")
        .expect("the admin's bar names the shop")..];
    assert!(
        bar.starts_with(&format!(
            "data-test=\"admin-shop\" class=\"admin-shop\"><img src=\"{logo}\""
        )),
        "{bar}"
    );

    // Served upright, with nothing of the photo's metadata, kept by browsers for a year.
    let served = app.get(logo).await;
    assert_eq!(served.status(), 200);
    assert_eq!(served.headers()["content-type"], "image/png");
    assert_eq!(served.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(served.headers()["etag"], format!("\"{hash}\"").as_str());
    let bytes = served.bytes().await.unwrap();
    assert!(
        !contains(&bytes, b"Exif") && !contains(&bytes, b"GPS 47"),
        "no metadata survives"
    );
    let shown = image::load_from_memory(&bytes).unwrap().into_rgba8();
    assert_eq!(shown.dimensions(), (20, 40), "turned as the camera said");
    assert!(
        shown.get_pixel(10, 5)[0] > 200 && shown.get_pixel(10, 35)[2] > 200,
        "red on top"
    );
    for side in [32u32, 180, 192, 512] {
        let icon = app.get(&format!("/brand/icon-{side}-{hash}.png")).await;
        assert_eq!(icon.status(), 200, "{side}");
        let icon = image::load_from_memory(&icon.bytes().await.unwrap()).unwrap();
        assert_eq!((icon.width(), icon.height()), (side, side));
    }

    // The manifest a phone reads to put the shop on its home screen.
    let manifest: serde_json::Value = app.get("/manifest.webmanifest").await.json().await.unwrap();
    assert_eq!(manifest["name"], "Жишээ дэлгүүр");
    assert_eq!(manifest["short_name"], "Жишээ");
    assert_eq!(manifest["display"], "standalone");
    assert_eq!(manifest["icons"][0]["src"], format!("/brand/icon-192-{hash}.png"));
    assert_eq!(manifest["icons"][1]["sizes"], "512x512");

    // The other instance reads it from the same database.
    eventually(Duration::from_secs(6), "the other instance shows the logo", || async {
        let page = reqwest::get(format!("{other}/")).await.unwrap().text().await.unwrap();
        page.contains(&format!("src=\"{logo}\""))
    })
    .await;
    assert_eq!(reqwest::get(format!("{other}{logo}")).await.unwrap().status(), 200);

    // Removed: the name alone and the built-in icon again; the old address is gone.
    let nothing: [(&str, &str); 0] = [];
    let reply = app.post_form(&server_fn_path("admin_remove_logo"), &nothing).await;
    assert_eq!(reply.headers()["location"], "/admin/settings");
    assert_eq!(notice_in(&app.get_html("/admin/settings").await.1), "Логог устгалаа.");
    let home = app.get_html("/").await.1;
    assert!(!home.contains("data-test=\"shop-logo\"") && home.contains("href=\"/favicon.svg\""));
    assert_eq!(app.get(logo).await.status(), 404);
    let manifest: serde_json::Value = app.get("/manifest.webmanifest").await.json().await.unwrap();
    assert_eq!(manifest["icons"][0]["src"], "/favicon.svg");
}

async fn what_is_not_a_sound_picture_is_refused_and_changes_nothing(engine: Engine) {
    let app = signed_in_shop(engine, &[]).await;
    upload(&app.client, &app, phone_photo()).await;
    let logo_now = || async {
        let home = app.get_html("/").await.1;
        address_in(&home, "data-test=\"shop-logo\"", "src").map(str::to_owned)
    };
    let before = logo_now().await.expect("a logo");

    let bomb = claimed_png(40_000);
    let photo = phone_photo();
    let refused = [
        (
            bomb,
            "Зураг хэт олон цэгтэй байна (50 мегапикселээс их). Жижигрүүлээд дахин оруулна уу.",
        ),
        (
            photo[..photo.len() / 2].to_vec(),
            "Зургийг уншиж чадсангүй: гэмтсэн эсвэл дутуу байна.",
        ),
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".to_vec(),
            "Энэ файл JPEG, PNG эсвэл WebP зураг биш байна.",
        ),
        (
            b"<?php system($_GET['c']); ?>".to_vec(),
            "Энэ файл JPEG, PNG эсвэл WebP зураг биш байна.",
        ),
    ];
    for (bytes, message) in refused {
        let reply = upload(&app.client, &app, bytes).await;
        assert_eq!(reply.headers()["location"], "/admin/settings");
        assert_eq!(notice_in(&app.get_html("/admin/settings").await.1), message);
        assert_eq!(logo_now().await.as_deref(), Some(before.as_str()), "nothing changed");
    }

    // Staff run the shop's orders, not its face; a stranger's browser has no say either.
    let staff = staff_member(&app).await;
    assert_eq!(upload(&staff.client, &app, phone_photo()).await.status(), 403);
    let stranger = crate::helpers::shopper_client();
    assert_eq!(upload(&stranger, &app, phone_photo()).await.status(), 401);
    assert_eq!(logo_now().await.as_deref(), Some(before.as_str()), "nothing changed");
}
