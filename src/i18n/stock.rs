//! Stock running low (issue #22): the owner's levels and settings, the landing page's box, the product list's mark,
//! the owner's message, and "only N left" on the product page.

texts! {
    /// The texts of stock running low.
    StockTexts {
        low_stock: "Бага үлдэгдлийн түвшин (хоосон бол дэлгүүрийнх)", "Low-stock level (empty: the shop's)";
        low_mark: "Дуусаж байна", "Running low";
        running_low: "Дуусаж буй бараа", "Running low";
        left: "{n} үлдсэн", "{n} left";
        only_left: "Зөвхөн {n} үлдлээ", "Only {n} left";
        settings_title: "Үлдэгдлийн тохиргоо", "Stock settings";
        low_stock_default: "Бага үлдэгдлийн түвшин (анхных)", "Low-stock level (default)";
        few_left:
            "\"Зөвхөн N үлдлээ\"-г харуулах үлдэгдэл (хоосон бол үгүй)",
            "Show \"only N left\" at or below (empty: never)";
        saved: "Үлдэгдлийн тохиргоо хадгалагдлаа", "Stock settings saved";
        /// The product page's list of stock moves made by a sheet.
        moves_title: "Үлдэгдлийн өөрчлөлт", "Stock moves";
        move_line:
            "{when} · {sku}: тавиур дээр {before} → {after} · {reason} · {who}",
            "{when} · {sku}: on the shelf {before} → {after} · {reason} · {who}";
        reason_import: "Excel-ээр оруулсан", "sheet import";
        reason_stocktake: "тооллого", "stocktake";
        low_sms: "{shop}: {name} дуусаж байна, {left} үлдлээ. {link}", "{shop}: {name} is running low, {left} left. {link}";
        low_subject: "{shop}: {name} дуусаж байна", "{shop}: {name} is running low";
        low_body:
            "{name} барааны үлдэгдэл {left} болж, бага үлдэгдлийн түвшиндээ хүрлээ. Нөхөх бол: {link}",
            "{name} is down to {left}, at or below its low-stock level. To restock: {link}";
    }
}
