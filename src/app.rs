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
        AdminOrderPage, AdminOrdersPage, CatalogPage, CodesPage, CourierPage, DeliveryPage, DraftPage, InvitePage,
        MessageSettingsPage, PaySettingsPage, ProductEditPage, QpayCheckPage, ReportsPage, SheetImportPage,
        ShopPageEditPage, ShopSettingsPage, SignInPage, SlipPage, SlipsPage, StaffPage,
    },
    cart::{CartBadge, CartPage},
    catalog::{HeaderSearch, HomePage, ProductPage},
    checkout::CheckoutPage,
    domain::shop_identity::{WeekHours, phone_text},
    find_order::pages::{FindOrderLink, FindOrderPage},
    i18n::{Lang, use_lang},
    payment::OrderPage,
    shop_identity::use_identity,
    shop_pages::{ShopPage, ShopPageLinks},
    ui::{LanguageLinks, NotFound, StylesheetHref},
};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = use_lang();
    let identity = use_identity();
    let accent = identity
        .accent
        .map(|colour| colour.hex().trim_start_matches('#').to_owned());
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
                {accent.map(|hex| view! { <link rel="stylesheet" href=format!("/shop.css?v={hex}")/> })}
                <ShopIcons identity/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The tab's icon, the phone's home-screen icon and the web app manifest: made from the owner's logo when there is
/// one, else the built-in mark.
#[component]
fn ShopIcons(identity: std::sync::Arc<crate::domain::shop_identity::ShopIdentity>) -> impl IntoView {
    let theme = identity
        .accent
        .unwrap_or(crate::domain::shop_identity::BUILT_IN_ACCENT)
        .hex();
    let icons = match (identity.icon_path(32), identity.icon_path(180)) {
        (Some(favicon), Some(apple)) => view! {
            <link rel="icon" href=favicon type="image/png" sizes="32x32"/>
            <link rel="apple-touch-icon" href=apple/>
        }
        .into_any(),
        _ => view! { <link rel="icon" href="/favicon.svg" type="image/svg+xml"/> }.into_any(),
    };
    view! {
        {icons}
        <link rel="manifest" href="/manifest.webmanifest"/>
        <meta name="theme-color" content=theme/>
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
                    <Route path=path!("pages/:slug") view=ShopPage ssr=SsrMode::Async/>
                    <Route path=path!("orders/:order_no") view=OrderPage ssr=SsrMode::Async/>
                    <Route path=path!("admin") view=AdminOrdersPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/login") view=SignInPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/orders/new") view=DraftPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/orders/:order_no") view=AdminOrderPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/orders/:order_no/slip") view=SlipPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/slips") view=SlipsPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/courier") view=CourierPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/products") view=CatalogPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/codes") view=CodesPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/delivery") view=DeliveryPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/messages") view=MessageSettingsPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/payments") view=PaySettingsPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/reports") view=ReportsPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/payments/check") view=QpayCheckPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/staff") view=StaffPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/settings") view=ShopSettingsPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/settings/pages/:slug") view=ShopPageEditPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/invite/:token") view=InvitePage ssr=SsrMode::Async/>
                    <Route path=path!("admin/products/import") view=SheetImportPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/products/new") view=ProductEditPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/products/:id") view=ProductEditPage ssr=SsrMode::Async/>
                </Routes>
            </main>
            <ShopFooter lang/>
        </Router>
    }
}

/// Whether this page is the owner's: it wears the admin's own bar (admin/layout.rs) instead of the shopper's header
/// with its cart, and no shop footer.
fn on_admin_page() -> bool {
    let path = use_location().pathname.get_untracked();
    path == "/admin" || path.starts_with("/admin/")
}

#[component]
fn Header(lang: Lang) -> impl IntoView {
    let identity = use_identity();
    (!on_admin_page()).then(|| {
        view! {
            <header class="site-header">
                <a class="brand" href="/">
                    {identity.logo_path().map(|src| view! {
                        <img class="brand-logo" src=src alt="" height="40" data-test="shop-logo"/>
                    })}
                    <span class="brand-text">
                        <span class="brand-name" data-test="shop-name">{identity.name(lang).to_owned()}</span>
                        <span class="brand-tagline">{identity.tagline(lang).to_owned()}</span>
                    </span>
                </a>
                <HeaderSearch lang/>
                <CartBadge lang/>
                <LanguageLinks lang/>
            </header>
        }
    })
}

/// The shop's contacts on every page: its name, phones, e-mail, address and map, opening hours, social pages, and
/// the way back to an order.
#[component]
fn ShopFooter(lang: Lang) -> impl IntoView {
    if on_admin_page() {
        return None;
    }
    let identity = use_identity();
    let (c, t) = (&identity.contacts, lang.identity());
    let phones = c
        .phones
        .iter()
        .map(|p| view! { <a href=format!("tel:+976{p}")>{phone_text(p)}</a> " " })
        .collect_view();
    let email = (!c.email.is_empty()).then(|| view! { <a href=format!("mailto:{}", c.email)>{c.email.clone()}</a> });
    let address = identity.address(lang);
    let map = (!c.map_url.is_empty()).then(|| view! { " " <a href=c.map_url.clone() rel="noopener">{t.on_map}</a> });
    let days = t.days();
    let hours = (!c.hours.is_empty()).then(|| {
        let week = days.iter().zip(c.hours.0).map(|(day, hours)| {
            let open = hours
                .map(|h| WeekHours::day_text(Some(h)))
                .unwrap_or_else(|| t.closed.to_owned());
            view! { <li>{format!("{day}: {open}")}</li> }
        });
        view! { <ul class="footer-hours" data-test="footer-hours">{week.collect_view()}</ul> }
    });
    let social = [
        (t.write_to_us, &c.messenger),
        ("Facebook", &c.facebook),
        ("Instagram", &c.instagram),
    ]
    .into_iter()
    .filter(|(_, url)| !url.is_empty())
    .map(|(label, url)| view! { <a href=url.clone() rel="noopener">{label}</a> " " })
    .collect_view();
    Some(view! {
        <footer class="site-footer" data-test="site-footer">
            <p class="footer-name">{identity.name(lang).to_owned()}</p>
            <p class="footer-contacts" data-test="footer-contacts">{phones}{email}</p>
            {(!address.is_empty()).then(|| view! { <p>{address}{map}</p> })}
            {hours}
            <p class="footer-social">{social}</p>
            <p class="footer-pages"><ShopPageLinks lang/> <FindOrderLink lang/></p>
        </footer>
    })
}
