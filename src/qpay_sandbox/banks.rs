//! Bank apps and bank codes, as QPay's 2026 production answers list them (SPEC.md §8).

/// One entry of an invoice's `urls[]`: (name, description, logo, deep-link scheme).
pub const BANK_APPS: [(&str, &str, &str, &str); 23] = [
    (
        "qPay wallet",
        "qPay хэтэвч",
        "https://s3.qpay.mn/p/e9bbdc69-3544-4c2f-aff0-4c292bc094f6/launcher-icon-ios.jpg",
        "qpaywallet",
    ),
    (
        "Khan bank",
        "Хаан банк",
        "https://qpay.mn/q/logo/khanbank.png",
        "khanbank",
    ),
    (
        "State bank 3.0",
        "Төрийн банк 3.0",
        "https://qpay.mn/q/logo/state_3.png",
        "statebankmongolia",
    ),
    ("Xac bank", "Хас банк", "https://qpay.mn/q/logo/xacbank.png", "xacbank"),
    (
        "Trade and Development bank",
        "TDB online",
        "https://qpay.mn/q/logo/tdbbank.png",
        "tdbbank",
    ),
    (
        "Social Pay",
        "Голомт банк",
        "https://qpay.mn/q/logo/socialpay.png",
        "socialpay-payment",
    ),
    ("Most money", "МОСТ мони", "https://qpay.mn/q/logo/most.png", "most"),
    (
        "National investment bank",
        "Үндэсний хөрөнгө оруулалтын банк",
        "https://qpay.mn/q/logo/nibank.jpeg",
        "nibank",
    ),
    (
        "Chinggis khaan bank",
        "Чингис Хаан банк",
        "https://qpay.mn/q/logo/ckbank.png",
        "ckbank",
    ),
    (
        "Capitron bank",
        "Капитрон банк",
        "https://qpay.mn/q/logo/capitronbank.png",
        "capitronbank",
    ),
    (
        "Bogd bank",
        "Богд банк",
        "https://qpay.mn/q/logo/bogdbank.png",
        "bogdbank",
    ),
    (
        "Trans bank",
        "Тээвэр хөгжлийн банк",
        "https://qpay.mn/q/logo/transbank.png",
        "transbank",
    ),
    ("M bank", "М банк", "https://qpay.mn/q/logo/mbank.png", "mbank"),
    ("Ard App", "Ард Апп", "https://qpay.mn/q/logo/ard.png?v=2", "ard"),
    ("Toki App", "Toki App", "https://qpay.mn/q/logo/tokipay.png", "toki"),
    ("Arig bank", "Ариг банк", "https://qpay.mn/q/logo/arig.png", "arig"),
    ("Monpay", "Мон Пэй", "https://qpay.mn/q/logo/monpay.png", "monpay"),
    ("Hipay", "Hipay", "https://qpay.mn/q/logo/hipay.png", "hipay"),
    (
        "Happy Pay",
        "Happy Pay MN",
        "https://qpay.mn/q/logo/tdbwallet.png",
        "tdbwallet",
    ),
    ("Sono", "Sono", "https://qpay.mn/q/logo/sono.png", "sono"),
    ("PayOn", "PayOn", "https://qpay.mn/q/logo/payon.png", "payon"),
    ("Tino", "Tino", "https://qpay.mn/q/logo/tino.png", "tino"),
    ("Pass.mn", "Pass.mn", "https://qpay.mn/q/logo/pass.png", "pass"),
];

/// Banks a simulated P2P payment can come from: (code, name in Mongolian, wallet name the check rows show).
pub const P2P_BANKS: [(&str, &str, &str); 8] = [
    ("050000", "Хаан банк", "Хаан банк апп"),
    ("150000", "Голомт банк", "Social Pay"),
    ("040000", "Худалдаа хөгжлийн банк", "TDB online"),
    ("320000", "Хас банк", "Хас банк апп"),
    ("340000", "Төрийн банк", "Төрийн банк 3.0"),
    ("330000", "Чингис Хаан банк", "Чингис Хаан банк апп"),
    ("300000", "Капитрон банк", "Капитрон банк апп"),
    ("380000", "Богд банк", "Богд банк апп"),
];

pub fn p2p_bank(code: &str) -> Option<(&'static str, &'static str, &'static str)> {
    P2P_BANKS.iter().copied().find(|(c, _, _)| *c == code)
}

/// The `urls[]` of an invoice: every bank app, linked as `<scheme>://q?qPay_QRcode=<qr_text>` (SPEC.md §3.1).
pub fn deep_links(qr_text: &str) -> serde_json::Value {
    BANK_APPS
        .iter()
        .map(|(name, description, logo, scheme)| {
            serde_json::json!({
                "name": name,
                "description": description,
                "logo": logo,
                "link": format!("{scheme}://q?qPay_QRcode={qr_text}"),
            })
        })
        .collect()
}
