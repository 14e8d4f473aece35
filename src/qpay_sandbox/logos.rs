//! `GET /q/logo/{file}` (the emulator's own, not part of QPay's API): the bank apps' logos that the emulator's
//! `urls[]` point at, drawn from the bank table as SVG. QPay's logos are on `qpay.mn`, which a machine without the
//! internet cannot reach; served here, the pay page of a demo or a test looks as it will with QPay, offline, and
//! without binary files in the repository.

use axum::{
    extract::Path,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};

use super::banks::{self, BankApp};

/// The logo of the bank app whose file is `file` (`khanbank.png`, whatever its extension says: an SVG); 404 for a
/// file no bank app has. Logos change seldom, so browsers may keep them for a day.
pub async fn logo(Path(file): Path<String>) -> Response {
    let Some(bank) = banks::by_logo(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        svg(&bank),
    )
        .into_response()
}

/// A rounded square in the bank's colour with its initials in white, 64 × 64 (its own size, so a browser knows
/// the picture's natural width). The initials are the table's own ASCII letters and the colour a `#rrggbb`
/// (tested below), so nothing needs escaping.
fn svg(bank: &BankApp) -> String {
    let size = match bank.mark.chars().count() {
        0..=2 => 28,
        _ => 21,
    };
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\" viewBox=\"0 0 64 64\">\
         <rect width=\"64\" height=\"64\" rx=\"12\" fill=\"{colour}\"/>\
         <text x=\"32\" y=\"33\" text-anchor=\"middle\" dominant-baseline=\"central\" \
         font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif\" font-size=\"{size}\" \
         font-weight=\"700\" fill=\"#fff\">{mark}</text></svg>",
        colour = bank.colour,
        mark = bank.mark,
    )
}

#[cfg(test)]
mod tests {
    use super::svg;
    use crate::qpay_sandbox::banks::{BANK_APPS, by_logo};
    use std::collections::HashSet;

    #[test]
    fn every_bank_app_has_a_logo_of_its_own_and_unknown_files_have_none() {
        let mut files = HashSet::new();
        for bank in BANK_APPS {
            let file = bank.logo.split('?').next().unwrap();
            assert!(files.insert(file), "{file} is two banks' logo");
            assert_eq!(by_logo(file).map(|found| found.scheme), Some(bank.scheme));
            assert!(
                (1..=3).contains(&bank.mark.len()) && bank.mark.chars().all(|c| c.is_ascii_alphanumeric()),
                "{}: the mark {:?}",
                bank.name,
                bank.mark
            );
            assert!(
                bank.colour.len() == 7
                    && bank.colour.starts_with('#')
                    && bank.colour[1..].chars().all(|c| c.is_ascii_hexdigit()),
                "{}: the colour {:?}",
                bank.name,
                bank.colour
            );
            let drawn = svg(&bank);
            assert!(drawn.starts_with("<svg") && drawn.ends_with("</svg>"), "{drawn}");
            assert!(drawn.contains(bank.colour) && drawn.contains(&format!(">{}</text>", bank.mark)));
        }
        assert_eq!(
            by_logo("ard.png").map(|bank| bank.scheme),
            Some("ard"),
            "found without its ?v=2"
        );
        for unknown in ["nobank.png", "", "khanbank", "ard.png?v=2", "../khanbank.png"] {
            assert!(by_logo(unknown).is_none(), "{unknown:?}");
        }
    }
}
