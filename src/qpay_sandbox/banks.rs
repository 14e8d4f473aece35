//! Bank apps and bank codes, as QPay's 2026 production answers list them (SPEC.md §8), and the colour and initials
//! the emulator draws each bank app's logo with.

/// One bank app of an invoice's `urls[]`, and what the emulator draws for its logo.
#[derive(Debug, Clone, Copy)]
pub struct BankApp {
    pub name: &'static str,
    /// The Mongolian name, which shops show.
    pub description: &'static str,
    /// The logo's file under `/q/logo/`, as QPay names it (query and all: `ard.png?v=2`); QPay keeps the qPay
    /// wallet's elsewhere (`s3.qpay.mn/p/…/launcher-icon-ios.jpg`), so it gets a name of the same kind here.
    pub logo: &'static str,
    /// The deep link's scheme: `<scheme>://q?qPay_QRcode=<qr_text>`.
    pub scheme: &'static str,
    /// The short initials on the emulator's logo (`logos.rs`), in white.
    pub mark: &'static str,
    /// The logo's background, `#rrggbb`, dark enough for the white initials. A colour per bank, not its real mark.
    pub colour: &'static str,
}

/// The bank apps in QPay's 2026 production order (SPEC.md §8).
pub const BANK_APPS: [BankApp; 23] = [
    BankApp {
        name: "qPay wallet",
        description: "qPay хэтэвч",
        logo: "qpaywallet.jpg",
        scheme: "qpaywallet",
        mark: "qP",
        colour: "#1b5fb4",
    },
    BankApp {
        name: "Khan bank",
        description: "Хаан банк",
        logo: "khanbank.png",
        scheme: "khanbank",
        mark: "KB",
        colour: "#00704a",
    },
    BankApp {
        name: "State bank 3.0",
        description: "Төрийн банк 3.0",
        logo: "state_3.png",
        scheme: "statebankmongolia",
        mark: "SB",
        colour: "#0b3d91",
    },
    BankApp {
        name: "Xac bank",
        description: "Хас банк",
        logo: "xacbank.png",
        scheme: "xacbank",
        mark: "XB",
        colour: "#a4262c",
    },
    BankApp {
        name: "Trade and Development bank",
        description: "TDB online",
        logo: "tdbbank.png",
        scheme: "tdbbank",
        mark: "TDB",
        colour: "#003a70",
    },
    BankApp {
        name: "Social Pay",
        description: "Голомт банк",
        logo: "socialpay.png",
        scheme: "socialpay-payment",
        mark: "SP",
        colour: "#005baa",
    },
    BankApp {
        name: "Most money",
        description: "МОСТ мони",
        logo: "most.png",
        scheme: "most",
        mark: "MM",
        colour: "#b3261e",
    },
    BankApp {
        name: "National investment bank",
        description: "Үндэсний хөрөнгө оруулалтын банк",
        logo: "nibank.jpeg",
        scheme: "nibank",
        mark: "NIB",
        colour: "#00529b",
    },
    BankApp {
        name: "Chinggis khaan bank",
        description: "Чингис Хаан банк",
        logo: "ckbank.png",
        scheme: "ckbank",
        mark: "CKB",
        colour: "#6b2c91",
    },
    BankApp {
        name: "Capitron bank",
        description: "Капитрон банк",
        logo: "capitronbank.png",
        scheme: "capitronbank",
        mark: "CB",
        colour: "#1c3f94",
    },
    BankApp {
        name: "Bogd bank",
        description: "Богд банк",
        logo: "bogdbank.png",
        scheme: "bogdbank",
        mark: "BB",
        colour: "#7a5c00",
    },
    BankApp {
        name: "Trans bank",
        description: "Тээвэр хөгжлийн банк",
        logo: "transbank.png",
        scheme: "transbank",
        mark: "TB",
        colour: "#00656f",
    },
    BankApp {
        name: "M bank",
        description: "М банк",
        logo: "mbank.png",
        scheme: "mbank",
        mark: "M",
        colour: "#4b1f8f",
    },
    BankApp {
        name: "Ard App",
        description: "Ард Апп",
        logo: "ard.png?v=2",
        scheme: "ard",
        mark: "ARD",
        colour: "#1f2a44",
    },
    BankApp {
        name: "Toki App",
        description: "Toki App",
        logo: "tokipay.png",
        scheme: "toki",
        mark: "TK",
        colour: "#6d4c00",
    },
    BankApp {
        name: "Arig bank",
        description: "Ариг банк",
        logo: "arig.png",
        scheme: "arig",
        mark: "AB",
        colour: "#006e51",
    },
    BankApp {
        name: "Monpay",
        description: "Мон Пэй",
        logo: "monpay.png",
        scheme: "monpay",
        mark: "MP",
        colour: "#7b1fa2",
    },
    BankApp {
        name: "Hipay",
        description: "Hipay",
        logo: "hipay.png",
        scheme: "hipay",
        mark: "Hi",
        colour: "#c2185b",
    },
    BankApp {
        name: "Happy Pay",
        description: "Happy Pay MN",
        logo: "tdbwallet.png",
        scheme: "tdbwallet",
        mark: "HP",
        colour: "#b34700",
    },
    BankApp {
        name: "Sono",
        description: "Sono",
        logo: "sono.png",
        scheme: "sono",
        mark: "SO",
        colour: "#2e7d32",
    },
    BankApp {
        name: "PayOn",
        description: "PayOn",
        logo: "payon.png",
        scheme: "payon",
        mark: "PO",
        colour: "#37474f",
    },
    BankApp {
        name: "Tino",
        description: "Tino",
        logo: "tino.png",
        scheme: "tino",
        mark: "TI",
        colour: "#5e35b1",
    },
    BankApp {
        name: "Pass.mn",
        description: "Pass.mn",
        logo: "pass.png",
        scheme: "pass",
        mark: "PS",
        colour: "#ad1457",
    },
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

/// The `urls[]` of an invoice: every bank app, linked as `<scheme>://q?qPay_QRcode=<qr_text>` (SPEC.md §3.1). The
/// logos are the emulator's own, at `{base}/q/logo/{file}` (`base` its public address) where QPay's are at
/// `https://qpay.mn/q/logo/{file}`: a machine without the internet still shows them, so the demo looks real
/// offline.
pub fn deep_links(base: &str, qr_text: &str) -> serde_json::Value {
    BANK_APPS
        .iter()
        .map(|bank| {
            serde_json::json!({
                "name": bank.name,
                "description": bank.description,
                "logo": format!("{base}/q/logo/{}", bank.logo),
                "link": format!("{}://q?qPay_QRcode={qr_text}", bank.scheme),
            })
        })
        .collect()
}

/// The bank app whose logo is `file` (the path's last part, without the query).
pub fn by_logo(file: &str) -> Option<BankApp> {
    BANK_APPS
        .iter()
        .copied()
        .find(|bank| bank.logo.split('?').next() == Some(file))
}
