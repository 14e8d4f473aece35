//! The order after checkout: its page, paying it (QPay or the shop itself), its receipt, finding it again.

texts! {
    /// The texts of an order's page.
    PaymentTexts {
        // The order and its payment.
        order_title: "Захиалга", "Order";
        awaiting_payment: "Төлбөр хүлээгдэж байна", "Awaiting payment";
        paid: "Төлөгдсөн", "Paid";
        partially_paid: "Хэсэгчлэн төлөгдсөн", "Partly paid";
        expired: "Хугацаа дууссан", "Expired";
        cancelled: "Цуцлагдсан", "Cancelled";
        order_link: "Захиалгын холбоос", "Link to this order";
        pay_title: "QPay-ээр төлөх", "Pay with QPay";
        pay_with_bank: "Банкны аппаараа төлөх", "Pay in your bank app";
        scan_qr: "Эсвэл QR кодыг уншуулна уу", "Or scan the QR code";
        open_qpay: "QPay холбоосоор нээх", "Open in QPay";
        pay_until: "{time} хүртэл төлнө үү ({minutes} минут үлдсэн).", "Please pay by {time} ({minutes} min left).";
        check_now: "Би төлсөн — шалгах", "I have paid — check now";
        not_received:
            "Төлбөр хугацаандаа ирсэнгүй. Хэрэв та төлсөн бол таны төлбөр баталгаажих болно.",
            "The payment did not arrive in time. If you paid anyway, your payment will still be confirmed.";
        /// The last check with QPay failed (pay page).
        check_failed:
            "Яг одоо QPay-ээс төлбөрийг шалгаж чадсангүй. Юу ч алга болоогүй: бид үргэлжлүүлэн шалгана, эсвэл хэдэн минутын дараа товчийг дахин дарна уу.",
            "We could not reach QPay to check your payment just now. Nothing is lost: we keep checking, or press the button again in a minute.";
        invoice_failed:
            "QPay-тэй холбогдож чадсангүй. Захиалга тань хадгалагдсан — дахин оролдоно уу.",
            "QPay could not be reached. Your order is saved — please try again.";
        try_again: "Дахин оролдох", "Try again";
        paid_title: "Төлбөр төлөгдлөө. Баярлалаа!", "Payment received. Thank you!";
        payment_details: "Төлбөр", "Payment";
        paid_so_far: "Төлсөн", "Paid so far";
        preparing_invoice: "Нэхэмжлэл бэлдэж байна…", "Preparing the invoice…";

        // The e-barimt receipt.
        ebarimt_title: "И-баримт", "E-barimt (VAT receipt)";
        ebarimt_lottery: "Сугалааны дугаар", "Lottery number";
        ebarimt_vat: "НӨАТ", "VAT";
        ebarimt_city_tax: "НХАТ", "City tax";
        ebarimt_waiting: "И-баримт удахгүй гарна.", "Your e-barimt is on its way.";
        ebarimt_cancelled: "И-баримт цуцлагдсан.", "The e-barimt was cancelled.";
        ebarimt_failed:
            "И-баримт гараагүй, дахин оролдож байна.",
            "The e-barimt is not issued yet; it is being tried again.";

        // The ways to pay.
        way_qpay: "QPay (банкны апп, QR)", "QPay (bank app, QR)";
        way_cash_on_delivery: "Хүргэлтээр бэлнээр (Улаанбаатарт)", "Cash on delivery (in Ulaanbaatar)";
        way_pay_at_pickup: "Авах цэг дээр төлөх", "Pay at the pickup point";
        way_bank_transfer: "Дансаар шилжүүлэх", "Bank transfer";

        // Paying the shop itself: cash or a transfer.
        offline_cash: "Хүргэгчид бэлнээр төлнө.", "Pay the courier in cash.";
        offline_at_pickup: "Авах цэг дээр төлнө.", "Pay when you collect it.";
        offline_transfer:
            "Доорх данс руу шилжүүлнэ үү. Гүйлгээний утгад захиалгын дугаараа бичнэ.",
            "Transfer to the account below, with the order number as the reference.";
        offline_to_pay: "Төлөх дүн: ", "To pay: ";
        offline_bank: "Банк", "Bank";
        offline_account: "Данс", "Account";
        offline_holder: "Хүлээн авагч", "Holder";
        offline_reference: "Гүйлгээний утга", "Reference";
        offline_pay_by: "Төлөх хугацаа: ", "Pay by: ";

        // Finding an order again (`/orders/find`).
        find_title: "Захиалгаа олох", "Find your order";
        find_intro:
            "Захиалгын дугаар болон захиалахдаа өгсөн утасны дугаараа оруулна уу. Тэр утсанд код илгээнэ.",
            "Enter the order number and the phone number you gave at checkout. We will send a code to that phone.";
        find_order_no: "Захиалгын дугаар", "Order number";
        find_phone: "Утасны дугаар", "Phone number";
        find_send_code: "Код авах", "Send me a code";
        find_code: "SMS-ээр ирсэн код", "The code from the SMS";
        find_open: "Захиалгаа харах", "Open my order";
        find_new_code: "Шинэ код авах", "Ask for a new code";
        find_code_sent:
            "Дугаар, утас нь захиалгатай таарвал тэр утсанд 6 оронтой код илгээлээ. Кодыг 10 минутын дотор оруулна уу.",
            "If the number and phone match an order, we sent a 6-digit code to that phone. Enter it within 10 minutes.";
        find_bad_order_no:
            "Захиалгын дугаар 8 тэмдэгт байна (жишээ нь AB12CD34).",
            "An order number has 8 characters (for example AB12CD34).";
        find_bad_phone:
            "Утасны дугаар 8 оронтой, 6, 8 эсвэл 9-өөр эхэлнэ.",
            "A phone number has 8 digits and starts with 6, 8 or 9.";
        find_bad_code: "Код 6 оронтой тоо байна.", "The code has 6 digits.";
        find_wrong_code: "Код буруу байна. {tries_left} оролдлого үлдлээ.", "Wrong code. {tries_left} tries left.";
        find_ask_again:
            "Код хүчингүй боллоо. Шинэ код авна уу.",
            "This code no longer works. Please ask for a new one.";
        find_too_many:
            "Хэт олон удаа оролдлоо. Нэг цагийн дараа дахин оролдоно уу.",
            "Too many requests. Please try again in an hour.";
    }
}
