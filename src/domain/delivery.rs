//! Where an order goes and which delivery zone's fee applies. A zone covers whole Ulaanbaatar districts, or single
//! khoroos of one; a khoroo named by a zone belongs to that zone even when another zone covers the rest of its
//! district (a shop delivering to the near khoroos of Khan-Uul at one fee and the far ones at another). Also the
//! owner's delivery settings, checked (a zone, a pickup point, countryside delivery; their forms are in
//! `admin/delivery/form.rs`), and the two lists the owner writes: a zone's areas and the aimags' own fees.

use super::{District, Mnt, aimag::AIMAGS, catalog::PRICE_MAX};

/// Khoroo number for an area covering its whole district.
pub const WHOLE_DISTRICT: i64 = 0;
/// The highest khoroo number of any district.
pub const KHOROO_MAX: i64 = 45;

/// A zone, checked: its names and promise in both languages (English falls back to Mongolian), its fee and areas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidZone {
    pub name_mn: String,
    pub name_en: String,
    pub fee: Mnt,
    pub free_from: Option<Mnt>,
    pub promise_mn: String,
    pub promise_en: String,
    /// (district code, khoroo or [`WHOLE_DISTRICT`]).
    pub areas: Vec<(String, i64)>,
    pub active: bool,
}

/// A pickup point, checked: English falls back to Mongolian.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidPickup {
    pub name_mn: String,
    pub name_en: String,
    pub address_mn: String,
    pub address_en: String,
    pub hours_mn: String,
    pub hours_en: String,
    pub active: bool,
}

/// Countryside delivery, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidCountryside {
    pub fee: Mnt,
    pub free_from: Option<Mnt>,
    pub method_mn: String,
    pub method_en: String,
    pub promise_mn: String,
    pub promise_en: String,
    /// The aimags with a fee of their own.
    pub fees: Vec<(String, Mnt)>,
    pub active: bool,
}

/// A zone's areas as the owner writes them, `bayangol, khan-uul:17` (district codes in any case, comma-separated;
/// `:khoroo` for one khoroo), each once; `None` when one names no district or khoroo.
pub fn parse_areas(text: &str) -> Option<Vec<(String, i64)>> {
    let mut areas = Vec::new();
    for area in text.split(',').map(str::trim).filter(|a| !a.is_empty()) {
        let (district, khoroo) = match area.split_once(':') {
            Some((district, khoroo)) => (district.trim(), khoroo.trim().parse::<i64>().ok()),
            None => (area, Some(WHOLE_DISTRICT)),
        };
        let district = District::by_code(&district.to_lowercase())?;
        let khoroo = khoroo.filter(|khoroo| (0..=KHOROO_MAX).contains(khoroo))?;
        let area = (district.code.to_owned(), khoroo);
        if !areas.contains(&area) {
            areas.push(area);
        }
    }
    Some(areas)
}

/// The aimags' own fees as the owner writes them, `orkhon=8000, tuv=0` (codes in any case, each fee whole tögrög
/// from 0 to [`PRICE_MAX`]); `None` when one names no aimag or has no fee.
pub fn parse_aimag_fees(text: &str) -> Option<Vec<(String, Mnt)>> {
    let mut fees = Vec::new();
    for pair in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (aimag, fee) = pair.split_once('=').unwrap_or((pair, ""));
        let aimag = AIMAGS.iter().find(|a| a.code == aimag.trim().to_lowercase())?;
        let fee = Mnt::parse_input(fee).filter(|fee| fee.amount() <= PRICE_MAX)?;
        fees.push((aimag.code.to_owned(), fee));
    }
    Some(fees)
}

/// One area a zone covers: a district (`District::code`) and a khoroo, or [`WHOLE_DISTRICT`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoneArea {
    pub zone_id: i64,
    pub district: String,
    pub khoroo: i64,
}

/// The zone delivering to `khoroo` of `district`: the one naming that khoroo, else the one covering the whole
/// district; `None` when no zone goes there (the shop does not deliver to it).
pub fn zone_for(areas: &[ZoneArea], district: &str, khoroo: i64) -> Option<i64> {
    let of_district = || areas.iter().filter(|area| area.district == district);
    of_district()
        .find(|area| area.khoroo == khoroo && khoroo != WHOLE_DISTRICT)
        .or_else(|| of_district().find(|area| area.khoroo == WHOLE_DISTRICT))
        .map(|area| area.zone_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(zone_id: i64, district: &str, khoroo: i64) -> ZoneArea {
        ZoneArea {
            zone_id,
            district: district.into(),
            khoroo,
        }
    }

    #[test]
    fn the_owners_lists_name_districts_khoroos_and_aimags() {
        let areas = parse_areas("bayangol, Khan-Uul:17, khan-uul:17,, nalaikh : 2").unwrap();
        let expected = [("bayangol", WHOLE_DISTRICT), ("khan-uul", 17), ("nalaikh", 2)];
        assert_eq!(areas, expected.map(|(d, k)| (d.to_owned(), k)));
        assert_eq!(parse_areas(""), Some(Vec::new()));
        for bad in ["bayangol, darkhan", "khan-uul:46", "khan-uul:x", "khan-uul:-1"] {
            assert_eq!(parse_areas(bad), None, "{bad}");
        }
        let fees = parse_aimag_fees("orkhon=8000, TUV=0, govi-altai = 12 000₮").unwrap();
        let mnt = |amount| Mnt::new(amount).unwrap();
        let expected = [("orkhon", mnt(8_000)), ("tuv", mnt(0)), ("govi-altai", mnt(12_000))];
        assert_eq!(fees, expected.map(|(a, fee)| (a.to_owned(), fee)));
        for bad in ["orkhon=8000, gobi=5000", "orkhon", "orkhon=-1", "orkhon=1000000001"] {
            assert_eq!(parse_aimag_fees(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_named_khoroo_beats_its_whole_district() {
        let areas = [
            area(1, "bayangol", WHOLE_DISTRICT),
            area(1, "khan-uul", WHOLE_DISTRICT),
            area(2, "khan-uul", 17),
            area(2, "khan-uul", 18),
            area(3, "nalaikh", 2),
        ];
        // (district, khoroo) -> zone
        let cases = [
            ("bayangol", 4, Some(1)),
            ("khan-uul", 3, Some(1)),
            ("khan-uul", 17, Some(2)),
            ("khan-uul", 18, Some(2)),
            ("nalaikh", 2, Some(3)),
            // Only khoroo 2 of Nalaikh is covered.
            ("nalaikh", 1, None),
            ("baganuur", 1, None),
            ("Bayangol", 4, None),
        ];
        for (district, khoroo, expected) in cases {
            assert_eq!(zone_for(&areas, district, khoroo), expected, "{district} {khoroo}");
        }
    }
}
