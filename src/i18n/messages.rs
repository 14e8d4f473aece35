//! The texts the shop sends by SMS and e-mail. An SMS is sized for Cyrillic (`domain/notice.rs`): keep a new one
//! short.

texts! {
    /// The SMS and e-mail texts.
    MessageTexts {
        /// An order's e-mail subject.
        order_subject: "Захиалга {no}", "Order {no}";

        // An order's texts, by event: `{no}` its number, `{total}`, `{link}` its pay link. `domain/notice.rs` says
        // which are followed by the free part (the courier's note, the pickup point, the reason).
        placed: "Захиалга {no}: {total}. Төлөх: {link}", "Order {no}: {total}. Pay here: {link}";
        paid: "Захиалга {no}-ийн {total} төлөгдлөө. Баярлалаа!", "Order {no}: {total} paid. Thank you!";
        shipped: "Захиалга {no} хүргэлтэд гарлаа.", "Order {no} is on its way.";
        delivered: "Захиалга {no} хүргэгдлээ. Баярлалаа!", "Order {no} was delivered. Thank you!";
        ready_for_pickup: "Захиалга {no} бэлэн боллоо:", "Order {no} is ready to collect:";
        reminder:
            "Захиалга {no}: {minutes} минутад төлөөрэй: {link}",
            "Order {no}: pay within {minutes} minutes: {link}";
        expired: "Захиалга {no} төлөгдөөгүй тул цуцлагдлаа.", "Order {no} was not paid and is cancelled.";
        refunded: "Захиалга {no}: {amount} буцаан олгогдлоо.", "Order {no}: {amount} refunded.";
        new_paid_order: "Шинэ захиалга {no}: {total} төлөгдлөө.", "New order {no}: {total} paid.";
        new_offline_order:
            "Шинэ захиалга {no}: {total}, төлбөр хүлээж байна.",
            "New order {no}: {total}, payment to come.";
        needs_attention: "Захиалга {no} шалгана уу:", "Order {no} needs you:";
        receipt_failed:
            "Захиалга {no}: и-баримт гарсангүй, админд шалгана уу.",
            "Order {no}: the e-barimt was not issued; see the admin.";
        refund_failed:
            "Захиалга {no}: буцаалт амжилтгүй, админд шалгана уу.",
            "Order {no}: a refund failed; see the admin.";

        // Texts that belong to no order's steps.
        /// The code that opens an order found again: one UCS-2 segment in either language.
        find_code_sms:
            "{code}: {order_no} захиалгын код. {minutes} мин хүчинтэй, бусдад бүү өг.",
            "{code} is the code to open order {order_no}. Valid {minutes} min. Do not share it.";
        /// To the owner, once a day: texts held over the SMS limits, and the page where they are set.
        held_sms:
            "SMS-ийн хязгаар хэтэрч өнөөдөр {count} мессеж илгээгдсэнгүй. {link}",
            "Over the SMS limit: {count} texts held today, not sent. {link}";
        held_subject: "SMS-ийн хязгаар хэтэрлээ", "Texts held over the SMS limit";
        held_body:
            "Өнөөдөр {count} SMS хязгаараас хэтэрсэн тул илгээгдсэнгүй: нэг дугаарт 24 цагт {per_phone_per_day}, дэлгүүрээс цагт {per_hour} хүртэл (төлөөгүй захиалга, сануулга, захиалга хайх код).\n\nХэн нэгэн олон захиалга өгч бусдын дугаарт мессеж явуулж байж магадгүй. Саатсан мессеж бүр захиалгын хуудсанд харагдана, тэндээс дахин илгээж болно. Хязгаарыг энд өөрчилнө: {link}\n",
            "{count} texts were held today, not sent, over the limit: {per_phone_per_day} to one phone in 24 hours, {per_hour} from the shop in an hour (unpaid orders, reminders, find-my-order codes).\n\nSomeone may be placing orders to send texts to other people's phones. Each held text shows on its order's page, which can send it after all. The limits are set here: {link}\n";
        /// A staff invitation: `{invited_by}` who sent it, `{hours}` how long its `{link}` works.
        invite_sms:
            "Ажилтны урилга: {hours} цагт нууц үгээ тохируулна уу {link}",
            "Staff invitation: set your password within {hours} h at {link}";
        invite_subject: "Дэлгүүрийн ажилтны урилга", "You are invited to the shop's staff";
        invite_body:
            "{invited_by} таныг дэлгүүрийн ажилтнаар урьж байна: захиалга харах, савлах, хүргэх.\n\nНууц үгээ энд тохируулна уу ({hours} цагийн дотор, нэг удаа):\n{link}\n",
            "{invited_by} invites you to the shop's staff: to see, pack and deliver orders.\n\nSet your password here (within {hours} hours, once):\n{link}\n";
    }
}
