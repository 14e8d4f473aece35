//! Packing and courier (issue #22): the packing slips, one order a printed page, and the courier sheet of a day's or
//! a filter's orders, with the cash to collect.

texts! {
    /// The texts of the packing slips and the courier sheet.
    SlipTexts {
        /// The order list's link and the slips' page title.
        slips: "Савлах хуудас", "Packing slips";
        /// The order page's link and one slip's page title.
        slip: "Савлах хуудас хэвлэх", "Print packing slip";
        courier: "Хүргэлтийн жагсаалт", "Courier sheet";
        print_hint:
            "Хэвлэхдээ хөтчийн «Хэвлэх» цэсийг ашиглана уу (Ctrl+P). Цэс, товчнууд хэвлэгдэхгүй.",
            "To print, use the browser's Print menu (Ctrl+P). The menus and buttons are left out.";
        capped:
            "Шүүлтүүрт {matched} захиалга тохирсноос эхний {shown}-г харууллаа. Үлдсэнийг нь шүүлтүүрээ нарийсгаж харна уу.",
            "{matched} orders match; the first {shown} are shown. Narrow the filter for the rest.";
        order: "Захиалга", "Order";
        customer: "Хүлээн авагч", "Customer";
        phone: "Утас", "Phone";
        address: "Хаяг", "Address";
        items: "Бараа", "Items";
        item: "Бараа", "Item";
        variant: "Сонголт", "Variant";
        quantity: "Тоо", "Qty";
        note: "Тэмдэглэл", "Note";
        to_collect: "Бэлнээр авах", "Cash to collect";
        paid: "Төлөгдсөн", "Paid";
        total_to_collect: "Нийт бэлнээр авах", "Total cash to collect";
        signature: "Гарын үсэг, тэмдэглэл", "Signature, notes";
        received_by: "Хүлээн авсан:", "Received by:";
        qr_label: "Захиалгын дугаарын QR код", "The order number as a QR code";
    }
}
