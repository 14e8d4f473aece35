//! The owner's check of QPay's payment list for a day (`/admin/payments/check`, issue #22).

texts! {
    /// The texts of the day's check with QPay.
    QpayCheckTexts {
        title: "QPay-ийн гүйлгээний шалгалт", "QPay's payments checked";
        nav: "QPay шалгалт", "QPay check";
        intro:
            "Өдөр бүр өмнөх өдрийн QPay-ийн гүйлгээний жагсаалтыг дэлгүүрийн захиалгатай тулгана. Өөр өдрийг энд \
             шалгаж болно.",
            "Every day QPay's list of the day before is held against the shop's orders. Check another day here.";
        day: "Өдөр", "Day";
        run: "Шалгах", "Check";
        none_yet: "Энэ өдрийг шалгаагүй байна.", "This day has not been checked yet.";
        summary:
            "{day}: QPay {listed} гүйлгээ жагсаасан, {matched} нь таарсан ({pages} хуудас, {at}, {by}).",
            "{day}: QPay listed {listed} payments, {matched} agreed ({pages} pages, {at}, {by}).";
        unfinished: "Шалгалт дуусаагүй.", "The check did not finish.";
        failed_run: "Шалгалт амжилтгүй: {why}", "The check failed: {why}";
        all_agree: "Бүх гүйлгээ таарч байна.", "Every payment agrees.";
        recovered:
            "{payment} гүйлгээ {order} захиалгад бүртгэгдээгүй байсан тул дахин шалгалаа: {outcome}.",
            "Payment {payment} of order {order} had not been recorded here, so it was settled again: {outcome}.";
        unknown:
            "{payment} гүйлгээ ({amount}) дэлгүүрийн үүсгээгүй нэхэмжлэлд төлөгдсөн. Бүртгээгүй: QPay-ийн порталаас \
             шалгана уу.",
            "Payment {payment} ({amount}) was made to an invoice the shop never made. Not recorded: check it in \
             QPay's portal.";
        missing:
            "{order} захиалгын {payment} гүйлгээ ({amount}) энд бүртгэгдсэн ч QPay-ийн жагсаалтад алга.",
            "Payment {payment} of order {order} ({amount}) is recorded here but QPay does not list it.";
        mismatch:
            "{order} захиалгын {payment} гүйлгээ: QPay {qpay}, энд {shop} гэж бүртгэсэн.",
            "Payment {payment} of order {order}: QPay says {qpay}, recorded here as {shop}.";
        done: "QPay-ийн жагсаалтыг шалгалаа.", "QPay's list checked.";
        bad_day: "Өдрийг ОООО-СС-ӨӨ хэлбэрээр бичнэ үү.", "Write the day as YYYY-MM-DD.";
        failed: "QPay-ийн жагсаалтыг уншиж чадсангүй: {why}", "QPay's list could not be read: {why}";
    }
}
