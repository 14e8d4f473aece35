//! An order's timeline on the owner's page: what happened, one sentence per entry (`admin/timeline.rs`). Amounts,
//! states and names are filled in; ids and QPay's own words are shown beside the sentence, not in it.

texts! {
    /// The texts of an order's timeline.
    TimelineTexts {
        // The QPay invoice and QPay's word on its payments.
        invoice_created: "QPay нэхэмжлэл үүслээ.", "The QPay invoice was made.";
        invoice_unused:
            "Зэрэг үүссэн хоёр дахь QPay нэхэмжлэлийг ашиглаагүй.",
            "A second QPay invoice made at the same time was not used.";
        invoice_failed: "QPay нэхэмжлэл үүсгэж чадсангүй.", "The QPay invoice could not be made.";
        invoice_cancelled: "QPay нэхэмжлэлийг цуцаллаа.", "The QPay invoice was cancelled.";
        invoice_already_gone: "QPay нэхэмжлэл өмнө нь цуцлагдсан байв.", "The QPay invoice was cancelled already.";
        invoice_found_paid:
            "Нэхэмжлэлийг цуцлах үед төлөгдсөн байсан тул төлбөрийг бүртгэлээ.",
            "The invoice was found paid when it was cancelled: the payment is recorded.";
        callback: "QPay төлбөрийн мэдэгдэл илгээлээ.", "QPay called back about a payment.";
        checked:
            "QPay-ээс шалгав ({trigger}): нийт {total}, төлөгдсөн {paid}, төлбөрийн тоо {count}.",
            "Checked with QPay ({trigger}): {paid} of {total} paid, in {count} payment(s).";
        check_failed: "QPay-ээс шалгаж чадсангүй ({trigger}).", "Could not check with QPay ({trigger}).";
        by_callback: "QPay-ийн мэдэгдлээр", "on QPay's callback";
        by_shopper: "худалдан авагч шалгуулсан", "the shopper asked";
        by_schedule: "тогтмол шалгалт", "a scheduled check";
        by_owner: "дэлгүүрийн эзэн шалгуулсан", "the owner asked";
        by_cancel: "нэхэмжлэлийг цуцлах үед", "while cancelling the invoice";
        foreign_currency:
            "QPay өөр валютаар хийгдсэн төлбөр харуулж байна: тооцоонд ороогүй.",
            "QPay lists a payment in another currency: it is not counted.";

        // The order: its payment, its delivery, money the shop took, what the owner asked for.
        state_moved: "Төлбөрийн төлөв: {from} → {to}.", "Payment: {from} → {to}.";
        state_ended: "Төлбөрийн төлөв: {from} → {to} ({why}).", "Payment: {from} → {to} ({why}).";
        not_paid_in_time: "хугацаандаа төлөгдөөгүй", "not paid in time";
        no_invoice: "нэхэмжлэл үүсээгүй", "no invoice was made";
        fulfilled: "Хүргэлт: {from} → {to}.", "Fulfilment: {from} → {to}.";
        /// A sentence with the courier's words after it.
        courier: "{text} Хүргэгч: {note}", "{text} Courier: {note}";
        /// A sentence with the owner's note after it.
        note: "{text} Тэмдэглэл: {note}", "{text} Note: {note}";
        received_cash: "Бэлнээр {amount} хүлээн авлаа.", "{amount} received in cash.";
        received_transfer: "Шилжүүлгээр {amount} хүлээн авлаа.", "{amount} received by bank transfer.";
        made: "Дэлгүүрийн эзэн захиалгыг үүсгэв.", "The owner made the order.";
        made_discount:
            "Дэлгүүрийн эзэн захиалгыг {amount} хөнгөлөлттэй үүсгэв. Шалтгаан: {reason}",
            "The owner made the order with {amount} off. Why: {reason}";
        asked_recheck: "QPay-ээс дахин шалгуулахаар хүслээ.", "Asked to re-check with QPay.";
        asked_ebarimt_retry:
            "И-баримтыг дахин гаргуулахаар хүслээ.",
            "Asked to issue the e-barimt again.";
        asked_ebarimt_cancel: "И-баримтыг цуцлуулахаар хүслээ.", "Asked to cancel the e-barimt.";
        asked_pay_link: "Төлөх холбоосыг SMS-ээр илгээхээр хүслээ.", "Asked to send the pay link by SMS.";
        asked_resend: "Мессежийг дахин илгээхээр хүслээ: {message}.", "Asked to send a message again: {message}.";
        code_used_up:
            "{code} код өмнө төлөгдсөн захиалгуудад дууссан байсан: хөнгөлөлт хязгаараас гадуур өгөгдлөө.",
            "Code {code} was used up by orders paid first: its discount was given beyond its limit.";

        // Money going back.
        refund_by_hand:
            "{amount} QPay-ээс гадуур, гараар буцаалаа.",
            "{amount} returned by hand, outside QPay.";
        refund_sent:
            "Картын төлбөрөөс {amount} буцаахаар QPay-д илгээлээ.",
            "{amount} of a card payment sent to QPay to refund.";
        refund_unanswered:
            "QPay буцаалтад хариу өгсөнгүй: хэрхэн дууссаныг дахин шалгаж харна уу.",
            "QPay did not answer the refund: re-check to see how it ended.";
        refund_done: "QPay картын төлбөрийг буцаалаа.", "QPay refunded the card payment.";
        refund_failed: "QPay төлбөрийг буцаасангүй.", "QPay did not refund the payment.";
        stock_back:
            "Илгээхээс өмнө бүрэн буцаасан тул бараа нөөцөд буцлаа.",
            "Refunded in full before shipping: the stock went back.";

        // The order's messages.
        notice_sent: "Мессеж илгээлээ: {message}.", "Message sent: {message}.";
        notice_skipped:
            "Мессеж илгээгээгүй, хүлээн авагчгүй эсвэл хэрэггүй болсон: {message}.",
            "Message not sent, with no one to send it to or no longer needed: {message}.";
        notice_refused:
            "Мессежийг хүлээн аваагүй, дахин илгээхгүй: {message}.",
            "Message refused for good, not tried again: {message}.";
        lookup_code: "Захиалга олох код", "The code to find the order";
        owner_notified: "Шинэ захиалгын тухай эзэнд мэдэгдлээ.", "The owner was told of the order.";

        // E-barimt receipts.
        ebarimt_issued: "И-баримт гарлаа.", "The e-barimt receipt was issued.";
        ebarimt_refused:
            "QPay и-баримт гаргасангүй; дараа дахин оролдоно.",
            "QPay refused the e-barimt receipt; it is asked again later.";
        ebarimt_unknown:
            "И-баримтын хариу ирсэнгүй: гарсан эсэхийг QPay-ийн порталаас шалгана уу.",
            "No answer about the e-barimt receipt: check in QPay's portal whether it was issued.";
        ebarimt_cancelled: "И-баримтыг цуцаллаа.", "The e-barimt receipt was cancelled.";
        ebarimt_cancel_refused:
            "QPay и-баримтыг цуцлахаас татгалзлаа.",
            "QPay refused to cancel the e-barimt receipt.";

        /// An entry the shop cannot read (an old one): its stored words are shown beside it.
        other: "Бусад үйл явдал.", "Another event.";
    }
}
