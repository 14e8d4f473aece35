//! The page that finds an order again: the number and phone, then the code the SMS brought. Works without
//! JavaScript: two plain forms.

use leptos::{either::Either, prelude::*};
use leptos_meta::{Meta, Title};

use super::{FindOrderAsk, FindOrderData, FindOrderOpen, get_find_order};
use crate::{
    i18n::{Lang, use_lang},
    ui::ErrorNotice,
};

#[component]
pub fn FindOrderPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_find_order());
    view! {
        <Title text=format!("{} — {}", lang.payment().find_title, crate::shop_identity::use_identity().name(lang))/>
        <Meta name="robots" content="noindex"/>
        <section class="find-order">
            <h1>{lang.payment().find_title}</h1>
            <Suspense fallback=move || view! { <p>{lang.shop().loading}</p> }>
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
    let texts = lang.payment();
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
                    <label for="code">{texts.find_code}</label>
                    <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code"
                        maxlength="9" required/>
                </div>
                <button type="submit" class="button primary" data-test="find-open">{texts.find_open}</button>
            </form>
        }
    });
    let ask_label = if data.pending {
        texts.find_new_code
    } else {
        texts.find_send_code
    };
    view! {
        {notice}
        {code_form}
        <p>{texts.find_intro}</p>
        <form method="post" action=ask_action
            class="checkout-form" data-test="find-ask-form">
            <div class="field">
                <label for="order_no">{texts.find_order_no}</label>
                <input id="order_no" name="order_no" autocapitalize="characters" maxlength="12" required/>
            </div>
            <div class="field">
                <label for="phone">{texts.find_phone}</label>
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
    view! { <a href="/orders/find" data-test="find-order-link">{lang.payment().find_title}</a> }
}
