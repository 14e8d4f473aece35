//! Checkout's words: the form and its mistakes, where the order goes, the receipt, discount codes, why an order
//! is refused.

texts! {
    /// The texts of checkout.
    CheckoutTexts {
        // Where the order goes, and the form.
        khoroo_short: "р хороо", "khoroo";
        pickup: "Дэлгүүрээс очиж авна", "Pick up at the shop";
        delivery_ub: "Улаанбаатар хотод хүргүүлнэ", "Delivery in Ulaanbaatar";
        field_name: "Нэр", "Name";
        field_phone: "Гар утас", "Mobile phone";
        field_email: "Имэйл (заавал биш)", "E-mail (optional)";
        field_delivery: "Хүргэлт", "Delivery";
        field_district: "Дүүрэг", "District";
        field_khoroo: "Хороо", "Khoroo";
        field_address: "Хаяг (байр, тоот)", "Address (building, apartment)";
        field_note: "Тэмдэглэл (заавал биш)", "Note (optional)";
        choose: "Сонгох", "Choose";
        place_order: "Захиалах", "Place order";

        // An order refused: why.
        stock_changed:
            "Таны сагсан дахь барааны үлдэгдэл өөрчлөгдсөн байна (үлдсэн: {available}). Сагсаа шалгана уу.",
            "The stock of an item in your cart changed (left: {available}). Please check your cart.";
        cart_changed:
            "Сагсан дахь бараа өөрчлөгдсөн байна. Сагсаа шалгана уу.",
            "Something in your cart changed. Please check your cart.";
        /// Place-order refused by the rate limit.
        too_many:
            "Богино хугацаанд хэт олон захиалга ирлээ. Хэдэн минут хүлээгээд дахин оролдоно уу.",
            "Too many orders from here in a short time. Please wait a few minutes and try again.";
        cap_item:
            "Нэг барааг нэг захиалгаар {max} ширхэг хүртэл авах боломжтой. Сагсандаа тоог нь багасгана уу.",
            "At most {max} of one item per order: lower its quantity in your cart.";
        cap_order:
            "Нэг захиалгад {max} ширхэг хүртэл бараа багтана. Сагсаа багасгах эсвэл хэд хуваан захиална уу.",
            "At most {max} items fit in one order: take some out of your cart, or order in parts.";
        cap_held:
            "Таны төлөгдөөгүй захиалгууд {held} ширхэг барааг барьж байна (дээд тал нь {max}). Тэдгээрийг төлөх эсвэл хугацаа нь дуустал хүлээгээд дахин захиална уу.",
            "Your unpaid orders already hold {held} items (at most {max}). Pay them, or wait until they expire, then order again.";
        cap_held_from:
            "Таны сүлжээнээс (гэр, оффис) өгсөн төлөгдөөгүй захиалгууд {held} ширхэг барааг барьж байна (дээд тал нь {max}). Тэдгээрийг төлөх эсвэл хугацаа нь дуустал хүлээгээд дахин захиална уу.",
            "Unpaid orders from your network (home or office) already hold {held} items (at most {max}). Pay them, or wait until they expire, then order again.";
        cap_offline:
            "Бэлнээр эсвэл шилжүүлгээр төлөх, төлөгдөөгүй захиалга танд (эсвэл таны сүлжээнд) {max} байна. Түүнийгээ төлсний дараа дахин захиална уу, эсвэл QPay-ээр төлнө үү.",
            "You (or your network) already have {max} unpaid order(s) to pay in cash or by transfer. Pay it first, or pay this one with QPay.";

        // The e-barimt receipt.
        field_receipt: "И-баримт", "E-barimt receipt";
        receipt_citizen: "Хувь хүн", "Individual";
        receipt_company: "Байгууллага", "Company";
        field_register_no: "Байгууллагын регистрийн дугаар", "Company register number";

        // Discount codes.
        discount_code: "Хөнгөлөлтийн код", "Discount code";
        apply_code: "Хэрэглэх", "Apply";
        code_applied: "Хөнгөлөлтийн код хэрэглэгдлээ.", "The discount code is applied.";
        code_removed: "Хөнгөлөлтийн кодыг хаслаа.", "The discount code is removed.";
        code_unknown: "Ийм хөнгөлөлтийн код алга.", "There is no such discount code.";
        code_not_yet: "Энэ код хараахан хүчинтэй болоогүй байна.", "This code is not valid yet.";
        code_expired: "Энэ кодын хугацаа дууссан.", "This code has expired.";
        code_used_up: "Энэ кодыг ашиглах эрх дууссан.", "This code has been used up.";
        code_below_minimum: "Энэ код {min}-өөс дээш захиалгад хүчинтэй.", "This code needs an order of at least {min}.";
        code_not_applicable:
            "Энэ код таны сагсан дахь бараанд хамаарахгүй.",
            "This code does not apply to the items in your cart.";
        delivery_countryside: "Хөдөө орон нутагт илгээнэ", "Send to the countryside";
        pickup_at: "Очиж авах цэг", "Pickup point";
        field_aimag: "Аймаг", "Aimag";
        field_soum: "Сум", "Soum";
        field_pickup_point: "Очиж авах цэг", "Pickup point";
        field_discount_code: "Хөнгөлөлтийн код (заавал биш)", "Discount code (optional)";
        update_total: "Дүнг шинэчлэх", "Update the total";
        nothing_to_pay:
            "Энэ кодоор төлөх дүн 0₮ болж байна: ийм захиалгыг онлайнаар авах боломжгүй.",
            "With this code there is nothing to pay: such an order cannot be placed online.";
        code_used_by_phone: "Та энэ кодыг аль хэдийн ашигласан байна.", "You have used this code already.";
        code_delivery_free_already:
            "Энэ код үнэгүй хүргэлтийнх, энэ захиалгын хүргэлт аль хэдийн үнэгүй байна.",
            "This code gives free delivery, and this order's delivery is free already.";
        code_too_many_tries:
            "Хэт олон код оролдлоо. Хэдэн минутын дараа дахин оролдоно уу.",
            "Too many codes tried: please try again in a few minutes.";
        field_pay_method: "Төлбөр", "Payment";

        // A field the shopper must change.
        error_required: "Заавал бөглөнө үү.", "Please fill this in.";
        error_too_long: "{max} тэмдэгтээс ихгүй байна.", "At most {max} characters.";
        error_phone_length: "Утасны дугаар 8 оронтой байна.", "A phone number has 8 digits.";
        error_phone_not_mobile: "Гар утасны дугаар 6, 8 эсвэл 9-өөр эхэлнэ.", "A mobile number starts with 6, 8 or 9.";
        error_email_invalid: "Имэйл хаяг буруу байна.", "This is not an e-mail address.";
        error_unknown_district: "Дүүргээ сонгоно уу.", "Please choose a district.";
        error_khoroo_invalid: "Хорооны дугаар 1-45 хооронд байна.", "A khoroo number is between 1 and 45.";
        error_register_no_length:
            "Байгууллагын регистрийн дугаар 7 оронтой байна.",
            "A company register number has 7 digits.";
        error_register_no_digits: "Регистрийн дугаар зөвхөн цифрээс бүрдэнэ.", "A register number has digits only.";
        error_no_zone:
            "Энэ дүүрэг, хороонд хүргэлт хийдэггүй. Очиж авах цэг сонгоно уу.",
            "We do not deliver to this district and khoroo; please choose a pickup point.";
        error_unknown_aimag: "Аймгаа сонгоно уу.", "Please choose an aimag.";
        error_no_countryside: "Хөдөө орон нутагт илгээдэггүй.", "We do not send to the countryside.";
        error_unknown_pickup_point: "Очиж авах цэгээ сонгоно уу.", "Please choose a pickup point.";
        error_pay_method_unavailable:
            "Энэ захиалгад энэ төлбөрийн арга боломжгүй. Өөр арга сонгоно уу.",
            "This way to pay is not open for this order; please choose another.";
        /// The owner's discount on a new order is more than its items.
        discount_too_large:
            "Хөнгөлөлт барааны үнээс ({items}) их байна.",
            "The discount is more than the items cost ({items}).";
    }
}
