//! The owner's sales report (`/admin/reports`): the period's form, the figures, the charts and their tables.

texts! {
    /// The texts of the sales report.
    ReportTexts {
        title: "Тайлан", "Reports";
        period: "Хугацаа", "Period";
        today: "Өнөөдөр", "Today";
        last_7_days: "Сүүлийн 7 хоног", "Last 7 days";
        last_30_days: "Сүүлийн 30 хоног", "Last 30 days";
        month: "Сар", "Month";
        custom: "Өдрөөс өдөр хүртэл", "From one day to another";
        from: "Эхлэх өдөр", "From";
        to: "Дуусах өдөр", "To";
        show: "Харуулах", "Show";
        range: "{from} – {to}", "{from} – {to}";
        previous: "Өмнөх үе: {from} – {to}", "The period before: {from} – {to}";
        revenue: "Орлого", "Revenue";
        revenue_hint:
            "Төлөгдсөн захиалгын мөнгө, буцаасныг хассан. Бүтэн буцаагдсан захиалга тоологдохгүй.",
            "Money of paid orders, less refunds. An order refunded in full is not counted.";
        orders: "Захиалга", "Orders";
        average: "Дундаж захиалга", "Average order";
        before: "Өмнө нь {value}", "Before: {value}";
        change: "{percent}%", "{percent}%";
        no_change_base: "Өмнө нь борлуулалт байгаагүй", "No sales before";
        by_day: "Өдөр бүрийн орлого", "Revenue by day";
        chart_desc:
            "{days} өдрийн орлого, өдөр бүр нэг багана. Хамгийн их нь {max}.",
            "Revenue on each of {days} days, one bar a day. The highest is {max}.";
        as_table: "Хүснэгтээр харах", "See it as a table";
        day: "Өдөр", "Day";
        products_by_revenue: "Орлогоор тэргүүлэх бараа", "Top products by ₮";
        products_by_units: "Тоогоор тэргүүлэх бараа", "Top products by units";
        variants_by_revenue: "Орлогоор тэргүүлэх хувилбар", "Top variants by ₮";
        variants_by_units: "Тоогоор тэргүүлэх хувилбар", "Top variants by units";
        items_hint:
            "Барааны дүн нь хөнгөлөлтийг хассан үнэ. Буцаалт захиалгад бүртгэгддэг тул энд хасагдаагүй.",
            "An item's amount is after its discount. Refunds belong to the order, so they are not taken off here.";
        product: "Бараа", "Product";
        units: "Ширхэг", "Units";
        by_zone: "Хүргэлтийн бүс, очиж авах цэгээр", "By delivery zone or pickup point";
        by_district: "Дүүрэг, аймгаар", "By district or aimag";
        by_method: "Төлбөрийн хэлбэрээр", "By way of paying";
        place: "Хаана", "Where";
        way: "Хэлбэр", "Way to pay";
        pickup_at: "Очиж авах: {point}", "Pickup: {point}";
        not_recorded: "Бүртгэгдээгүй", "Not recorded";
        codes: "Хөнгөлөлтийн код", "Discount codes";
        code_orders: "Код ашигласан захиалга", "Orders with a code";
        code_discounted: "Хөнгөлсөн дүн", "Given off";
        code_revenue: "Эдгээр захиалгын орлого", "Revenue of those orders";
        no_sales: "Энэ хугацаанд борлуулалт алга.", "No sales in this period.";
        fees: "QPay-ийн шимтгэл", "QPay fees";
        fees_note:
            "QPay-ийн шимтгэл нь QPay төлбөр бүрт мэдэгдсэн дүн; орлогоос хасаагүй.",
            "QPay's fees are what QPay told with each payment; revenue is before them.";
        fees_partly:
            "QPay-ийн шимтгэл: {payments} төлбөрийн {known}-д нь QPay шимтгэлээ мэдэгдсэн; орлогоос хасаагүй.",
            "QPay's fees: QPay told the fee of {known} of {payments} payments; revenue is before them.";
        checks_title: "QPay-ийн төлбөрийн жагсаалт", "QPay's payment list";
        checks_days:
            "{days} өдрийн {checked}-г нь QPay-ийн жагсаалттай тулгасан.",
            "{checked} of {days} days compared with QPay's list.";
        checks_clear: "Бүх төлбөр захиалгатайгаа таарсан.", "Every payment matched its order.";
        checks_flagged:
            "Танд шалгах {count} зүйл байна.",
            "{count} things for you to look at.";
        checks_recovered:
            "Алдагдсан {count} төлбөрийг олж бүртгэсэн.",
            "{count} lost payments found and recorded.";
        checks_open: "QPay шалгалт руу", "Open the QPay check";
    }
}
