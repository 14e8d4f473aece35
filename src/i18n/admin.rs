//! The owner's and staff's daily work: signing in, the orders, an order's page, refunds, money the shop took
//! itself, an order's messages, a new order made by hand.

texts! {
    /// The texts of the orders' side of the admin.
    AdminTexts {
        // Signing in.
        sign_in: "Нэвтрэх", "Sign in";
        email: "Имэйл", "E-mail";
        password: "Нууц үг", "Password";
        sign_in_refused: "Имэйл эсвэл нууц үг буруу байна.", "Wrong e-mail address or password.";
        locked_out:
            "Олон удаа буруу оролдсон тул {minutes} минутын дараа дахин оролдоно уу.",
            "Too many failed attempts: try again in {minutes} minutes.";
        sign_out: "Гарах", "Sign out";
        // The admin's own bar: its menu on a phone, and the list's folded filters.
        menu: "Цэс", "Menu";
        admin_nav: "Удирдлагын цэс", "Admin pages";
        filters: "Шүүлтүүр", "Filters";
        signed_in_as: "Нэвтэрсэн", "Signed in as";

        // The orders.
        orders: "Захиалгууд", "Orders";
        orders_counted: "захиалга", "orders";
        payment: "Төлбөр", "Payment";
        fulfilment: "Хүргэлт", "Fulfilment";
        all: "Бүгд", "All";
        from: "Эхлэх", "From";
        to: "Дуусах", "To";
        search: "Захиалгын дугаар, утас", "Order number or phone";
        apply: "Шүүх", "Filter";
        no_orders: "Захиалга алга.", "No orders.";
        order: "Захиалга", "Order";
        placed: "Огноо", "Placed";
        customer: "Захиалагч", "Customer";
        status: "Төлөв", "Status";
        needs_attention: "Анхаарах", "Needs attention";

        // "Today at a glance" above the orders: each figure a link to the list it counts (days are when the order
        // was placed, as the list's dates are).
        glance_title: "Өнөөдрийн тойм", "Today at a glance";
        glance_paid_today: "Өнөөдрийн төлөгдсөн захиалга", "Paid orders placed today";
        glance_paid_week: "Энэ долоо хоногийн төлөгдсөн захиалга", "Paid orders placed this week";
        glance_to_pack: "Савлах захиалга", "Orders to pack";
        glance_attention: "Анхаарах захиалга", "Orders that need attention";

        // Where an order is.
        fulfilment_new: "Шинэ", "New";
        fulfilment_packed: "Савласан", "Packed";
        fulfilment_shipped: "Илгээсэн", "Shipped";
        fulfilment_delivered: "Хүргэсэн", "Delivered";
        fulfilment_picked_up: "Авч явсан", "Picked up";

        // An order's page.
        recheck: "QPay-ээс дахин шалгах", "Re-check with QPay";
        cancel_order: "Захиалгыг цуцлах", "Cancel the order";
        payments: "Төлбөрүүд", "Payments";
        timeline: "Түүх", "Timeline";
        export_csv: "CSV татах", "Download CSV";

        // Refunds.
        refund: "Буцаан олгох", "Refund";
        refunds: "Буцаалт", "Refunds";
        refunded: "Буцаасан", "Refunded";
        refund_amount: "Дүн, ₮", "Amount, ₮";
        refund_note: "Тэмдэглэл: мөнгийг хэрхэн буцаасан", "Note: how the money went back";
        refund_left: "буцаах боломжтой", "left to refund";
        refund_card_hint:
            "Бүтэн дүнг QPay-ээр карт руу буцаана. Хэсэгчилсэн дүнг тэмдэглэлтэйгээр гараар буцаасан гэж бүртгэнэ.",
            "The whole amount goes back to the card through QPay. A part is recorded as a manual refund with a note.";
        refund_manual_hint:
            "Банкны аппаар хийсэн төлбөрийг QPay буцаах боломжгүй. Мөнгийг шилжүүлгээр буцаагаад энд тэмдэглэлтэй бүртгэнэ үү.",
            "QPay cannot send a bank-app payment back. Return the money by bank transfer, then record it here with a note.";
        refund_done_qpay: "QPay картын төлбөрийг буцаалаа.", "QPay sent the card payment back.";
        refund_recorded: "Гараар буцаасныг бүртгэлээ.", "The manual refund is recorded.";
        refund_bad_amount:
            "Дүнг бүхэл төгрөгөөр, 1₮-с {left} хүртэл оруулна уу.",
            "Enter the amount in whole tögrög, from 1₮ to {left}.";
        refund_note_missing:
            "Мөнгийг хэрхэн буцаасныг тэмдэглэнэ үү: гараар буцаахад тэмдэглэл заавал хэрэгтэй.",
            "Write how the money went back: a manual refund needs a note.";
        refund_note_long:
            "Тэмдэглэл хэт урт байна (500 тэмдэгтээс ихгүй).",
            "The note is too long (500 characters at most).";
        refund_settled:
            "QPay татгалзлаа: төлбөр аль хэдийн шилжсэн байна. Мөнгийг шилжүүлгээр буцаагаад тэмдэглэлтэй бүртгэнэ үү.",
            "QPay refused: the payment is already settled. Return the money by bank transfer and record a manual refund with a note.";
        refund_refused: "QPay буцаалтыг зөвшөөрсөнгүй ({code}).", "QPay refused the refund ({code}).";
        refund_unanswered:
            "QPay хариу өгсөнгүй. Мөнгө буцсан эсэхийг нэг минутын дараа QPay-ээс дахин шалгаж харна уу.",
            "QPay did not answer. Re-check with QPay in a minute to see whether the money went back.";
        refund_pending: "QPay-ийн хариуг хүлээж байна", "Waiting for QPay";
        refund_failed: "Амжилтгүй", "Failed";
        refund_manual: "гараар", "manual";
        refund_still_payable:
            "Захиалгын төлбөрийг одоо ч төлөх боломжтой. Цуцлах эсвэл төлөх хугацаа дууссаны дараа буцаана уу.",
            "The order can still be paid. Cancel it, or wait until its time to pay is over, then refund.";
        refund_invoice_open:
            "QPay нэхэмжлэлийг хаагдсан гэж хараахан баталгаажуулаагүй тул худалдан авагч төлсөөр байж магадгүй. Цуцлах хүсэлтийг дахин илгээлээ; цуцлагдсаны дараа буцаана уу.",
            "QPay has not yet confirmed the invoice closed, so the shopper could still pay it. Its cancel has been sent again; refund once it has gone through.";
        refund_done_late:
            "QPay энэ төлбөрийг эцэст нь буцаасан байна: буцаалтыг бүртгэлээ, өөр юу ч буцаах шаардлагагүй.",
            "QPay refunded this payment after all: the refund is counted, and nothing more goes back.";
        refund_outcome_unknown:
            "Өмнөх QPay буцаалт хэрхэн дууссаныг QPay одоогоор хэлж чадахгүй байна; давхар буцаахгүйн тулд хэсэг хугацааны дараа дахин оролдоно уу.",
            "QPay cannot say right now how the earlier refund of this payment ended; so that it is never returned twice, try again in a while.";
        ebarimt_retry: "И-баримтыг дахин гаргах", "Issue the e-barimt again";
        ebarimt_cancel: "И-баримтыг цуцлах", "Cancel the e-barimt";

        // An order's messages.
        messages: "Мессеж", "Messages";
        message_sent: "илгээсэн", "sent";
        message_refused: "дугаарыг хүлээж аваагүй", "number refused";
        message_skipped: "илгээх хүлээн авагчгүй", "no one to send to";
        message_retrying: "илгээгдээгүй, дахин оролдоно", "not sent yet, trying again";
        message_given_up: "илгээж чадаагүй", "could not be sent";
        message_held: "саатуулсан: хязгаараас хэтэрсэн, илгээгээгүй", "held: over the limit, not sent";
        to_handle: "Бэлдэх: төлөгдсөн, эсвэл бэлэн/шилжүүлэг хүлээж буй", "To handle: paid, or cash/transfer to come";
        message_waiting: "илгээхийг хүлээж байна", "waiting to be sent";
        message_resend: "Дахин илгээх", "Send again";

        // The bar on top, and a page for the owner alone.
        not_owner: "Энэ хуудас зөвхөн дэлгүүрийн эзэнд.", "This page is for the shop's owner only.";
        new_order: "Захиалга үүсгэх", "New order";

        // An order's page: shipping it, money the shop took itself.
        courier_about: "Хүргэгчийн тухай (заавал биш)", "About the courier (optional)";
        courier_note_long:
            "Хүргэгчийн тэмдэглэл {max} тэмдэгтээс ихгүй байна.",
            "The courier's note is at most {max} characters.";
        /// Why a cancel was refused: the goods have left the shop.
        cancel_goods_gone:
            "Бараа дэлгүүрээс гарсан тул захиалгыг цуцлахгүй: нөөцөд буцаах бараа алга. Мөнгийг ирэхэд нь хүлээн авсан гэж тэмдэглэнэ үү.",
            "The goods have left the shop, so the order is not cancelled: there is nothing to put back in stock. Record the money when it comes.";
        money_received: "Мөнгө хүлээн авсан", "Money received";
        to_collect: "Авах дүн: ", "To collect: ";
        receive_amount: "Дүн (₮)", "Amount (₮)";
        receive_note: "Тэмдэглэл (хэн, гүйлгээний утга)", "Note (who paid, the transfer's reference)";
        record_received: "Төлөгдсөн гэж тэмдэглэх", "Record as received";
        cash_not_whole: "Дүнг бүхэл төгрөгөөр бичнэ үү.", "Write the amount in whole tögrög.";
        cash_recorded_paid: "Төлөгдсөн гэж тэмдэглэлээ.", "Recorded: the order is paid.";
        cash_recorded_part: "Хэсэгчлэн төлөгдсөнөөр тэмдэглэлээ.", "Recorded as part paid.";
        cash_not_offline: "QPay-ийн захиалга QPay-ээр л төлөгдөнө.", "A QPay order is paid through QPay only.";
        cash_already_paid:
            "Захиалга аль хэдийн төлөгдсөн: юу ч өөрчлөгдсөнгүй.",
            "The order is paid already: nothing changed.";
        cash_over:
            "Захиалга цуцлагдсан, бараа нь буцсан: шинэ захиалга үүсгэнэ үү.",
            "The order is over and its stock went back: make a new order.";
        cash_not_an_amount: "Дүн 0-ээс их байна.", "The amount is more than 0.";
        cash_too_much: "Үлдэгдэл {left} тул илүү дүн бичсэн байна.", "Only {left} is left to pay.";
        cash_not_all:
            "Хэсэгчилсэн төлбөр авдаггүй: {left} бүгдийг бичнэ үү.",
            "The shop takes no part payments: record all {left} at once.";

        // What each of an order's messages is about, and how it went.
        channel_email: "имэйл", "e-mail";
        event_placed: "Захиалга өгсөн (төлөх холбоос)", "Placed (pay link)";
        event_paid: "Төлөгдсөн", "Paid";
        event_shipped: "Хүргэлтэд гарсан", "Shipped";
        event_delivered: "Хүргэгдсэн", "Delivered";
        event_ready_for_pickup: "Очиж авахад бэлэн", "Ready to collect";
        event_reminder: "Төлөхийг сануулсан", "Payment reminder";
        event_expired: "Хугацаа дууссан", "Expired";
        event_refunded: "Буцаасан", "Refunded";
        event_new_paid_order: "Эзэнд: шинэ захиалга", "To the owner: new order";
        event_new_offline_order: "Эзэнд: шинэ захиалга, төлбөр хүлээж буй", "To the owner: new order, payment to come";
        event_needs_attention: "Эзэнд: анхаарах", "To the owner: needs attention";
        event_receipt_failed: "Эзэнд: и-баримт гараагүй", "To the owner: e-barimt failed";
        event_refund_failed: "Эзэнд: буцаалт амжилтгүй", "To the owner: refund failed";

        // A new order made by hand (`/admin/orders/new`) and its pay link.
        draft_find: "Бараа хайх (нэр эсвэл SKU)", "Find an item (name or SKU)";
        draft_search: "Хайх", "Search";
        draft_nothing_found: "Олдсонгүй.", "Nothing found.";
        draft_in_stock: "үлдэгдэл", "in stock";
        draft_quantity: "Тоо", "Quantity";
        draft_add: "Нэмэх", "Add";
        draft_items: "Захиалгын бараа", "Items";
        draft_none_yet: "Одоогоор хоосон.", "None yet.";
        draft_change: "Өөрчлөх", "Change";
        draft_items_total: "Барааны дүн: ", "Items: ";
        draft_customer: "Харилцагч", "Customer";
        draft_fee: "Хүргэлтийн төлбөр (₮, хоосон бол бүсийн үнээр)", "Delivery fee (₮; empty: the zone's)";
        draft_discount: "Хөнгөлөлт (₮)", "Discount (₮)";
        draft_reason: "Хөнгөлөлтийн шалтгаан", "Reason for the discount";
        draft_place: "Захиалга үүсгэх", "Make the order";
        draft_added: "Захиалгад нэмлээ.", "Added to the order.";
        draft_updated: "Тоог өөрчиллөө.", "Quantity changed.";
        draft_removed: "Хаслаа.", "Taken out.";
        draft_empty: "Захиалгад бараа нэмнэ үү.", "Add at least one item to the order.";
        draft_made:
            "Захиалга үүслээ. Төлөх холбоосыг хуулж харилцагчид илгээнэ үү.",
            "The order is made. Copy its pay link to the customer.";
        pay_link: "Төлөх холбоос", "Pay link";
        pay_link_text: "Чатад хуулж илгээх бичвэр", "Text to copy into a chat";
        pay_link_send: "SMS-ээр илгээх", "Send by SMS";
        pay_link_not_payable:
            "Энэ захиалгыг төлөх боломжгүй болсон тул илгээсэнгүй.",
            "This order takes no payment now; nothing was sent.";
        pay_link_no_sms:
            "SMS тохируулаагүй байна: бичвэрийг хуулж илгээнэ үү.",
            "No SMS gateway is set up: copy the text instead.";
        pay_link_sending:
            "Төлөх холбоосыг {phone} дугаарт SMS-ээр илгээж байна.",
            "The pay link is on its way to {phone} by SMS.";
    }
}
