//! QPay's error codes in words for people (`qpay/error.rs`, `ErrorCode`).

texts! {
    /// QPay's error codes in words.
    QpayTexts {
        no_credentials:
            "Хандах эрхгүй байна. Дахин нэвтэрнэ үү.",
            "Not authorised: the access token is missing or has expired.";
        authentication_failed:
            "QPay-д нэвтрэх нэр эсвэл нууц үг буруу байна.",
            "QPay rejected the merchant's username or password.";
        permission_denied: "Энэ үйлдлийг хийх эрх байхгүй байна.", "The merchant is not allowed to do this.";
        invoice_not_found: "Нэхэмжлэл олдсонгүй.", "Invoice not found.";
        invoice_paid: "Нэхэмжлэл аль хэдийн төлөгдсөн байна.", "The invoice has already been paid.";
        invoice_already_canceled: "Нэхэмжлэл аль хэдийн цуцлагдсан байна.", "The invoice has already been cancelled.";
        invoice_code_invalid: "Нэхэмжлэлийн код буруу байна.", "The invoice code is invalid.";
        invalid_amount: "Дүн буруу байна.", "The amount is invalid.";
        min_amount: "Дүн зөвшөөрөгдөх доод хэмжээнээс бага байна.", "The amount is below the allowed minimum.";
        max_amount: "Дүн зөвшөөрөгдөх дээд хэмжээнээс их байна.", "The amount is above the allowed maximum.";
        payment_not_found: "Төлбөр олдсонгүй.", "Payment not found.";
        payment_not_paid: "Төлбөр төлөгдөөгүй байна.", "The payment has not been paid.";
        payment_settled:
            "Төлбөрийн тооцоо хийгдсэн тул цуцлах, буцаах боломжгүй.",
            "The payment is already settled and cannot be cancelled or refunded.";
        payment_already_canceled: "Төлбөр аль хэдийн цуцлагдсан байна.", "The payment has already been cancelled.";
        system_busy:
            "QPay систем ачаалалтай байна. Түр хүлээгээд дахин оролдоно уу.",
            "QPay is busy. Please wait a moment and try again.";
        merchant_inactive: "Худалдаа эрхлэгчийн бүртгэл идэвхгүй байна.", "The merchant account is inactive.";
        barimt_not_found: "Баримт олдсонгүй.", "E-receipt not found.";
        ebarimt_not_registered: "И-баримт бүртгэгдээгүй байна.", "The e-receipt is not registered.";
        validation: "Илгээсэн мэдээлэл буруу байна.", "QPay rejected some of the data sent.";
        other:
            "QPay-тэй холбогдоход алдаа гарлаа. Дахин оролдоно уу.",
            "Something went wrong while talking to QPay. Please try again.";
    }
}
