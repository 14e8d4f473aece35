//! The catalog as a spreadsheet (`/admin/products/import`): the page, its column guide, the preview of what an
//! import would change, what went wrong with the file, and each problem a sheet can have
//! (`domain::catalog_sheet::ProblemKind`, worded by `admin/catalog_sheet/words.rs`).

texts! {
    /// The texts of the catalog's spreadsheet import and export.
    SheetTexts {
        // The page.
        title: "Бараа Excel-ээр оруулах, гаргах", "Import and export products";
        intro:
            "Файлын нэг мөр нь нэг хувилбар: нэг барааны хувилбарууд ижил handle-тай, дараалсан мөрүүдэд байна. Файл оруулахад эхлээд юу өөрчлөгдөхийг харуулна: «Хадгалах» дартал юу ч өөрчлөгдөхгүй. Файлд байхгүй бараа устгагдахгүй.",
            "Each row of the file is one variant: a product's variants are on rows that follow each other, with the same handle. An upload first shows what would change: nothing changes until you press Apply. Products the file leaves out are never deleted.";
        download_title: "Файл татах", "Download";
        download_template_xlsx: "Хоосон загвар татах (.xlsx)", "Download an empty template (.xlsx)";
        download_template_csv: "Хоосон загвар татах (.csv)", "Download an empty template (.csv)";
        export_xlsx: "Бүх барааг татах (.xlsx)", "Export every product (.xlsx)";
        export_csv: "Бүх барааг татах (.csv)", "Export every product (.csv)";

        // The columns, one line each.
        format_help:
            "Эхний мөрөнд баганын нэрс байна (дараалал нь хамаагүй). Барааны мэдээллийг түүний эхний мөрөнд бичээд, дараагийн мөрүүдэд хоосон үлдээж болно.",
            "The first row names the columns, in any order. A product's own columns are given on its first row and may be left empty on its later rows.";
        col_handle:
            "Барааны вэб хаяг: латин жижиг үсэг, тоо, “-” (aaruul-500g). Нэг барааны мөрүүдийг холбоно.",
            "The product's web address: lowercase Latin letters, digits and “-” (aaruul-500g). It groups a product's rows.";
        col_name_mn: "Барааны нэр, монголоор", "The product's name in Mongolian";
        col_name_en: "Барааны нэр, англиар", "The product's name in English";
        col_description_mn: "Барааны тайлбар, монголоор (хоосон байж болно)", "The product's description in Mongolian (may be empty)";
        col_description_en: "Барааны тайлбар, англиар (хоосон байж болно)", "The product's description in English (may be empty)";
        col_category: "Ангиллын вэб хаяг: дэлгүүрт байгаа ангилал", "The category's web address: one of the shop's categories";
        col_option_mn: "Хувилбарын нэр, монголоор (38 размер)", "The variant's name in Mongolian (38 размер)";
        col_option_en: "Хувилбарын нэр, англиар (Size 38)", "The variant's name in English (Size 38)";
        col_sku:
            "Хувилбарын код: латин үсэг, тоо, “-”, “_”; хувилбар бүрт өөр",
            "The variant's stock code: Latin letters, digits, “-” and “_”; one per variant";
        col_price: "Үнэ, бүхэл төгрөгөөр (12500)", "Price in whole tögrög (12500)";
        col_stock: "Үлдэгдэл: тавиур дээр байгаа тоо", "Stock: the count on the shelf";
        col_low_stock: "Бага үлдэгдлийн түвшин (хоосон бол дэлгүүрийнх)", "Low-stock level (empty: the shop's)";
        col_active: "1 — зарагдаж байгаа, 0 — архивласан", "1 — on sale, 0 — archived";
        col_pictures:
            "Зургийн файлын нэрс, цэгтэй таслалаар (;) тусгаарлана: aaruul-1.jpg; aaruul-2.jpg. Шинэ зургуудыг .zip файлд хийж, хүснэгттэй хамт оруулна.",
            "Picture file names, separated by “;”: aaruul-1.jpg; aaruul-2.jpg. New pictures go in a .zip file uploaded with the sheet.";
        stocktake_help:
            "Зөвхөн sku, stock гэсэн хоёр баганатай файл бол тооллого: тавиур дээрх тоог л шинэчилнэ, өөр юу ч өөрчлөхгүй. Илгээгдээгүй захиалгуудад барьсан ширхэгүүд тэдгээрт хэвээр үлдэнэ.",
            "A file with only the sku and stock columns is a stocktake: it sets the counts on the shelf and nothing else. Units held by orders not yet sent stay held.";

        // Uploading and the preview.
        upload_label: "Файл (.xlsx эсвэл .csv, {mb} MB хүртэл)", "File (.xlsx or .csv, up to {mb} MB)";
        pictures_label: "Шинэ зургууд (.zip, заавал биш)", "New pictures (.zip, optional)";
        upload_button: "Урьдчилан харах", "Preview";
        preview_title: "Юу өөрчлөгдөх вэ", "What will change";
        products_created: "{n} бараа шинээр нэмэгдэнэ", "{n} products will be added";
        products_changed: "{n} бараа өөрчлөгдөнө", "{n} products will change";
        products_unchanged: "{n} бараа өөрчлөгдөхгүй", "{n} products stay as they are";
        products_not_in_sheet:
            "{n} бараа файлд байхгүй: хэвээр үлдэнэ, устгагдахгүй",
            "{n} products are not in the file: they stay as they are, nothing is deleted";
        variants_created: "{n} хувилбар шинээр нэмэгдэнэ", "{n} variants will be added";
        variants_changed: "{n} хувилбар өөрчлөгдөнө", "{n} variants will change";
        variants_unchanged: "{n} хувилбар өөрчлөгдөхгүй", "{n} variants stay as they are";
        /// A stocktake's preview.
        counts_changed: "{n} хувилбарын үлдэгдэл өөрчлөгдөнө", "The stock of {n} variants will change";
        /// A catalog sheet that sets counts: they are the file's, which may be an old export's.
        stock_warning:
            "Анхаар: {n} хувилбарын тавиур дээрх тоо файлынхаар солигдоно. Файлын тоо өнөөдрийнх эсэхийг шалгана уу.",
            "Note: the count on the shelf of {n} variants will be set to the file's. Check the file's counts are today's.";
        new_products_title: "Шинэ бараа", "New products";
        changes_title: "Өөрчлөлтүүд", "Changes";
        field_change: "{field}: {old} → {new}", "{field}: {old} → {new}";
        empty_value: "(хоосон)", "(empty)";
        nothing_to_change:
            "Файл одоогийн каталогтой ижил байна: өөрчлөх зүйл алга.",
            "The file matches the catalog: there is nothing to change.";
        apply_button: "Хадгалах", "Apply";
        cancel: "Болих", "Cancel";
        applied:
            "Хадгаллаа: {created} бараа шинээр нэмэгдэж, {changed} бараа өөрчлөгдлөө.",
            "Applied: {created} products added, {changed} changed.";
        /// A stocktake applied.
        counts_applied:
            "Хадгаллаа: {n} хувилбарын үлдэгдэл шинэчлэгдлээ.",
            "Applied: the stock of {n} variants is updated.";

        // What is wrong with the file, and where.
        problems_title:
            "Файлд {n} алдаа байна. Засаад дахин оруулна уу — юу ч өөрчлөгдөөгүй.",
            "{n} problems in the file. Fix them and upload again — nothing was changed.";
        row_column: "{row}-р мөр, {column} багана", "Row {row}, column {column}";
        row_only: "{row}-р мөр", "Row {row}";
        not_a_spreadsheet:
            "Файлыг уншиж чадсангүй: .xlsx эсвэл .csv файл оруулна уу.",
            "The file cannot be read: upload an .xlsx or a .csv file.";
        not_utf8:
            "CSV файлын үсгийг уншиж чадсангүй. Excel-д «Save As» → «CSV UTF-8 (Comma delimited)» сонгож хадгалаад дахин оруулна уу.",
            "The CSV file's letters cannot be read. In Excel, choose Save As → “CSV UTF-8 (Comma delimited)” and upload it again.";
        too_large: "Файл {mb} MB-аас том байна.", "The file is larger than {mb} MB.";
        no_file: "Файл сонгоно уу.", "Choose a file.";
        not_a_zip:
            "Зургийн файлыг уншиж чадсангүй: зургуудаа .zip файлд хийж оруулна уу.",
            "The pictures' file cannot be read: put the pictures in a .zip file.";
        expired_upload:
            "Урьдчилан харсан файлын хугацаа дууссан. Дахин оруулна уу.",
            "The previewed file has expired. Upload it again.";
        changed_meanwhile:
            "Каталог урьдчилан харснаас хойш өөрчлөгдсөн: файлаа дахин оруулж шалгана уу.",
            "The catalog changed since the preview: upload the file again to check it.";

        // Each problem a sheet can have (`ProblemKind`), after its row and column.
        missing_column: "«{column}» багана алга", "The “{column}” column is missing";
        unknown_column: "«{name}» гэсэн багана танигдсангүй", "There is no column called “{name}”";
        repeated_column: "«{column}» багана хоёр удаа байна", "The “{column}” column is there twice";
        too_many_rows:
            "Мөр хэт олон байна: {max} мөрөөс ихгүй байх ёстой. Файлыг хуваагаад оруулна уу.",
            "Too many rows: at most {max}. Split the file and upload each part.";
        empty:
            "Баганын нэрсийн доор мөр алга: файл хоосон байна",
            "There are no rows under the column names: the file is empty";
        bad_handle:
            "Handle-д зөвхөн латин жижиг үсэг, тоо, “-” ашиглана (эхэнд, төгсгөлд “-” байж болохгүй), {max} тэмдэгт хүртэл",
            "A handle has only lowercase Latin letters, digits and “-” (not first or last), up to {max} characters";
        missing_handle:
            "Эхний мөрөнд handle алга: барааны эхний мөрөнд handle бичнэ үү",
            "The first row has no handle: write the handle on a product's first row";
        duplicate_handle:
            "{first_row}-р мөрөнд энэ handle өмнө гарсан: нэг барааны мөрүүд дараалан байх ёстой",
            "This handle was already on row {first_row}: a product's rows must follow each other";
        missing_name: "Нэр бичнэ үү", "A name is required";
        too_long:
            "Хэт урт байна: нэр {name_max}, тайлбар {description_max} тэмдэгтээс ихгүй",
            "Too long: a name has at most {name_max} characters, a description {description_max}";
        missing_category: "Ангиллын вэб хаягийг бичнэ үү", "A category's web address is required";
        unknown_category: "«{name}» ангилал дэлгүүрт алга", "The shop has no category “{name}”";
        bad_active: "1 эсвэл 0 бичнэ үү", "Write 1 or 0";
        bad_picture:
            "«{name}» зургийн файлын нэр биш (.jpg, .png, .webp, .heic)",
            "“{name}” is not a picture's file name (.jpg, .png, .webp, .heic)";
        conflicting:
            "Энэ барааны өмнөх мөрөөс өөр утгатай: нэг бараанд нэг л утга бичнэ үү",
            "Differs from this product's earlier row: a product has one value";
        missing_sku: "SKU бичнэ үү", "An SKU is required";
        bad_sku:
            "SKU-д зөвхөн латин үсэг, тоо, “-”, “_” ашиглана, {max} тэмдэгт хүртэл",
            "An SKU has only Latin letters, digits, “-” and “_”, up to {max} characters";
        duplicate_sku: "Энэ SKU {first_row}-р мөрөнд давхардсан", "This SKU is already on row {first_row}";
        missing_price: "Үнэ бичнэ үү", "A price is required";
        not_whole_togrog:
            "Үнэ бүхэл төгрөг байх ёстой (12500.5 биш 12500)",
            "A price is in whole tögrög (12500, not 12500.5)";
        price_too_small: "Үнэ дор хаяж 1₮ байна", "A price is at least 1₮";
        price_too_large: "Үнэ хэт их байна: дээд тал нь {max}", "The price is too high: at most {max}";
        missing_stock: "Үлдэгдэл бичнэ үү (байхгүй бол 0)", "A stock count is required (0 if there is none)";
        stock_below_zero: "0-ээс бага байж болохгүй", "Cannot be below 0";
        stock_too_large: "Тоо хэт их байна: дээд тал нь {max}", "Too large: at most {max}";
        not_a_number: "Бүхэл тоо бичнэ үү (12)", "Write a whole number (12)";
        unknown_sku: "Ийм SKU-тай хувилбар дэлгүүрт алга", "The shop has no variant with this SKU";
        sku_of_another_product:
            "Энэ SKU «{handle}» бараанд хамаарна: хувилбарыг өөр бараа руу шилжүүлэх боломжгүй",
            "This SKU belongs to the product “{handle}”: a variant cannot move to another product";
        picture_not_sent:
            "«{name}» зураг бараанд ч, илгээсэн .zip файлд ч алга: зургийг .zip файлд хийж хамт оруулна уу",
            "“{name}” is neither one of the product's pictures nor in the .zip sent: put it in the .zip and upload both";
        picture_refused:
            "«{name}» файл JPEG, PNG эсвэл WebP зураг биш байна",
            "“{name}” is not a JPEG, PNG or WebP picture";
        picture_too_large: "«{name}» зураг {kb} KB-аас том байна", "“{name}” is larger than {kb} KB";
        pictures_rearranged:
            "Зураг хасах, дарааллыг нь өөрчлөхийг барааны хуудсанд хийнэ: одоо байгаа зургуудыг дарааллаар нь үлдээгээд шинийг араас нь нэмнэ үү",
            "Pictures are removed or reordered on the product's page: keep the ones it has, in their order, and add new ones after them";
        /// A new count below what orders hold of the variant.
        count_below_held:
            "Тавиур дээрх тоо {held} ширхэгээс бага байж болохгүй: илгээгдээгүй захиалгууд {held} ширхэгийг барьж байна",
            "The count on the shelf cannot be below {held}: orders not yet sent hold {held} units";
    }
}
