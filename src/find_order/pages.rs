//! The page that finds an order again: the number and phone, then the code the SMS brought. Works without
//! JavaScript: two plain forms.

use leptos::{either::Either, prelude::*};
use leptos_meta::{Meta, Title};

use super::{FindOrderAsk, FindOrderData, FindOrderOpen, get_find_order};
use crate::{
    i18n::{Lang, use_lang},
    ui::ErrorNotice,
};

/// The page's words, in one language.
struct Words {
    title: &'static str,
    intro: &'static str,
    order_no: &'static str,
    phone: &'static str,
    send_code: &'static str,
    code: &'static str,
    open: &'static str,
    new_code: &'static str,
}

const MN: Words = Words {
    title: "Захиалгаа олох",
    intro: "Захиалгын дугаар болон захиалахдаа өгсөн утасны дугаараа оруулна уу. Тэр утсанд код илгээнэ.",
    order_no: "Захиалгын дугаар",
    phone: "Утасны дугаар",
    send_code: "Код авах",
    code: "SMS-ээр ирсэн код",
    open: "Захиалгаа харах",
    new_code: "Шинэ код авах",
};

const EN: Words = Words {
    title: "Find your order",
    intro: "Enter the order number and the phone number you gave at checkout. We will send a code to that phone.",
    order_no: "Order number",
    phone: "Phone number",
    send_code: "Send me a code",
    code: "The code from the SMS",
    open: "Open my order",
    new_code: "Ask for a new code",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Mn => &MN,
        Lang::En => &EN,
    }
}

#[component]
pub fn FindOrderPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_find_order());
    view! {
        <Title text=format!("{} — {}", words(lang).title, lang.strings().shop_name)/>
        <Meta name="robots" content="noindex"/>
        <section class="find-order">
            <h1>{words(lang).title}</h1>
            <Suspense fallback=move || view! { <p>{lang.strings().loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(data) => Either::Left(view! { <FindOrderForms data lang/> }),
                        Err(_) => Either::Right(view! { <ErrorNotice/> }),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn FindOrderForms(data: FindOrderData, lang: Lang) -> impl IntoView {
    let words = words(lang);
    let notice = data.notice.map(|notice| {
        let class = if notice.is_error() {
            "notice-line error"
        } else {
            "notice-line"
        };
        view! { <p class=class role="status" aria-live="polite" data-test="find-notice">{notice.text(lang)}</p> }
    });
    let open_action = <FindOrderOpen as leptos::server_fn::ServerFn>::PATH;
    let ask_action = <FindOrderAsk as leptos::server_fn::ServerFn>::PATH;
    let code_form = data.pending.then(|| {
        view! {
            <form method="post" action=open_action
                class="checkout-form" data-test="find-code-form">
                <div class="field">
                    <label for="code">{words.code}</label>
                    <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code"
                        maxlength="9" required/>
                </div>
                <button type="submit" class="button primary" data-test="find-open">{words.open}</button>
            </form>
        }
    });
    let ask_label = if data.pending { words.new_code } else { words.send_code };
    view! {
        {notice}
        {code_form}
        <p>{words.intro}</p>
        <form method="post" action=ask_action
            class="checkout-form" data-test="find-ask-form">
            <div class="field">
                <label for="order_no">{words.order_no}</label>
                <input id="order_no" name="order_no" autocapitalize="characters" maxlength="12" required/>
            </div>
            <div class="field">
                <label for="phone">{words.phone}</label>
                <input id="phone" name="phone" type="tel" inputmode="numeric" autocomplete="tel" maxlength="12"
                    required/>
            </div>
            <button type="submit" class="button" data-test="find-ask">{ask_label}</button>
        </form>
    }
}

/// The footer's link to this page, for a shopper who closed the pay page.
#[component]
pub fn FindOrderLink(lang: Lang) -> impl IntoView {
    view! { <a href="/orders/find" data-test="find-order-link">{words(lang).title}</a> }
}
