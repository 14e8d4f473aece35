//! What the cart costs with a discount code and a delivery choice, read from the database: the zone,
//! pickup point or countryside fee for where it goes, and the code's rules, targets and uses. The arithmetic is
//! `domain::pricing::price` and `domain::discount`; checkout prices the order it places with the same pieces, from
//! prices read in its own transaction.

use super::{CartView, DeliveryForm, code_message, service::CartService};
use crate::{
    db::{
        DbError, delivery,
        discount_codes::{self, Targets},
        now_ms,
    },
    domain::{
        District, Mnt,
        aimag::AIMAGS,
        discount::{CodeRefusal, CodeRules, CodeUse, normalize},
        money::MoneyError,
        pricing::{Basket, CodeKind, DeliveryRate, Priced, price},
    },
    i18n::Lang,
    ui::{DeliveryView, FreeDeliveryHint, PriceView},
};

/// Where the shopper wants the order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeliveryChoice {
    City { district: String, khoroo: i64 },
    Countryside { aimag: String },
    Pickup { point_id: i64 },
}

/// What delivering there costs and promises, in the shopper's language, as the order keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryTerms {
    pub rate: DeliveryRate,
    /// The zone's name, the countryside's way of sending, or the pickup point's name.
    pub label: String,
    pub promise: String,
    /// A pickup point's address and hours.
    pub pickup_point: Option<String>,
}

/// Why an order cannot go where the shopper asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryRefusal {
    /// No zone covers this district and khoroo.
    NoZone,
    /// The shop does not send to the countryside, or the aimag is not one of the 21.
    NoCountryside,
    UnknownPickupPoint,
}

/// A code the shop has, with what decides whether it may be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeTerms {
    pub id: i64,
    pub code: String,
    pub rules: CodeRules,
    pub targets: Targets,
    pub uses: i64,
    pub uses_by_phone: i64,
}

impl CodeTerms {
    /// The code applied to lines of `(total, category, product)`: the basket it sees, and the discount, or why not.
    /// `delivery_known`: where the order goes is decided, so a free-delivery code that would waive nothing is
    /// refused (in the cart, before that, it is shown as applying).
    pub fn price(
        &self,
        lines: &[(Mnt, i64, i64)],
        rate: DeliveryRate,
        delivery_known: bool,
    ) -> Result<(Priced, Vec<bool>), CodeRefusal> {
        let eligible: Vec<bool> = lines
            .iter()
            .map(|(_, category, product)| self.targets.applies_to(*category, *product))
            .collect();
        // Overflow is out of reach (see `basket`).
        let basket = basket(lines, &eligible).map_err(|_| CodeRefusal::NotApplicable)?;
        let kind = self.rules.allows(CodeUse {
            now_ms: now_ms(),
            items: basket.items,
            eligible: basket.eligible,
            uses: self.uses,
            uses_by_phone: self.uses_by_phone,
        })?;
        let priced = price(basket, Some(kind), rate).map_err(|_| CodeRefusal::NotApplicable)?;
        if kind == CodeKind::FreeDelivery && delivery_known && priced.delivery_waived == Mnt::ZERO {
            return Err(CodeRefusal::DeliveryFreeAlready);
        }
        Ok((priced, eligible))
    }
}

/// The basket of lines, with the part marked eligible; `Err` only when the sum overflows (out of reach for a cart:
/// at most 1,000 units of a line, each at most `PRICE_MAX`).
pub fn basket(lines: &[(Mnt, i64, i64)], eligible: &[bool]) -> Result<Basket, MoneyError> {
    let sum = |keep: &dyn Fn(usize) -> bool| {
        lines
            .iter()
            .enumerate()
            .filter(|(index, _)| keep(*index))
            .try_fold(Mnt::ZERO, |sum, (_, (total, _, _))| sum.checked_add(*total))
    };
    Ok(Basket {
        items: sum(&|_| true)?,
        eligible: sum(&|index| eligible.get(index).copied().unwrap_or(false))?,
    })
}

/// What the lines cost with no code: the items and the delivery.
pub fn price_without_code(lines: &[(Mnt, i64, i64)], rate: DeliveryRate) -> Result<Priced, MoneyError> {
    price(basket(lines, &vec![false; lines.len()])?, None, rate)
}

impl DeliveryForm {
    /// The choice these fields make, when they make one (the form checks them field by field; this is the lenient
    /// reading the cart and the checkout's running total use).
    pub fn choice(&self) -> Option<DeliveryChoice> {
        match self.delivery.as_str() {
            "delivery" => {
                let district = District::by_code(self.district.trim())?;
                let khoroo = self
                    .khoroo
                    .trim()
                    .parse::<i64>()
                    .ok()
                    .filter(|k| (1..=45).contains(k))?;
                Some(DeliveryChoice::City {
                    district: district.code.to_owned(),
                    khoroo,
                })
            }
            "countryside" => {
                let aimag = AIMAGS.iter().find(|a| a.code == self.aimag.trim())?;
                Some(DeliveryChoice::Countryside {
                    aimag: aimag.code.to_owned(),
                })
            }
            "pickup" => Some(DeliveryChoice::Pickup {
                point_id: self.pickup_point.trim().parse().ok()?,
            }),
            _ => None,
        }
    }
}

impl CartView {
    /// Each line's total with its category and product, as a code's targets need them.
    pub fn priced_lines(&self) -> Vec<(Mnt, i64, i64)> {
        self.lines
            .iter()
            .map(|line| (line.line_total, line.category_id, line.product_id))
            .collect()
    }
}

impl CartService {
    pub async fn delivery_terms(
        &self,
        choice: &DeliveryChoice,
        lang: Lang,
    ) -> Result<Result<DeliveryTerms, DeliveryRefusal>, DbError> {
        let db = self.db();
        Ok(match choice {
            DeliveryChoice::City { district, khoroo } => match delivery::zone_for(db, district, *khoroo).await? {
                Some(zone) => Ok(DeliveryTerms {
                    rate: zone.rate,
                    label: lang.pick(&zone.name_mn, &zone.name_en).to_owned(),
                    promise: lang.pick(&zone.promise_mn, &zone.promise_en).to_owned(),
                    pickup_point: None,
                }),
                None => Err(DeliveryRefusal::NoZone),
            },
            DeliveryChoice::Countryside { aimag } => {
                let known = AIMAGS.iter().any(|a| a.code == aimag);
                match delivery::countryside(db, aimag).await?.filter(|_| known) {
                    Some(countryside) => Ok(DeliveryTerms {
                        rate: countryside.rate,
                        label: lang.pick(&countryside.method_mn, &countryside.method_en).to_owned(),
                        promise: lang.pick(&countryside.promise_mn, &countryside.promise_en).to_owned(),
                        pickup_point: None,
                    }),
                    None => Err(DeliveryRefusal::NoCountryside),
                }
            }
            DeliveryChoice::Pickup { point_id } => {
                let points = delivery::pickup_points(db).await?;
                match points.into_iter().find(|point| point.id == *point_id) {
                    Some(point) => Ok(DeliveryTerms {
                        rate: DeliveryRate::FREE,
                        label: lang.pick(&point.name_mn, &point.name_en).to_owned(),
                        promise: lang.pick(&point.hours_mn, &point.hours_en).to_owned(),
                        pickup_point: Some(format!(
                            "{}, {}",
                            lang.pick(&point.name_mn, &point.name_en),
                            lang.pick(&point.address_mn, &point.address_en)
                        )),
                    }),
                    None => Err(DeliveryRefusal::UnknownPickupPoint),
                }
            }
        })
    }

    /// The code as the shop has it, with its uses (by `phone` too, when known); `None` when there is no such code.
    pub async fn code_terms(&self, code: &str, phone: Option<&str>) -> Result<Option<CodeTerms>, DbError> {
        let db = self.db();
        let Some(row) = discount_codes::find(db, &normalize(code)).await? else {
            return Ok(None);
        };
        let uses_by_phone = match phone {
            Some(phone) => discount_codes::uses_by_phone(db, row.id, phone).await?,
            None => 0,
        };
        Ok(Some(CodeTerms {
            id: row.id,
            rules: row.rules()?,
            targets: discount_codes::targets(db, row.id).await?,
            uses: row.uses,
            uses_by_phone,
            code: row.code,
        }))
    }

    /// What the cart's lines cost with the code and the delivery choice, as the cart and checkout show it. A code
    /// that cannot be used is left out and said why; a place the shop does not deliver to has no fee.
    pub async fn price_view(
        &self,
        lines: &[(Mnt, i64, i64)],
        code: Option<&str>,
        phone: Option<&str>,
        choice: Option<&DeliveryChoice>,
        lang: Lang,
    ) -> Result<PriceView, DbError> {
        let terms = match choice {
            Some(choice) => self.delivery_terms(choice, lang).await?.ok(),
            None => None,
        };
        let rate = terms.as_ref().map_or(DeliveryRate::FREE, |terms| terms.rate);
        let code = code.map(str::trim).filter(|code| !code.is_empty());
        let (priced, applied, code_problem) = match code {
            None => (None, None, None),
            Some(code) => match self.code_terms(code, phone).await? {
                None => (None, None, Some(code_message(CodeRefusal::Unknown, lang))),
                Some(code) => match code.price(lines, rate, terms.is_some()) {
                    Ok((priced, _)) => (Some(priced), Some((code.code, code.rules.kind)), None),
                    Err(refusal) => (None, None, Some(code_message(refusal, lang))),
                },
            },
        };
        // A free-delivery code makes "X₮ more for free delivery" pointless.
        let waives_delivery = applied
            .as_ref()
            .is_some_and(|(_, kind)| *kind == CodeKind::FreeDelivery);
        let priced = priced.unwrap_or_else(|| price_without_code(lines, rate).unwrap_or_default());
        let goods = priced.items.saturating_sub(priced.discount);
        let hints = match &terms {
            _ if waives_delivery => Vec::new(),
            Some(terms) => terms
                .rate
                .more_for_free_delivery(goods)
                .map(|more| FreeDeliveryHint {
                    zone: terms.label.clone(),
                    more,
                    from: terms.rate.free_from.unwrap_or_default(),
                })
                .into_iter()
                .collect(),
            // Not chosen yet: every zone with a threshold says how far off it is.
            None => delivery::zones(self.db())
                .await?
                .into_iter()
                .filter_map(|zone| {
                    let more = zone.rate.more_for_free_delivery(goods)?;
                    Some(FreeDeliveryHint {
                        zone: lang.pick(&zone.name_mn, &zone.name_en).to_owned(),
                        more,
                        from: zone.rate.free_from.unwrap_or_default(),
                    })
                })
                .collect(),
        };
        Ok(PriceView {
            items: priced.items,
            code: applied.map(|(code, _)| code),
            code_problem,
            discount: priced.discount,
            delivery: terms.map(|terms| DeliveryView {
                label: terms.label,
                promise: terms.promise,
                fee: priced.delivery,
                waived: priced.delivery_waived,
            }),
            total: priced.total,
            free_delivery: hints,
        })
    }
}
