//! The going-live checklist on `/admin` (`domain::going_live`), also printed by `delguur check-config` in English.

texts! {
    /// The texts of the going-live checklist.
    LaunchTexts {
        title: "Дэлгүүрээ нээхэд бэлдэх", "Getting ready to go live";
        intro:
            "Алхам бүр үнэхээр хийгдсэн үед өөрөө тэмдэглэгдэнэ. Бүгд дуусахад энэ жагсаалт алга болно.",
            "Each step is ticked once it is really done. When all are, this list goes away.";
        done: "Хийсэн", "Done";
        to_do: "Хийх", "To do";
        open: "Нээх", "Open";

        step_name: "Дэлгүүрийн нэр", "The shop's name";
        step_logo: "Лого", "A logo";
        step_contacts: "Утас, мөн имэйл эсвэл хаяг", "A phone, and an e-mail or an address";
        step_products:
            "Өөрийн зурагтай, үлдэгдэлтэй нэг бараа ч болов",
            "At least one product with your own picture and stock";
        step_delivery: "Хүргэлтийн бүс эсвэл очиж авах цэг", "A delivery zone or a pickup point";
        step_qpay: "QPay-ийн нэвтрэх мэдээлэл ажиллаж байна", "QPay credentials that work";
        step_test_payment: "Туршилтын төлбөр төлөгдсөн", "A test payment seen through to paid";
        step_messages: "SMS ба имэйл тохируулсан", "Text messages and e-mail set up";
        step_ebarimt: "И-баримт асаалттай, эсвэл унтраалттай гэж шийдсэн", "E-barimt on, or knowingly off";
        step_backup: "Өгөгдлийн сангийн нөөц хуулбар", "A backup of the database";

        hint_qpay_local:
            "Одоо QPay-ийн дотоод эмулятор ажиллаж байгаа бөгөөд мөнгө авдаггүй. QPAY_MODE=sandbox эсвэл live, \
             QPAY_CLIENT_ID, QPAY_CLIENT_SECRET, QPAY_INVOICE_CODE-г тохируулаад дэлгүүрээ дахин эхлүүлнэ үү.",
            "The shop runs QPay's built-in emulator, which takes no money: set QPAY_MODE=sandbox or live with \
             QPAY_CLIENT_ID, QPAY_CLIENT_SECRET and QPAY_INVOICE_CODE, then restart the shop.";
        hint_qpay:
            "QPay-ээс токен авч нэвтрэх мэдээллийг шалгана.",
            "Asks QPay for a token, which checks the credentials.";
        hint_test_payment:
            "Дэлгүүрээсээ нэг бараа аваад QPay-ээр төлнө үү.",
            "Buy something in your shop and pay for it with QPay.";
        hint_messages:
            "SMS_MODE=http, EMAIL_MODE=smtp тохируулна уу. Эсвэл одоохондоо дотооддоо үлдээнэ гэж тэмдэглэнэ үү: \
             тэгвэл худалдан авагчид мессеж очихгүй.",
            "Set SMS_MODE=http and EMAIL_MODE=smtp. Or say they stay local for now: shoppers then get no messages.";
        hint_ebarimt:
            "НӨАТ төлөгч бол EBARIMT=v3 болон түүний кодуудыг тохируулна. Үгүй бол унтраалттай үлдэнэ гэж \
             тэмдэглэнэ үү.",
            "A VAT payer sets EBARIMT=v3 and its codes. Otherwise, say it stays off.";
        hint_backup_sqlite:
            "Сервер дээр `delguur backup FILE` ажиллуулна уу (дэлгүүр ажиллаж байхад болно).",
            "Run `delguur backup FILE` on the server (the shop may keep running).";
        hint_backup_postgres:
            "PostgreSQL-ийг pg_dump-аар эсвэл хостынхоо нөөцлөлтөөр хадгална. `delguur backup` үүнийг хуулдаггүй.",
            "Back PostgreSQL up with pg_dump or your host's backups: `delguur backup` does not copy it.";

        check_qpay: "QPay-г одоо шалгах", "Check QPay now";
        leave_messages_local: "Одоохондоо дотооддоо үлдээнэ", "Leave them local for now";
        ebarimt_stays_off: "И-баримт унтраалттай үлдэнэ", "E-barimt stays off";
        backed_up_elsewhere: "Өгөгдлийн сан өөр газар нөөцлөгддөг", "My database is backed up elsewhere";

        qpay_accepted:
            "QPay нэвтрэх мэдээллийг хүлээн авч токен олголоо.",
            "QPay accepted the credentials and issued a token.";
        qpay_local_not_counted:
            "Дотоод эмулятор мөнгө авдаггүй тул энэ алхам тэмдэглэгдэхгүй: QPAY_MODE=sandbox эсвэл live тохируулна уу.",
            "The built-in emulator takes no money, so this step is not ticked: set QPAY_MODE=sandbox or live.";
        qpay_failed: "QPay шалгалт амжилтгүй: {why}", "The QPay check failed: {why}";
        noted: "Тэмдэглэлээ.", "Noted.";
    }
}
