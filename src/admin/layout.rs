//! The admin's own bar, on top of every owner page: the shop's name, the way to every page this account's role may
//! open (the current one marked), the languages, who is signed in and signing out. No cart: the shopper's header is
//! not worn here. On a phone the pages fold behind one "Menu" control, a checkbox and its label, so it opens and
//! closes without JavaScript.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::{Account, AdminSignOut};
use crate::{domain::staff::Duty, i18n::Lang, ui::LanguageLinks};

/// One page in the admin's navigation: where it is, its name, its `data-test`, and the duty that opens it.
struct NavItem {
    href: &'static str,
    label: &'static str,
    test: &'static str,
    duty: Duty,
}

/// Every owner page there is, in the order an owner reaches for them; each shown only to a role that may open it.
fn nav_items(lang: Lang) -> [NavItem; 11] {
    let (a, s) = (lang.admin(), lang.settings());
    let item = |href, label, test, duty| NavItem {
        href,
        label,
        test,
        duty,
    };
    [
        item("/admin", a.orders, "nav-orders", Duty::SeeOrders),
        item("/admin/orders/new", a.new_order, "nav-new-order", Duty::MakeOrders),
        item("/admin/products", s.products, "nav-products", Duty::Catalog),
        item("/admin/reports", lang.reports().title, "nav-reports", Duty::SeeReports),
        item("/admin/delivery", s.delivery, "nav-delivery", Duty::Settings),
        item("/admin/codes", s.codes, "nav-codes", Duty::Settings),
        item("/admin/messages", s.messages_title, "nav-messages", Duty::Settings),
        item("/admin/payments", s.pay_title, "nav-payments", Duty::Settings),
        item(
            "/admin/payments/check",
            lang.qpay_check().nav,
            "nav-qpay-check",
            Duty::Money,
        ),
        item("/admin/settings", lang.identity().title, "nav-settings", Duty::Settings),
        item("/admin/staff", s.staff_title, "nav-staff", Duty::ManageStaff),
    ]
}

/// The nav item a path belongs to: the longest `href` that is the path or a folder above it (an order's page is
/// under Orders, a product's under Products), so exactly one is marked.
fn current_href(path: &str, hrefs: &[&'static str]) -> Option<&'static str> {
    hrefs
        .iter()
        .copied()
        .filter(|href| path == *href || path.starts_with(&format!("{href}/")))
        .max_by_key(|href| href.len())
}

/// The bar on top of the owner's pages, then the page's heading (when it has a fixed one) and `children` beside it.
#[component]
pub(super) fn AdminNav(
    #[prop(optional)] title: Option<&'static str>,
    who: Account,
    lang: Lang,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let sign_out = <AdminSignOut as leptos::server_fn::ServerFn>::PATH;
    let identity = crate::shop_identity::use_identity();
    let path = use_location().pathname.get_untracked();
    let items: Vec<NavItem> = nav_items(lang).into_iter().filter(|item| who.may(item.duty)).collect();
    let hrefs: Vec<&'static str> = items.iter().map(|item| item.href).collect();
    let current = current_href(&path, &hrefs);
    let links = items
        .into_iter()
        .map(|item| {
            let here = (Some(item.href) == current).then_some("page");
            view! { <a href=item.href data-test=item.test aria-current=here>{item.label}</a> }
        })
        .collect_view();
    view! {
        <header class="admin-bar" data-test="admin-bar">
            <a class="admin-shop" href="/" data-test="admin-shop">
                {identity.logo_path().map(|src| view! { <img src=src alt="" height="28"/> })}
                <span>{identity.name(lang).to_owned()}</span>
            </a>
            <input type="checkbox" id="admin-menu" class="menu-toggle" aria-controls="admin-menu-panel"/>
            <label for="admin-menu" class="button menu-button" data-test="menu-button">{lang.admin().menu}</label>
            <div class="admin-menu-panel" id="admin-menu-panel">
                <nav class="admin-nav" aria-label=lang.admin().admin_nav data-test="admin-nav">{links}</nav>
                <div class="admin-account">
                    <LanguageLinks lang/>
                    <span class="admin-who" data-test="owner" data-role=who.role.as_str()>
                        <span class="visually-hidden">{lang.admin().signed_in_as} " "</span>{who.email}
                    </span>
                    <form method="post" action=sign_out>
                        <button type="submit" class="button" data-test="sign-out">{lang.admin().sign_out}</button>
                    </form>
                </div>
            </div>
        </header>
        {title.map(|title| view! {
            <div class="admin-heading">
                <h1>{title}</h1>
                {children.map(|children| children())}
            </div>
        })}
    }
}

/// The bar on an admin page for someone not signed in yet (signing in, accepting an invitation): the shop's name
/// and the languages.
#[component]
pub(super) fn AdminPlainBar(lang: Lang) -> impl IntoView {
    let identity = crate::shop_identity::use_identity();
    view! {
        <header class="admin-bar" data-test="admin-bar">
            <a class="admin-shop" href="/" data-test="admin-shop">
                {identity.logo_path().map(|src| view! { <img src=src alt="" height="28"/> })}
                <span>{identity.name(lang).to_owned()}</span>
            </a>
            <LanguageLinks lang/>
        </header>
    }
}

#[cfg(test)]
mod tests {
    use super::current_href;

    #[test]
    fn the_page_marks_the_deepest_nav_item_it_is_under() {
        let hrefs = ["/admin", "/admin/orders/new", "/admin/products", "/admin/settings"];
        let cases = [
            ("/admin", Some("/admin")),
            ("/admin/orders/D7K2M9", Some("/admin")),
            ("/admin/orders/new", Some("/admin/orders/new")),
            ("/admin/products/12", Some("/admin/products")),
            ("/admin/settings/pages/terms", Some("/admin/settings")),
            ("/administrator", None),
            ("/", None),
        ];
        for (path, want) in cases {
            assert_eq!(current_href(path, &hrefs), want, "{path}");
        }
    }
}
