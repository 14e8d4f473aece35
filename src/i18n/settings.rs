//! What the owner sets up: the catalog, discount codes, delivery, the ways to pay, messages and their limits,
//! staff; and the mistakes of the admin's forms.

texts! {
    /// The texts of the owner's settings.
    SettingsTexts {
        // The catalog.
        products: "Бараа", "Products";
        new_product: "Шинэ бараа", "New product";
        categories: "Ангилал", "Categories";
        new_category: "Ангилал нэмэх", "Add a category";
        slug: "Вэб хаяг (латин үсэг, тоо, -)", "Web address (latin letters, digits, -)";
        category: "Ангилал", "Category";
        name_mn: "Нэр (монголоор)", "Name in Mongolian";
        name_en: "Нэр (англиар)", "Name in English";
        description_mn: "Тайлбар (монголоор)", "Description in Mongolian";
        description_en: "Тайлбар (англиар)", "Description in English";
        archived: "Архивласан: худалдаанд гаргахгүй", "Archived: not for sale";
        save: "Хадгалах", "Save";
        saved: "Хадгаллаа.", "Saved.";
        fix_fields: "Тэмдэглэсэн талбаруудыг засна уу.", "Please correct the marked fields.";
        variants: "Хувилбарууд", "Variants";
        add_variant: "Хувилбар нэмэх", "Add a variant";
        sku: "Барааны код (SKU)", "Stock code (SKU)";
        price: "Үнэ, ₮", "Price, ₮";
        stock: "Үлдэгдэл", "In stock";
        image: "Зураг", "Picture";
        upload_image: "Зураг нэмэх (JPEG, PNG, WebP)", "Add a picture (JPEG, PNG or WebP)";
        pictures_title: "Зургууд", "Pictures";
        pictures_hint:
            "Эхний зураг нь барааны нүүр зураг. Утасны камераар авсан зургийг шууд оруулж болно.",
            "The first picture is the product's cover. A photo straight from a phone's camera is fine.";
        no_pictures: "Зураг алга: дэлгүүр орлуулах зураг харуулна.", "No pictures yet: the shop shows a placeholder.";
        picture_alt_mn:
            "Харж чадахгүй хүнд зориулсан тайлбар (монголоор; хоосон бол барааны нэр)",
            "Words for someone who cannot see it (Mongolian; empty: the product's name)";
        picture_alt_en: "Тайлбар (англиар)", "Words in English";
        picture_variant: "Аль хувилбарыг харуулах", "Which variant it shows";
        picture_whole_product: "Бүх бараа", "The product as a whole";
        move_earlier: "← Өмнө", "← Earlier";
        move_later: "Дараа →", "Later →";
        remove_picture: "Зургийг устгах", "Remove the picture";
        picture_moved: "Зургийн дарааллыг өөрчиллөө.", "The pictures' order is changed.";
        picture_removed: "Зургийг устгалаа.", "The picture is removed.";
        image_saved: "Зургийг хадгаллаа.", "The picture is saved.";
        image_not_an_image:
            "Энэ файл JPEG, PNG эсвэл WebP зураг биш байна.",
            "That file is not a JPEG, PNG or WebP picture.";
        image_too_many_pixels:
            "Зураг хэт олон цэгтэй байна (50 мегапикселээс их). Жижигрүүлээд дахин оруулна уу.",
            "The picture has too many pixels (over 50 megapixels). Make it smaller and upload it again.";
        image_broken:
            "Зургийг уншиж чадсангүй: гэмтсэн эсвэл дутуу байна.",
            "The picture cannot be read: it is damaged or cut short.";
        image_too_large: "Зураг {kb} КБ-аас том байна.", "The picture is larger than {kb} KB.";
        view_in_shop: "Дэлгүүрт харах", "View in the shop";
        variant_count: "хувилбар", "variants";
        classification_code:
            "И-баримтын ангиллын код (хоосон бол дэлгүүрийн үндсэн код)",
            "E-barimt classification code (empty: the shop's default)";
        stock_changed:
            "Таныг засварлах хооронд зарагдсан байна: шинэ тоо энд байна. Үлдэгдлийг дахин засаад хадгална уу.",
            "Some were sold while you were editing: here are the new figures. Change the stock again and save.";

        // A form's mistakes, beside their fields.
        problem_required: "Заавал бөглөнө үү.", "Required.";
        problem_too_long: "Хэт урт байна.", "Too long.";
        problem_not_a_slug:
            "Зөвхөн латин жижиг үсэг, тоо, “-” ашиглана.",
            "Only lowercase latin letters, digits and “-”.";
        problem_not_a_sku: "Зөвхөн латин үсэг, тоо, “-”, “_” ашиглана.", "Only latin letters, digits, “-” and “_”.";
        problem_not_a_price: "1₮-с багагүй бүхэл төгрөг оруулна уу.", "A whole number of tögrög, at least 1₮.";
        problem_not_a_stock: "0 эсвэл түүнээс их бүхэл тоо оруулна уу.", "A whole number, 0 or more.";
        problem_not_a_classification_code:
            "Ангиллын код 1-10 оронтой тоо байна.",
            "A classification code is 1 to 10 digits.";
        problem_taken: "Өөр нэг нь аль хэдийн ашиглаж байна.", "Already used by another one.";
        problem_unknown_category: "Ангилал сонгоно уу.", "Choose a category.";
        problem_not_a_code: "Зөвхөн үсэг, тоо, - ба _ байна.", "Letters, digits, - and _ only.";
        problem_not_a_percent: "1-100 хоорондох бүхэл тоо.", "A whole percent from 1 to 100.";
        problem_not_a_count: "1-ээс дээш бүхэл тоо.", "A whole number from 1 up.";
        problem_not_a_date: "Огноо ОООО-СС-ӨӨ хэлбэртэй.", "A day as YYYY-MM-DD.";
        problem_ends_before_start: "Дуусах өдөр эхлэхээс өмнө байна.", "It ends before it starts.";
        problem_unknown_product: "Ийм бараа алга.", "No such product.";
        problem_unknown_variant: "Энэ барааны хувилбар биш.", "Not one of this product's variants.";
        problem_unknown_district: "Ийм дүүрэг, хороо алга.", "No such district or khoroo.";
        problem_area_taken: "Энэ дүүрэг/хороо өөр бүсэд байна.", "This district or khoroo is in another zone.";
        problem_unknown_aimag: "Ийм аймаг алга.", "No such aimag.";
        problem_not_a_phone:
            "8 оронтой, 6, 8 эсвэл 9-өөр эхэлсэн гар утасны дугаар.",
            "A mobile number: 8 digits starting with 6, 8 or 9.";
        problem_not_an_email: "Имэйл хаяг буруу байна.", "This is not an e-mail address.";
        problem_not_minutes: "1-ээс 1440 хүртэлх минут.", "Whole minutes from 1 to 1,440.";
        problem_not_an_account:
            "Дансны дугаар эсвэл IBAN: 6-34 үсэг, тоо.",
            "An account number or IBAN: 6 to 34 letters and digits.";
        problem_not_hours: "1-ээс 720 хүртэлх цаг.", "Whole hours from 1 to 720.";

        // Discount codes.
        codes: "Хөнгөлөлтийн кодууд", "Discount codes";
        new_code: "Шинэ код", "New code";
        code_kind: "Төрөл", "Kind";
        code_percent: "Хувиар", "Percent off";
        code_fixed: "Тогтмол дүн (₮)", "Fixed amount (₮)";
        code_free_delivery: "Үнэгүй хүргэлт", "Free delivery";
        code_value: "Хувь эсвэл дүн", "Percent or amount";
        code_min_order: "Хамгийн бага захиалга (₮)", "Minimum order (₮)";
        code_starts: "Эхлэх өдөр", "Starts on";
        code_ends: "Дуусах өдөр", "Ends on";
        code_max_uses: "Нийт ашиглах тоо", "Uses in all";
        code_max_per_phone: "Нэг утсаар ашиглах тоо", "Uses per phone";
        code_categories: "Ангилал (slug, таслалаар)", "Categories (slugs, comma-separated)";
        code_products: "Бараа (slug, таслалаар)", "Products (slugs, comma-separated)";
        code_uses: "Ашигласан", "Used";
        code_discounted: "Хөнгөлсөн", "Given off";
        code_on: "Идэвхтэй", "On";
        code_off: "Идэвхгүй", "Off";
        code_switch_on: "Идэвхжүүлэх", "Switch on";
        code_switch_off: "Зогсоох", "Switch off";
        code_created: "Код нэмэгдлээ.", "The code is added.";
        code_changed: "Код өөрчлөгдлөө.", "The code is changed.";
        no_codes: "Код алга.", "No codes yet.";
        code_over_limit: "хязгаараас хэтэрсэн (шалгана уу)", "beyond its limit (see the flagged orders)";
        code_sold_net: "Борлуулсан (буцаалтыг хассан)", "Sold (less refunds)";

        // Delivery.
        delivery: "Хүргэлт", "Delivery";
        zones: "Хотын хүргэлтийн бүс", "Delivery zones in the city";
        new_zone: "Шинэ бүс", "New zone";
        zone_name_mn: "Нэр (монгол)", "Name (Mongolian)";
        zone_name_en: "Нэр (англи)", "Name (English)";
        zone_fee: "Хүргэлтийн төлбөр (₮)", "Delivery fee (₮)";
        zone_free_from: "Үнэгүй болох дүн (₮, хөнгөлөлтийн дараах бараа)", "Free from (₮ of goods, after discounts)";
        zone_promise_mn: "Хугацаа (монгол)", "Promised time (Mongolian)";
        zone_promise_en: "Хугацаа (англи)", "Promised time (English)";
        zone_areas: "Дүүрэг (таслалаар; хороо: khan-uul:17)", "Districts (comma-separated; a khoroo: khan-uul:17)";
        active: "Идэвхтэй", "Active";
        pickup_points: "Очиж авах цэг", "Pickup points";
        new_pickup: "Шинэ цэг", "New pickup point";
        pickup_address_mn: "Хаяг (монгол)", "Address (Mongolian)";
        pickup_address_en: "Хаяг (англи)", "Address (English)";
        pickup_hours_mn: "Цагийн хуваарь (монгол)", "Opening hours (Mongolian)";
        pickup_hours_en: "Цагийн хуваарь (англи)", "Opening hours (English)";
        countryside: "Хөдөө орон нутаг", "Countryside";
        countryside_method_mn: "Илгээх арга (монгол)", "Sent by (Mongolian)";
        countryside_method_en: "Илгээх арга (англи)", "Sent by (English)";
        countryside_fees: "Аймгийн тусгай төлбөр (darkhan-uul=8000, …)", "Fees per aimag (darkhan-uul=8000, …)";
        delivery_saved:
            "Хүргэлтийн тохиргоо хадгалагдлаа. Өмнөх захиалгууд өөрчлөгдөхгүй.",
            "Delivery saved. Orders already placed keep what they were charged.";

        // The ways to pay (`/admin/payments`).
        pay_title: "Төлбөрийн арга", "Ways to pay";
        pay_hint:
            "QPay үргэлж нээлттэй. Доорх аргаар төлсөн захиалгын мөнгийг та өөрөө хүлээн авч, захиалгын хуудсанд тэмдэглэнэ.",
            "QPay is always on. For the ways below you take the money yourself and record it on the order's page.";
        pay_cash: "Бэлэн мөнгө", "Cash";
        pay_cash_on_delivery: "Хүргэлтээр бэлнээр (Улаанбаатарт)", "Cash on delivery (in Ulaanbaatar)";
        pay_at_pickup: "Авах цэг дээр төлөх", "Pay at the pickup point";
        pay_cash_hours: "Савлахгүй бол хэдэн цагийн дараа цуцлах", "Hours until an unpacked cash order expires";
        pay_transfer: "Дансаар шилжүүлэх", "Bank transfer";
        pay_take_transfers: "Дансаар шилжүүлэхийг зөвшөөрөх", "Take bank transfers";
        pay_bank: "Банк", "Bank";
        pay_account_number: "Дансны дугаар", "Account number";
        pay_account_holder: "Данс эзэмшигч", "Account holder";
        pay_transfer_hours: "Шилжүүлэг хүлээх цаг", "Hours to wait for a transfer";

        // The messages (`/admin/messages`).
        messages_title: "Мэдэгдэл", "Messages";
        messages_to_owner: "Эзэнд", "To the owner";
        messages_to_owner_hint:
            "Шинэ төлөгдсөн захиалга, анхаарах захиалга, гараагүй и-баримт, амжилтгүй буцаалтын тухай SMS болон имэйл.",
            "An SMS and an e-mail for each new paid order, an order that needs you, a receipt not issued and a failed refund.";
        messages_owner_phone: "Утас", "Phone";
        messages_default_phone: "Хоосон бол OWNER_PHONE-ийн дугаар: ", "When empty, OWNER_PHONE's number: ";
        email: "Имэйл", "E-mail";
        messages_to_shopper: "Худалдан авагчид", "To the shopper";
        messages_reminder_hint:
            "Төлөгдөөгүй захиалгын нэхэмжлэл дуусахаас хэдэн минутын өмнө сануулах вэ. Хоосон бол сануулахгүй.",
            "How many minutes before an unpaid order's invoice runs out its shopper is reminded. Empty: no reminder.";
        messages_reminder: "Сануулга (минут)", "Reminder (minutes)";
        messages_per_phone_day: "Нэг дугаарт 24 цагт", "To one phone in 24 hours";
        messages_per_hour: "Дэлгүүрээс нэг цагт", "From the shop in an hour";
        sms_budget: "SMS-ийн хязгаар", "SMS limits";
        sms_budget_hint:
            "Танихгүй хүн төлөлгүйгээр үүсгэж болох SMS: төлөөгүй захиалгын мессеж, сануулга, захиалга хайх код. Хязгаараас хэтэрсэн нь илгээгдэхгүй, захиалгын хуудсанд \"саатуулсан\" гэж харагдана; танд өдөрт нэг удаа мэдэгдэнэ.",
            "Texts a stranger can cause without paying: an unpaid order's messages, reminders, find-my-order codes. One over a limit is not sent and shows as \"held\" on its order's page; you are told once a day.";
        sms_budget_default: "Хоосон бол", "When empty";

        // Staff (`/admin/staff`) and the invited person's page.
        staff_title: "Ажилтнууд", "Staff";
        staff_invite_sent:
            "Урилга илгээгдлээ. Холбоосыг өөр замаар (чат) дамжуулж болно; нэг удаа, 72 цаг ажиллана:",
            "The invitation is on its way. You may also pass the link on (a chat); it works once, for 72 hours:";
        staff_invite_link: "Урилгын холбоос", "Invitation link";
        staff_accounts: "Бүртгэлүүд", "Accounts";
        staff_open_invites: "Ашиглагдаагүй урилгууд", "Invitations not yet used";
        staff_invite: "Ажилтан урих", "Invite staff";
        staff_invite_hint:
            "Ажилтан захиалга харж, савлаж, хүргэж, бэлэн мөнгө хүлээн авснаа тэмдэглэнэ. Буцаалт, үнэ, тохиргоо, ажилтнуудыг зөвхөн эзэн удирдана.",
            "Staff see orders, pack and deliver them and record cash received. Refunds, prices, settings and staff are the owner's alone.";
        staff_email: "Имэйл (нэвтрэх нэр)", "E-mail (to sign in with)";
        staff_phone: "Утас (заавал биш; холбоосыг SMS-ээр)", "Phone (optional; the link by SMS too)";
        staff_send_invite: "Урих", "Invite";
        staff_owner: "Эзэн", "Owner";
        staff_member: "Ажилтан", "Staff";
        staff_disabled: "хаалттай", "disabled";
        staff_enable: "Нээх", "Enable";
        staff_disable: "Хаах", "Disable";
        staff_invited_by: "урьсан", "by";
        staff_open_until: "хүчинтэй: ", "open until ";
        staff_ran_out: "дууссан: ", "ran out: ";
        staff_revoke: "Цуцлах", "Revoke";
        invite_title: "Ажилтны урилга", "Staff invitation";
        invite_gone:
            "Энэ холбоос ажиллахаа больсон. Дэлгүүрийн эзнээс шинэ урилга хүснэ үү.",
            "This link no longer works. Ask the shop's owner for a new invitation.";
        invite_password: "Шинэ нууц үг (10+ тэмдэгт)", "New password (10+ characters)";
        invite_accept: "Нууц үг тохируулаад нэвтрэх", "Set the password and sign in";
        invite_password_short: "Нууц үг 10-аас доошгүй тэмдэгттэй байна.", "The password needs at least 10 characters.";
        invite_link_gone:
            "Энэ урилгын холбоос ашиглагдсан эсвэл хугацаа нь дууссан байна. Дэлгүүрийн эзнээс шинийг хүснэ үү.",
            "This invitation's link was used or has run out. Ask the shop's owner for a new one.";
    }
}
