//! Mongolian (the default) and English strings.
//!
//! Every text a shopper reads comes from a [`Strings`] table, so a missing translation is a compile error rather
//! than an English word on a Mongolian page.

use serde::{Deserialize, Serialize};

mod en;
mod mn;

/// The shopper's language. Mongolian unless they chose English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Mn,
    En,
}

/// The cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "lang";

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Mn, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Mn => "mn",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "mn" => Some(Lang::Mn),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Reads the language from a `Cookie` header; anything unknown means the default.
    pub fn from_cookie_header(header: &str) -> Lang {
        header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == LANG_COOKIE)
            .and_then(|(_, value)| Lang::from_code(value.trim()))
            .unwrap_or_default()
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::Mn => &mn::STRINGS,
            Lang::En => &en::STRINGS,
        }
    }

    /// Picks the text in this language from a pair stored in the database.
    pub fn pick<'a>(self, mn: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Mn => mn,
            Lang::En if en.is_empty() => mn,
            Lang::En => en,
        }
    }
}

/// Every fixed text of the shop, in one language.
pub struct Strings {
    pub shop_name: &'static str,
    pub tagline: &'static str,
    pub language_name: &'static str,
    pub home_title: &'static str,
    pub home_description: &'static str,
    pub all_products: &'static str,
    pub from_price: &'static str,
    pub in_stock: &'static str,
    pub sold_out: &'static str,
    pub choose_variant: &'static str,
    pub quantity: &'static str,
    pub decrease: &'static str,
    pub increase: &'static str,
    pub total: &'static str,
    pub back_to_shop: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub error_title: &'static str,
    pub error_text: &'static str,
    pub loading: &'static str,
    pub footer: &'static str,
    pub cart_title: &'static str,
    pub cart_empty: &'static str,
    pub cart_added: &'static str,
    pub cart_updated: &'static str,
    pub cart_removed: &'static str,
    pub cart_not_enough_stock: &'static str,
    pub cart_unavailable: &'static str,
    pub cart_invalid_quantity: &'static str,
    pub add_to_cart: &'static str,
    pub update: &'static str,
    pub remove: &'static str,
    pub checkout: &'static str,
    pub khoroo_short: &'static str,
    pub pickup: &'static str,
    pub delivery_ub: &'static str,
    pub field_name: &'static str,
    pub field_phone: &'static str,
    pub field_email: &'static str,
    pub field_delivery: &'static str,
    pub field_district: &'static str,
    pub field_khoroo: &'static str,
    pub field_address: &'static str,
    pub field_note: &'static str,
    pub choose: &'static str,
    pub place_order: &'static str,
    pub checkout_stock_changed: &'static str,
    pub checkout_cart_changed: &'static str,
    /// Place-order refused by the rate limit.
    pub checkout_too_many: &'static str,
    pub checkout_cap_item: &'static str,
    pub checkout_cap_order: &'static str,
    pub checkout_cap_held: &'static str,
    pub checkout_cap_held_from: &'static str,
    pub checkout_cap_offline: &'static str,
    pub order_title: &'static str,
    pub awaiting_payment: &'static str,
    pub paid: &'static str,
    pub partially_paid: &'static str,
    pub expired: &'static str,
    pub cancelled: &'static str,
    pub order_link: &'static str,
    pub pay_title: &'static str,
    pub pay_with_bank: &'static str,
    pub scan_qr: &'static str,
    pub open_qpay: &'static str,
    pub pay_until: &'static str,
    pub check_now: &'static str,
    pub not_received: &'static str,
    /// The last check with QPay failed (pay page).
    pub check_failed: &'static str,
    pub invoice_failed: &'static str,
    pub try_again: &'static str,
    pub paid_title: &'static str,
    pub payment_details: &'static str,
    pub paid_so_far: &'static str,
    pub preparing_invoice: &'static str,
    pub all_categories: &'static str,
    pub search: &'static str,
    pub search_placeholder: &'static str,
    pub sort_label: &'static str,
    pub sort_newest: &'static str,
    pub sort_price_up: &'static str,
    pub sort_price_down: &'static str,
    pub no_products: &'static str,
    pub previous_page: &'static str,
    pub next_page: &'static str,
    pub page_of: &'static str,
    pub admin_sign_in: &'static str,
    pub admin_email: &'static str,
    pub admin_password: &'static str,
    pub admin_sign_in_refused: &'static str,
    pub admin_locked_out: &'static str,
    pub admin_sign_out: &'static str,
    pub admin_orders: &'static str,
    pub admin_orders_counted: &'static str,
    pub admin_payment: &'static str,
    pub admin_fulfilment: &'static str,
    pub admin_all: &'static str,
    pub admin_from: &'static str,
    pub admin_to: &'static str,
    pub admin_search: &'static str,
    pub admin_apply: &'static str,
    pub admin_no_orders: &'static str,
    pub admin_order: &'static str,
    pub admin_placed: &'static str,
    pub admin_customer: &'static str,
    pub admin_status: &'static str,
    pub admin_needs_attention: &'static str,
    pub fulfilment_new: &'static str,
    pub fulfilment_packed: &'static str,
    pub fulfilment_shipped: &'static str,
    pub fulfilment_delivered: &'static str,
    pub fulfilment_picked_up: &'static str,
    pub admin_recheck: &'static str,
    pub admin_cancel_order: &'static str,
    pub admin_payments: &'static str,
    pub admin_timeline: &'static str,
    pub admin_export_csv: &'static str,
    pub admin_refund: &'static str,
    pub admin_refunds: &'static str,
    pub admin_refunded: &'static str,
    pub admin_refund_amount: &'static str,
    pub admin_refund_note: &'static str,
    pub admin_refund_left: &'static str,
    pub admin_refund_card_hint: &'static str,
    pub admin_refund_manual_hint: &'static str,
    pub admin_refund_done_qpay: &'static str,
    pub admin_refund_recorded: &'static str,
    pub admin_refund_bad_amount: &'static str,
    pub admin_refund_note_missing: &'static str,
    pub admin_refund_note_long: &'static str,
    pub admin_refund_settled: &'static str,
    pub admin_refund_refused: &'static str,
    pub admin_refund_unanswered: &'static str,
    pub admin_refund_pending: &'static str,
    pub admin_refund_failed: &'static str,
    pub admin_refund_manual: &'static str,
    pub admin_products: &'static str,
    pub admin_new_product: &'static str,
    pub admin_categories: &'static str,
    pub admin_new_category: &'static str,
    pub admin_slug: &'static str,
    pub admin_category: &'static str,
    pub admin_name_mn: &'static str,
    pub admin_name_en: &'static str,
    pub admin_description_mn: &'static str,
    pub admin_description_en: &'static str,
    pub admin_archived: &'static str,
    pub admin_save: &'static str,
    pub admin_saved: &'static str,
    pub admin_fix_fields: &'static str,
    pub admin_variants: &'static str,
    pub admin_add_variant: &'static str,
    pub admin_sku: &'static str,
    pub admin_price: &'static str,
    pub admin_stock: &'static str,
    pub admin_image: &'static str,
    pub admin_upload_image: &'static str,
    pub admin_image_saved: &'static str,
    pub admin_image_not_an_image: &'static str,
    pub admin_image_too_large: &'static str,
    pub admin_view_in_shop: &'static str,
    pub admin_variant_count: &'static str,
    pub problem_required: &'static str,
    pub problem_too_long: &'static str,
    pub problem_not_a_slug: &'static str,
    pub problem_not_a_sku: &'static str,
    pub problem_not_a_price: &'static str,
    pub problem_not_a_stock: &'static str,
    pub problem_not_a_classification_code: &'static str,
    pub admin_classification_code: &'static str,
    pub problem_taken: &'static str,
    pub problem_unknown_category: &'static str,
    pub admin_refund_still_payable: &'static str,
    pub admin_refund_invoice_open: &'static str,
    pub admin_refund_done_late: &'static str,
    pub admin_refund_outcome_unknown: &'static str,
    pub admin_stock_changed: &'static str,
    pub field_receipt: &'static str,
    pub receipt_citizen: &'static str,
    pub receipt_company: &'static str,
    pub field_register_no: &'static str,
    pub ebarimt_title: &'static str,
    pub ebarimt_lottery: &'static str,
    pub ebarimt_vat: &'static str,
    pub ebarimt_city_tax: &'static str,
    pub ebarimt_waiting: &'static str,
    pub ebarimt_cancelled: &'static str,
    pub ebarimt_failed: &'static str,
    pub admin_ebarimt_retry: &'static str,
    pub admin_ebarimt_cancel: &'static str,
    pub discount_code: &'static str,
    pub apply_code: &'static str,
    pub code_applied: &'static str,
    pub code_removed: &'static str,
    pub code_unknown: &'static str,
    pub code_not_yet: &'static str,
    pub code_expired: &'static str,
    pub code_used_up: &'static str,
    pub code_below_minimum: &'static str,
    pub code_not_applicable: &'static str,
    pub items_total: &'static str,
    pub discount: &'static str,
    pub delivery_fee: &'static str,
    pub delivery_free: &'static str,
    pub delivery_at_checkout: &'static str,
    pub free_delivery_more: &'static str,
    pub delivery_countryside: &'static str,
    pub pickup_at: &'static str,
    pub field_aimag: &'static str,
    pub field_soum: &'static str,
    pub field_pickup_point: &'static str,
    pub field_discount_code: &'static str,
    pub update_total: &'static str,
    pub checkout_nothing_to_pay: &'static str,
    pub problem_not_a_code: &'static str,
    pub problem_not_a_percent: &'static str,
    pub problem_not_a_count: &'static str,
    pub problem_not_a_date: &'static str,
    pub problem_ends_before_start: &'static str,
    pub problem_unknown_product: &'static str,
    pub admin_codes: &'static str,
    pub admin_new_code: &'static str,
    pub admin_code_kind: &'static str,
    pub admin_code_percent: &'static str,
    pub admin_code_fixed: &'static str,
    pub admin_code_free_delivery: &'static str,
    pub admin_code_value: &'static str,
    pub admin_code_min_order: &'static str,
    pub admin_code_starts: &'static str,
    pub admin_code_ends: &'static str,
    pub admin_code_max_uses: &'static str,
    pub admin_code_max_per_phone: &'static str,
    pub admin_code_categories: &'static str,
    pub admin_code_products: &'static str,
    pub admin_code_uses: &'static str,
    pub admin_code_discounted: &'static str,
    pub admin_code_on: &'static str,
    pub admin_code_off: &'static str,
    pub admin_code_switch_on: &'static str,
    pub admin_code_switch_off: &'static str,
    pub admin_code_created: &'static str,
    pub admin_code_changed: &'static str,
    pub admin_no_codes: &'static str,
    pub admin_delivery: &'static str,
    pub admin_zones: &'static str,
    pub admin_new_zone: &'static str,
    pub admin_zone_name_mn: &'static str,
    pub admin_zone_name_en: &'static str,
    pub admin_zone_fee: &'static str,
    pub admin_zone_free_from: &'static str,
    pub admin_zone_promise_mn: &'static str,
    pub admin_zone_promise_en: &'static str,
    pub admin_zone_areas: &'static str,
    pub admin_active: &'static str,
    pub admin_pickup_points: &'static str,
    pub admin_new_pickup: &'static str,
    pub admin_pickup_address_mn: &'static str,
    pub admin_pickup_address_en: &'static str,
    pub admin_pickup_hours_mn: &'static str,
    pub admin_pickup_hours_en: &'static str,
    pub admin_countryside: &'static str,
    pub admin_countryside_method_mn: &'static str,
    pub admin_countryside_method_en: &'static str,
    pub admin_countryside_fees: &'static str,
    pub admin_delivery_saved: &'static str,
    pub problem_unknown_district: &'static str,
    pub problem_area_taken: &'static str,
    pub problem_unknown_aimag: &'static str,
    pub code_used_by_phone: &'static str,
    pub code_delivery_free_already: &'static str,
    pub code_too_many_tries: &'static str,
    pub admin_code_over_limit: &'static str,
    pub admin_code_sold_net: &'static str,
    pub admin_messages: &'static str,
    pub admin_message_sent: &'static str,
    pub admin_message_refused: &'static str,
    pub admin_message_skipped: &'static str,
    pub admin_message_retrying: &'static str,
    pub admin_message_given_up: &'static str,
    pub admin_message_held: &'static str,
    pub admin_to_handle: &'static str,
    pub admin_sms_budget: &'static str,
    pub admin_sms_budget_hint: &'static str,
    pub admin_sms_budget_default: &'static str,
    pub admin_message_waiting: &'static str,
    pub admin_message_resend: &'static str,
}

/// The language of the page being rendered: the `lang` cookie of the request on the server, the default elsewhere.
pub fn use_lang() -> Lang {
    #[cfg(feature = "ssr")]
    if let Some(parts) = leptos::prelude::use_context::<axum::http::request::Parts>() {
        return Lang::of_request(&parts.headers);
    }
    Lang::default()
}

#[cfg(feature = "ssr")]
impl Lang {
    /// The `lang` cookie among every `Cookie` header of a request (HTTP/1.1 clients may send several).
    pub fn of_request(headers: &axum::http::HeaderMap) -> Lang {
        let cookies: Vec<&str> = headers
            .get_all(axum::http::header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .collect();
        Lang::from_cookie_header(&cookies.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_language_cookie_among_others() {
        assert_eq!(Lang::from_cookie_header("a=1; lang=en; b=2"), Lang::En);
        assert_eq!(Lang::from_cookie_header("lang=mn"), Lang::Mn);
        assert_eq!(Lang::from_cookie_header("lang=fr"), Lang::Mn);
        assert_eq!(Lang::from_cookie_header("language=en"), Lang::Mn);
        assert_eq!(Lang::from_cookie_header(""), Lang::Mn);
    }

    #[test]
    fn english_falls_back_to_mongolian_when_a_text_is_missing() {
        assert_eq!(Lang::En.pick("Ааруул", ""), "Ааруул");
        assert_eq!(Lang::En.pick("Ааруул", "Aaruul"), "Aaruul");
        assert_eq!(Lang::Mn.pick("Ааруул", "Aaruul"), "Ааруул");
    }
}
