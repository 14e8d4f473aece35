//! Making the invoice's lines and its e-barimt details.

use super::*;

fn settings() -> EbarimtSettings {
    EbarimtSettings {
        api: crate::config::EbarimtApi::V3,
        district_code: "3505".into(),
        classification_code: "2349010".into(),
        delivery_classification_code: "6511000".into(),
        city_tax_percent: 2,
        invoice_code: None,
    }
}

fn item(unit_price_mnt: i64, quantity: i64, discount_mnt: i64) -> orders::ItemRow {
    let mnt = |amount| Mnt::new(amount).unwrap();
    orders::ItemRow {
        product_name: "Ааруул".into(),
        variant_name: "500 г".into(),
        unit_price: mnt(unit_price_mnt),
        quantity,
        line_total: mnt(unit_price_mnt * quantity),
        discount: mnt(discount_mnt),
    }
}

/// (quantity, unit price) of each line, as QPay reads it.
fn amounts(lines: &[(LineOf, InvoiceLine)]) -> Vec<(i64, i64)> {
    let whole = |amount: QpayAmount| amount.to_mnt().unwrap();
    lines
        .iter()
        .map(|(_, line)| (whole(line.line_quantity), whole(line.line_unit_price)))
        .collect()
}

#[test]
fn the_discount_is_in_the_prices_and_the_lines_add_up_to_the_total() {
    // 1,000₮ off 3 × 12,500₮ and 1 × 3,000₮ (shared 926 and 74), with a 5,000₮ delivery: 44,500₮.
    let charges = Charges {
        delivery_zone: Some("Хотын төв"),
        delivery_mnt: 5_000,
        delivery_waived_mnt: 0,
        total_mnt: 44_500,
    };
    let lines = invoice_lines(&charges, &[item(12_500, 3, 926), item(3_000, 1, 74)]).unwrap();
    // 36,574₮ over three units does not divide: 2 × 12,191 + 1 × 12,192.
    assert_eq!(amounts(&lines), [(2, 12_191), (1, 12_192), (1, 2_926), (1, 5_000)]);
    assert_eq!((lines[1].0, lines[3].0), (LineOf::Item(0), LineOf::Delivery));
    let sum: i64 = amounts(&lines).iter().map(|(q, p)| q * p).sum();
    assert_eq!(sum, 44_500, "Σ quantity × unit price is the amount");
    assert_eq!(lines[1].1.line_description, "Ааруул (500 г)", "both halves");
    assert_eq!(lines[3].1.line_description, "Хүргэлт Хотын төв");

    let mut request = InvoiceRequest::simple("SHOP_INVOICE", "D-1", "Delguur D-1", sum, "https://shop.mn/cb");
    request.lines = lines.into_iter().map(|(_, line)| line).collect();
    let codes: [Option<String>; 4] = [None, None, Some("1000001".into()), Some("6511000".into())];
    with_receipt_details(&mut request, &codes, &settings());
    let body = serde_json::to_value(&request).unwrap();
    for line in body["lines"].as_array().unwrap() {
        assert!(line.get("discounts").is_none(), "no discounts: {line}");
    }
    assert_eq!(body["lines"][1]["classification_code"], "2349010", "the shop's");
    assert_eq!(body["lines"][2]["classification_code"], "1000001");
    assert_eq!(body["lines"][3]["classification_code"], "6511000");
    // VAT inside what each line costs: 24,382 × 10 / 112 and 12,192 × 10 / 112.
    assert_eq!(body["lines"][0]["taxes"][0]["amount"], "2176.9643");
    assert_eq!(body["lines"][1]["taxes"][0]["amount"], "1088.5714");
    assert_eq!(body["lines"][3]["taxes"][0]["amount"], "446.4286");

    // A waived or no delivery has no line; a fully discounted item has none either.
    let free = Charges {
        delivery_waived_mnt: 5_000,
        total_mnt: 3_000,
        ..charges
    };
    assert_eq!(
        amounts(&invoice_lines(&free, &[item(3_000, 1, 0)]).unwrap()),
        [(1, 3_000)]
    );
    let pickup = Charges {
        delivery_mnt: 0,
        delivery_zone: None,
        total_mnt: 12_500,
        ..charges
    };
    let lines = invoice_lines(&pickup, &[item(3_000, 1, 3_000), item(12_500, 2, 12_500)]).unwrap();
    assert_eq!((lines[0].0, amounts(&lines)), (LineOf::Item(1), vec![(2, 6_250)]));
}

#[test]
fn lines_that_would_not_make_the_total_are_no_invoice() {
    let charges = Charges {
        delivery_zone: None,
        delivery_mnt: 0,
        delivery_waived_mnt: 0,
        total_mnt: 24_000,
    };
    assert_eq!(
        invoice_lines(&charges, &[item(12_500, 2, 0)]),
        Err(LinesError::NotAddingUp {
            lines: Some(25_000),
            amount: 24_000
        })
    );
    assert_eq!(
        invoice_lines(&charges, &[item(12_500, 2, 0), item(100, 2, 201)]),
        Err(LinesError::Item(1, LineError::DiscountOutOfRange))
    );
}

#[test]
fn an_invoice_for_a_receipt_carries_the_tax_lines_qpay_needs() {
    let mut request = InvoiceRequest::simple("SHOP_INVOICE", "D-1", "Delguur D-1", 1_000_i64, "https://shop.mn/cb");
    request.lines = vec![InvoiceLine {
        line_description: "Ааруул (500 г)".into(),
        line_quantity: QpayAmount::from(2_i64),
        line_unit_price: QpayAmount::from(500_i64),
        ..InvoiceLine::default()
    }];
    with_receipt_details(&mut request, &[None], &settings());
    let body = serde_json::to_value(&request).unwrap();
    assert_eq!(body["tax_type"], "1");
    assert_eq!(body["district_code"], "3505");
    let line = &body["lines"][0];
    assert_eq!(line["classification_code"], "2349010");
    assert_eq!(line["taxes"][0]["tax_code"], "VAT");
    assert_eq!(line["taxes"][0]["amount"], "89.2857", "QPay's own example");
    assert_eq!(line["taxes"][1]["tax_code"], "CITY_TAX");
    assert_eq!(line["taxes"][1]["amount"], "17.8571");
}
