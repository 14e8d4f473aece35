//! The document shell, the routes and the layout around every page.

use leptos::prelude::*;
use leptos_meta::{MetaTags, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    hooks::use_location,
    path,
};

use crate::{
    admin::{
        AdminOrderPage, AdminOrdersPage, CatalogPage, CodesPage, DeliveryPage, DraftPage, InvitePage,
        MessageSettingsPage, PaySettingsPage, ProductEditPage, SignInPage, StaffPage,
    },
    cart::{CartBadge, CartPage},
    catalog::{HomePage, ProductPage},
    checkout::CheckoutPage,
    find_order::pages::{FindOrderLink, FindOrderPage},
    i18n::{Lang, use_lang},
    payment::OrderPage,
    ui::{NotFound, StylesheetHref},
};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = use_lang();
    let stylesheet = use_context::<StylesheetHref>()
        .map(|href| href.0)
        .unwrap_or_else(|| format!("/{}/{}.css", options.site_pkg_dir, options.output_name));
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <AutoReload options=options.clone()/>
                <MetaTags/>
                <link rel="stylesheet" href=stylesheet/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = use_lang();
    // Async: pages are sent whole, so they read right without JavaScript and a missing product answers 404.
    view! {
        <Router>
            <Header lang/>
            <main class="page">
                <Routes fallback=NotFound>
                    <Route path=path!("") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("products/:slug") view=ProductPage ssr=SsrMode::Async/>
                    <Route path=path!("cart") view=CartPage ssr=SsrMode::Async/>
                    <Route path=path!("checkout") view=CheckoutPage ssr=SsrMode::Async/>
                    <Route path=path!("orders/find") view=FindOrderPage ssr=SsrMode::Async/>
                    <Route path=path!("orders/:order_no") view=OrderPage ssr=SsrMode::Async/>
                    <Route path=path!("admin") view=AdminOrdersPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/login") view=SignInPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/orders/new") view=DraftPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/orders/:order_no") view=AdminOrderPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/products") view=CatalogPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/codes") view=CodesPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/delivery") view=DeliveryPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/messages") view=MessageSettingsPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/payments") view=PaySettingsPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/staff") view=StaffPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/invite/:token") view=InvitePage ssr=SsrMode::Async/>
                    <Route path=path!("admin/products/new") view=ProductEditPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/products/:id") view=ProductEditPage ssr=SsrMode::Async/>
                </Routes>
            </main>
            <footer class="site-footer">{lang.shop().footer} " · " <FindOrderLink lang/></footer>
        </Router>
    }
}

#[component]
fn Header(lang: Lang) -> impl IntoView {
    let location = use_location();
    let here = move || location.pathname.get();
    view! {
        <header class="site-header">
            <a class="brand" href="/">
                <span class="brand-name">{lang.shop().shop_name}</span>
                <span class="brand-tagline">{lang.shop().tagline}</span>
            </a>
            <CartBadge lang/>
            <nav class="languages">
                {Lang::ALL
                    .into_iter()
                    .map(|other| {
                        let href = move || format!("/lang/{}?next={}", other.code(), here());
                        view! {
                            <a href=href hreflang=other.code() aria-current=(other == lang).then_some("true")>
                                {other.shop().language_name}
                            </a>
                        }
                    })
                    .collect_view()}
            </nav>
        </header>
    }
}
