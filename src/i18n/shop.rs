//! The shop's own words: every page, the catalog, the cart, what an order costs.

texts! {
    /// The texts of the shop's pages: the catalog and the cart.
    ShopTexts {
        // Every page.
        shop_name: "Дэлгүүр", "Delguur";
        tagline: "Монгол бараа, QPay-ээр төлнө", "Mongolian goods, paid with QPay";
        language_name: "Монгол", "English";
        language_nav: "Хэл", "Language";
        home_title: "Дэлгүүр — Монгол бараа онлайнаар", "Delguur — Mongolian goods online";
        home_description:
            "Ноолуур, эсгий, хүнс, бэлэг дурсгал. QPay-ээр төлж, Улаанбаатар хотод хүргүүлээрэй.",
            "Cashmere, felt, food and gifts. Pay with QPay and get it delivered in Ulaanbaatar.";

        // The catalog.
        all_products: "Бүх бараа", "All products";
        from_price: "Үнэ", "Price";
        in_stock: "Бэлэн байгаа", "In stock";
        sold_out: "Дууссан", "Sold out";
        choose_variant: "Сонголт", "Options";
        quantity: "Тоо ширхэг", "Quantity";
        decrease: "Хасах", "Decrease";
        increase: "Нэмэх", "Increase";
        total: "Нийт", "Total";
        back_to_shop: "Дэлгүүр рүү буцах", "Back to the shop";
        pictures: "Зургууд", "Pictures";
        not_found_title: "Хуудас олдсонгүй", "Page not found";
        not_found_text: "Таны хайсан хуудас байхгүй байна.", "The page you are looking for does not exist.";
        error_title: "Алдаа гарлаа", "Something went wrong";
        error_text: "Түр хүлээгээд дахин оролдоно уу.", "Please wait a moment and try again.";
        loading: "Ачаалж байна…", "Loading…";
        footer: "Дэлгүүр · Төлбөрийг QPay-ээр", "Delguur · Payments by QPay";

        // The cart.
        cart_title: "Сагс", "Cart";
        cart_empty: "Таны сагс хоосон байна.", "Your cart is empty.";
        cart_added: "Сагсанд нэмлээ.", "Added to your cart.";
        cart_updated: "Сагсыг шинэчиллээ.", "Cart updated.";
        cart_removed: "Сагснаас хаслаа.", "Removed from your cart.";
        cart_not_enough_stock: "{name}: зөвхөн {available} ширхэг үлдсэн байна.", "{name}: only {available} left.";
        cart_unavailable: "Энэ бараа одоо худалдаанд алга.", "This item is no longer for sale.";
        cart_invalid_quantity: "Тоо ширхэг 1-ээс 1000-ын хооронд байна.", "The quantity must be between 1 and 1000.";
        add_to_cart: "Сагсанд нэмэх", "Add to cart";
        update: "Шинэчлэх", "Update";
        remove: "Хасах", "Remove";
        checkout: "Захиалах", "Check out";

        // Finding a product.
        all_categories: "Бүгд", "All";
        search: "Хайх", "Search";
        search_placeholder: "Бараа хайх", "Search products";
        sort_label: "Эрэмбэ", "Sort";
        sort_relevance: "Хамгийн тохирох", "Best match";
        sort_newest: "Шинэ нь эхэндээ", "Newest";
        sort_price_up: "Үнэ өсөхөөр", "Price: low to high";
        sort_price_down: "Үнэ буурахаар", "Price: high to low";
        no_products: "Бараа олдсонгүй.", "No products found.";
        price_min: "Үнэ, доод", "Price from";
        price_max: "Үнэ, дээд", "Price to";
        in_stock_only: "Зөвхөн бэлэн байгаа", "In stock only";
        filters: "Шүүлтүүр", "Filters";
        filter: "Шүүх", "Filter";
        found_count: "«{query}»: {count} бараа", "“{query}”: {count} products";
        suggestions: "Санал болгох бараа", "Suggested products";
        previous_page: "Өмнөх", "Previous";
        next_page: "Дараах", "Next";
        page_of: "{page} / {pages}", "{page} of {pages}";

        // What an order costs.
        items_total: "Бараа", "Items";
        discount: "Хөнгөлөлт", "Discount";
        delivery_fee: "Хүргэлт", "Delivery";
        delivery_free: "Үнэгүй", "Free";
        delivery_at_checkout:
            "Хүргэлтийн төлбөрийг хаягаа сонгоход тооцно.",
            "Delivery is added when you choose where it goes.";
        free_delivery_more:
            "{zone}: {more} нэмж авбал хүргэлт үнэгүй ({from}-өөс, хөнгөлөлтийн дараах барааны дүнгээр).",
            "{zone}: {more} more for free delivery (from {from} of goods, after discounts).";
    }
}
