//! The shop's own identity as the owner sets it (`/admin/settings`), and where shoppers read it: the footer.

texts! {
    /// The texts of the shop's identity.
    IdentityTexts {
        title: "Дэлгүүрийн мэдээлэл", "The shop";
        name_section: "Нэр", "Name";
        name_hint:
            "Хуудас бүр, QPay-ийн нэхэмжлэх, мессеж бүрт харагдана.",
            "Shown on every page, on the QPay invoice and in every message.";
        name_mn: "Дэлгүүрийн нэр (монголоор, 40 хүртэл тэмдэгт)", "Shop name in Mongolian (up to 40 characters)";
        name_en: "Дэлгүүрийн нэр (англиар)", "Shop name in English";
        short_name:
            "Богино нэр (SMS-ийн эхэнд, 20 хүртэл тэмдэгт; хоосон бол нэр)",
            "Short name (opens each SMS, up to 20 characters; empty: the name)";
        tagline_mn: "Уриа (монголоор)", "Tagline in Mongolian";
        tagline_en: "Уриа (англиар)", "Tagline in English";
        accent: "Үндсэн өнгө (#1d4e89 гэх мэт; хоосон бол анхных)", "Accent colour (such as #1d4e89; empty: the built-in)";
        accent_hint:
            "Товчлуур, холбоосын өнгө. Цагаан дээр уншигдахуйц бараан өнгө байна (4.5:1).",
            "Buttons and links. Dark enough to read against white (4.5:1).";
        contacts: "Холбоо барих", "Contacts";
        phones: "Утас (таслалаар тусгаарлана)", "Phones (separated by commas)";
        email: "Имэйл", "E-mail";
        district: "Дүүрэг", "District";
        no_district: "—", "—";
        khoroo: "Хороо", "Khoroo";
        street_mn: "Хаяг (монголоор)", "Address in Mongolian";
        street_en: "Хаяг (англиар)", "Address in English";
        map_url: "Газрын зургийн холбоос (https://…)", "Map link (https://…)";
        hours: "Цагийн хуваарь", "Opening hours";
        hours_hint: "09:00-18:00 гэж бичнэ; амралтын өдөр хоосон.", "Write 09:00-18:00; leave a closed day empty.";
        monday: "Даваа", "Monday";
        tuesday: "Мягмар", "Tuesday";
        wednesday: "Лхагва", "Wednesday";
        thursday: "Пүрэв", "Thursday";
        friday: "Баасан", "Friday";
        saturday: "Бямба", "Saturday";
        sunday: "Ням", "Sunday";
        closed: "Амарна", "Closed";
        social: "Сошиал хуудас", "Social pages";
        facebook: "Facebook хуудас (https://facebook.com/…)", "Facebook page (https://facebook.com/…)";
        instagram: "Instagram (https://instagram.com/…)", "Instagram (https://instagram.com/…)";
        messenger: "Messenger (https://m.me/…)", "Messenger (https://m.me/…)";
        write_to_us: "Бидэнд бичих", "Write to us";
        on_map: "Газрын зураг", "Map";
        saved: "Дэлгүүрийн мэдээллийг хадгаллаа.", "The shop's details are saved.";
        logo: "Лого", "Logo";
        logo_hint:
            "JPEG, PNG эсвэл WebP. Толгой хэсэг, хөтчийн таб, утасны нүүр дэлгэцийн дүрс болон хуваалцсан холбоосонд \
             харагдана; дөрвөлжин дүрсийг үүнээс хийнэ.",
            "JPEG, PNG or WebP. Shown in the header, on the browser tab, as the phone's home-screen icon and on shared \
             links; the square icon is made from it.";
        no_logo: "Лого алга: нэр нь харагдана.", "No logo: the name is shown.";
        upload_logo: "Лого сонгох", "Choose a logo";
        remove_logo: "Логог устгах", "Remove the logo";
        logo_saved: "Логог хадгаллаа.", "The logo is saved.";
        logo_removed: "Логог устгалаа.", "The logo is removed.";

        // The pages the owner writes, and where shoppers find them.
        page_about: "Бидний тухай", "About us";
        page_delivery: "Хүргэлт ба буцаалт", "Delivery and returns";
        page_terms: "Үйлчилгээний нөхцөл", "Terms";
        page_privacy: "Нууцлал", "Privacy";
        pages: "Дэлгүүрийн хуудсууд", "The shop's pages";
        pages_hint:
            "Markdown-аар бичнэ (# гарчиг, **тод**, - жагсаалт, [холбоос](https://…)). Монгол текст хоосон бол хуудас харагдахгүй.",
            "Written in Markdown (# heading, **bold**, - list, [link](https://…)). Empty in Mongolian: the page is not shown.";
        page_body_mn: "Текст (монголоор)", "Text in Mongolian";
        page_body_en: "Текст (англиар; хоосон бол монгол текст)", "Text in English (empty: the Mongolian)";
        page_saved: "Хуудсыг хадгаллаа.", "The page is saved.";
        edit_page: "Засах", "Edit";
        accept_before: "Төлснөөр та ", "By paying you accept the ";
        accept_and: " болон ", " and the ";
        accept_after: "-г хүлээн зөвшөөрнө.", ".";

        // The mistakes of its form.
        problem_not_a_colour: "Өнгө #rrggbb хэлбэртэй байна (жишээ нь #1d4e89).", "A colour as #rrggbb (such as #1d4e89).";
        problem_low_contrast:
            "Энэ өнгө хэт цайвар: цагаан дээр уншигдахгүй. Илүү бараан өнгө сонгоно уу (4.5:1).",
            "This colour is too light to read against white. Choose a darker one (4.5:1).";
        problem_not_a_link: "Тухайн сайтын https:// холбоос байна.", "An https:// link to that site.";
        problem_not_times: "09:00-18:00 хэлбэрээр бичнэ үү.", "Write it as 09:00-18:00.";
        problem_not_contact_phones:
            "8 оронтой утасны дугаар, таслалаар тусгаарлана.",
            "Eight-digit phone numbers, separated by commas.";
    }
}

impl IdentityTexts {
    /// The days of the week, Monday first, as opening hours list them.
    pub fn days(&self) -> [&'static str; 7] {
        [
            self.monday,
            self.tuesday,
            self.wednesday,
            self.thursday,
            self.friday,
            self.saturday,
            self.sunday,
        ]
    }
}

impl IdentityTexts {
    /// A page's title.
    pub fn page_title(&self, kind: crate::domain::shop_page::PageKind) -> &'static str {
        use crate::domain::shop_page::PageKind;
        match kind {
            PageKind::About => self.page_about,
            PageKind::Delivery => self.page_delivery,
            PageKind::Terms => self.page_terms,
            PageKind::Privacy => self.page_privacy,
        }
    }
}
