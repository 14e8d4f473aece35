//! Where an order goes and which delivery zone's fee applies (issue #18). A zone covers whole Ulaanbaatar
//! districts, or single khoroos of one; a khoroo named by a zone belongs to that zone even when another zone covers
//! the rest of its district (a shop delivering to the near khoroos of Khan-Uul at one fee and the far ones at
//! another).

/// Khoroo number for an area covering its whole district.
pub const WHOLE_DISTRICT: i64 = 0;

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
