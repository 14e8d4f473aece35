//! The pages the owner writes (`/admin/settings/pages/{slug}`): about, delivery and returns, terms, privacy, in
//! Markdown, in both languages; shown at `/pages/{slug}` (`shop_pages/`), sanitized there.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

use super::super::{
    catalog::{Returned, field, notice_line},
    pages::{AdminNav, owner_page},
};
use crate::{
    domain::shop_page::PageKind,
    error::AppError,
    i18n::{Lang, use_lang},
};

/// A page's form as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PageForm {
    pub body_mn: String,
    pub body_en: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageEditData {
    pub who: crate::admin::Account,
    pub slug: String,
    pub form: Returned<PageForm>,
    pub notice: Option<String>,
}

#[cfg(feature = "ssr")]
const RETURNED_PAGE: crate::web::OneTime<Returned<PageForm>> = crate::web::OneTime::new("admin_shop_page_form");

#[server]
pub async fn get_admin_shop_page(slug: String) -> Result<PageEditData, AppError> {
    let account = crate::admin::signed_in(crate::domain::staff::Duty::Settings).await?;
    let kind = PageKind::parse(&slug).ok_or(AppError::NotFound)?;
    let session = crate::web::VisitorSession::current().await?;
    let notice = session.take(&crate::admin::ACTION_NOTICE).await?;
    let returned = session.take(&RETURNED_PAGE).await?;
    let admin = expect_context::<crate::admin::service::AdminService>();
    let form = match returned {
        Some(returned) => returned,
        None => Returned {
            input: admin.shop_page(kind).await?,
            errors: Vec::new(),
        },
    };
    Ok(PageEditData {
        who: account,
        slug,
        form,
        notice,
    })
}

/// Saves the page, or sends the form back with what is too long; nothing is saved then.
#[server]
pub async fn admin_save_shop_page(slug: String, #[server(flatten)] form: PageForm) -> Result<(), AppError> {
    let account = crate::admin::signed_in(crate::domain::staff::Duty::Settings).await?;
    let kind = PageKind::parse(&slug).ok_or(AppError::NotFound)?;
    let session = crate::web::VisitorSession::current().await?;
    let admin = expect_context::<crate::admin::service::AdminService>();
    match admin.save_shop_page(&account.email, kind, &form).await? {
        Ok(()) => {
            let saved = use_lang().identity().page_saved.to_owned();
            session.keep(&crate::admin::ACTION_NOTICE, &saved).await?;
        }
        Err(errors) => session.keep(&RETURNED_PAGE, &Returned { input: form, errors }).await?,
    }
    leptos_axum::redirect(&format!("/admin/settings/pages/{}", kind.slug()));
    Ok(())
}

#[component]
pub fn ShopPageEditPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let data = Resource::new(slug, get_admin_shop_page);
    owner_page(use_lang().identity().pages, data, |data, lang| {
        view! { <PageEdit data lang/> }
    })
}

#[component]
fn PageEdit(data: PageEditData, lang: Lang) -> impl IntoView {
    let save = <AdminSaveShopPage as leptos::server_fn::ServerFn>::PATH;
    let t = lang.identity();
    let title = PageKind::parse(&data.slug)
        .map(|kind| t.page_title(kind))
        .unwrap_or_default();
    let (input, errors) = (data.form.input, data.form.errors);
    view! {
        <AdminNav title=title who=data.who lang/>
        {notice_line(data.notice)}
        <form method="post" action=save class="admin-form" data-test="shop-page-form">
            <input type="hidden" name="slug" value=data.slug.clone()/>
            <p class="hint">{t.pages_hint}</p>
            {field("page", "body_mn", t.page_body_mn, input.body_mn, &errors, lang, true)}
            {field("page", "body_en", t.page_body_en, input.body_en, &errors, lang, true)}
            <button type="submit" class="button primary" data-test="save-shop-page">{lang.settings().save}</button>
        </form>
        <p><a href=format!("/pages/{}", data.slug)>{lang.settings().view_in_shop}</a></p>
    }
}

/// The links to each page's editor, for the settings page.
pub fn page_links(lang: Lang) -> impl IntoView + use<> {
    let t = lang.identity();
    let links = PageKind::ALL.into_iter().map(|kind| {
        let href = format!("/admin/settings/pages/{}", kind.slug());
        view! { <li><a href=href data-test=format!("edit-page-{}", kind.slug())>{t.page_title(kind)}</a></li> }
    });
    view! {
        <h2>{t.pages}</h2>
        <ul class="admin-links">{links.collect_view()}</ul>
    }
}
