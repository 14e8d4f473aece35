//! `/admin/products/import`: the downloads, the column guide, the upload form, and an upload's preview with its
//! apply button (or its problems, by row). Plain links and forms: it works without JavaScript, on a phone.

use leptos::{either::Either, prelude::*};
use leptos_router::hooks::use_query_map;

use super::{AdminApplySheet, ImportData, Preview, get_sheet_import};
use crate::{
    admin::{
        catalog::notice_line,
        pages::{AdminNav, owner_page},
    },
    domain::catalog_sheet::{COLUMNS, Column},
    i18n::{Lang, use_lang},
};

#[component]
pub fn SheetImportPage() -> impl IntoView {
    let params = use_query_map();
    let upload = params.with_untracked(|p| p.get("upload"));
    let data = Resource::new(move || upload.clone(), get_sheet_import);
    owner_page(use_lang().sheet().title, data, |data, lang| {
        view! { <SheetImport data lang/> }
    })
}

#[component]
fn SheetImport(data: ImportData, lang: Lang) -> impl IntoView {
    let texts = lang.sheet();
    let upload_label = texts.upload_label.replace("{mb}", &data.max_mb.to_string());
    view! {
        <AdminNav title=texts.title who=data.who lang/>
        {notice_line(data.notice)}
        {data.preview.map(|preview| preview_section(preview, lang))}
        <p class="hint">{texts.intro}</p>
        <form method="post" action="/admin/products/import/upload" enctype="multipart/form-data"
            class="checkout-form" data-test="sheet-upload">
            <label for="sheet-file">{upload_label}</label>
            <input id="sheet-file" type="file" name="sheet" required
                accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"/>
            <label for="sheet-pictures">{texts.pictures_label}</label>
            <input id="sheet-pictures" type="file" name="pictures" accept=".zip,application/zip"/>
            <button type="submit" class="button primary">{texts.upload_button}</button>
        </form>
        <h2>{texts.download_title}</h2>
        <ul class="sheet-downloads">
            <li><a href="/admin/products/sheet/products.xlsx" data-test="export-xlsx">{texts.export_xlsx}</a></li>
            <li><a href="/admin/products/sheet/products.csv" data-test="export-csv">{texts.export_csv}</a></li>
            <li><a href="/admin/products/sheet/template.xlsx" data-test="template-xlsx">{texts.download_template_xlsx}</a></li>
            <li><a href="/admin/products/sheet/template.csv" data-test="template-csv">{texts.download_template_csv}</a></li>
        </ul>
        <p class="hint">{texts.format_help}</p>
        <dl class="sheet-columns">
            {COLUMNS.into_iter().map(|column| view! {
                <dt><code>{column.header()}</code></dt>
                <dd>{column_help(column, lang)}</dd>
            }).collect_view()}
        </dl>
        <p class="hint">{texts.stocktake_help}</p>
    }
}

/// What the upload would change, and its apply button; or every problem, and nothing to apply.
fn preview_section(preview: Preview, lang: Lang) -> impl IntoView {
    let texts = lang.sheet();
    let apply = <AdminApplySheet as leptos::server_fn::ServerFn>::PATH;
    let body = if !preview.problems.is_empty() {
        let title = texts.problems_title.replace("{n}", &preview.problems.len().to_string());
        Either::Left(view! {
            <p class="form-error" role="alert" data-test="sheet-problems-title">{title}</p>
            <ul class="sheet-problems" data-test="sheet-problems">
                {preview.problems.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
            </ul>
        })
    } else {
        let more = (preview.more > 0).then(|| view! { <p class="muted">"… +" {preview.more}</p> });
        let button = preview.anything.then(|| {
            view! {
                <form method="post" action=apply data-test="sheet-apply">
                    <input type="hidden" name="upload" value=preview.upload.clone()/>
                    <button type="submit" class="button primary">{texts.apply_button}</button>
                    " " <a href="/admin/products/import">{texts.cancel}</a>
                </form>
            }
        });
        let nothing = (!preview.anything).then(|| view! { <p data-test="sheet-nothing">{texts.nothing_to_change}</p> });
        Either::Right(view! {
            <ul class="sheet-counts" data-test="sheet-counts">
                {preview.counts.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
            </ul>
            {nothing}
            {button}
            {(!preview.creates.is_empty()).then(|| view! {
                <h3>{texts.new_products_title}</h3>
                <ul class="sheet-creates" data-test="sheet-creates">
                    {preview.creates.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                </ul>
            })}
            {(!preview.changes.is_empty()).then(|| view! {
                <h3>{texts.changes_title}</h3>
                <ul class="sheet-changes" data-test="sheet-changes">
                    {preview.changes.into_iter().map(|change| view! {
                        <li>
                            <strong>{change.what}</strong>
                            <ul>{change.fields.into_iter().map(|field| view! { <li>{field}</li> }).collect_view()}</ul>
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {more}
        })
    };
    view! {
        <section class="sheet-preview" data-test="sheet-preview">
            <h2>{texts.preview_title} ": " {preview.file_name}</h2>
            {body}
        </section>
    }
}

fn column_help(column: Column, lang: Lang) -> &'static str {
    let texts = lang.sheet();
    match column {
        Column::Handle => texts.col_handle,
        Column::NameMn => texts.col_name_mn,
        Column::NameEn => texts.col_name_en,
        Column::DescriptionMn => texts.col_description_mn,
        Column::DescriptionEn => texts.col_description_en,
        Column::Category => texts.col_category,
        Column::OptionMn => texts.col_option_mn,
        Column::OptionEn => texts.col_option_en,
        Column::Sku => texts.col_sku,
        Column::Price => texts.col_price,
        Column::Stock => texts.col_stock,
        Column::LowStock => texts.col_low_stock,
        Column::Active => texts.col_active,
        Column::Pictures => texts.col_pictures,
    }
}
