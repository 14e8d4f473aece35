//! The owner's stock settings on the product list (issue #22): the shop's low-stock level for a variant without its
//! own, and the stock at or below which the product page says "only N left" (off while empty). Its form, server
//! function, section and the service's save, beside each other: one small form of the catalog's page.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Returned, field};
use crate::{
    admin::form::{Check, FieldError, Problem},
    domain::{
        catalog::STOCK_MAX,
        money::whole_number,
        stock::{DEFAULT_LOW_STOCK, StockSettings},
    },
    error::AppError,
    i18n::Lang,
};

/// The stock settings as the form posts them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockSettingsForm {
    #[serde(default)]
    pub low_stock_default: String,
    #[serde(default)]
    pub few_left: String,
}

impl Default for StockSettingsForm {
    fn default() -> Self {
        StockSettingsForm::of(&StockSettings::default())
    }
}

impl StockSettingsForm {
    /// The form filled in with the settings as stored.
    pub fn of(settings: &StockSettings) -> Self {
        StockSettingsForm {
            low_stock_default: settings.low_stock_default.to_string(),
            few_left: settings.few_left.map(|n| n.to_string()).unwrap_or_default(),
        }
    }

    /// A whole number of units for the level (empty: the built-in 3), and one from 1 or nothing for "only N left".
    pub fn parse(&self) -> Result<StockSettings, Vec<FieldError>> {
        let mut check = Check::default();
        let low_stock_default = match self.low_stock_default.trim() {
            "" => Some(DEFAULT_LOW_STOCK),
            typed => whole_number(typed).filter(|level| *level <= STOCK_MAX),
        };
        if low_stock_default.is_none() {
            check.fail("low_stock_default", Problem::NotAStock);
        }
        let few_left = whole_number(&self.few_left).filter(|n| (1..=STOCK_MAX).contains(n));
        if few_left.is_none() && !self.few_left.trim().is_empty() {
            check.fail("few_left", Problem::NotAStock);
        }
        check.done(StockSettings {
            low_stock_default: low_stock_default.unwrap_or(DEFAULT_LOW_STOCK),
            few_left,
        })
    }
}

/// Saves the stock settings, or sends the form back with its mistakes; then back to the product list.
#[server]
pub async fn admin_save_stock_settings(#[server(flatten)] form: StockSettingsForm) -> Result<(), AppError> {
    let account = crate::admin::signed_in(crate::domain::staff::Duty::Catalog).await?;
    let catalog = expect_context::<super::service::AdminCatalogService>();
    let lang = crate::i18n::use_lang();
    super::back_from(catalog.save_stock_settings(&account.email, form, lang).await?).await
}

/// The settings' form under the product list.
pub(super) fn stock_settings_section(form: Returned<StockSettingsForm>, lang: Lang) -> impl IntoView {
    let save = <AdminSaveStockSettings as leptos::server_fn::ServerFn>::PATH;
    let texts = lang.stock();
    let Returned { input, errors } = form;
    view! {
        <form method="post" action=save class="checkout-form" data-test="stock-settings-form">
            <h2>{texts.settings_title}</h2>
            {field("stock", "low_stock_default", texts.low_stock_default, input.low_stock_default, &errors, lang, false)}
            {field("stock", "few_left", texts.few_left, input.few_left, &errors, lang, false)}
            <button type="submit" class="button">{lang.settings().save}</button>
        </form>
    }
}

#[cfg(feature = "ssr")]
impl super::service::AdminCatalogService {
    /// The stock settings as stored, for the form.
    pub async fn stock_settings(&self) -> Result<StockSettings, AppError> {
        Ok(crate::db::stock::settings(self.db.pool()).await?)
    }

    pub async fn save_stock_settings(
        &self,
        actor: &str,
        input: StockSettingsForm,
        lang: Lang,
    ) -> Result<super::service::Saved, AppError> {
        let page = "/admin/products".to_owned();
        match input.parse() {
            Ok(settings) => {
                crate::db::stock::save_settings(&self.db, &settings).await?;
                tracing::info!(%actor, ?settings, "stock settings saved");
                // The product pages' "only N left" follows the new threshold at once.
                self.catalog_changed();
                Ok(super::service::Saved {
                    notice: lang.stock().saved,
                    returned: None,
                    page,
                })
            }
            Err(errors) => Ok(super::service::Saved {
                notice: lang.settings().fix_fields,
                returned: Some(super::Flash::StockSettings(Returned { input, errors })),
                page,
            }),
        }
    }
}

/// The product's last stock moves made by a sheet, newest first, for its page: when, which variant, the count on
/// the shelf before and after, why, and who.
#[cfg(feature = "ssr")]
pub(super) async fn move_lines(db: &crate::db::Db, product_id: i64, lang: Lang) -> Result<Vec<String>, AppError> {
    use crate::db::stock::{MoveReason, moves_of_product};
    let texts = lang.stock();
    Ok(moves_of_product(db, product_id, 20)
        .await?
        .into_iter()
        .map(|line| {
            let reason = match line.reason {
                MoveReason::Import => texts.reason_import,
                MoveReason::Stocktake => texts.reason_stocktake,
            };
            texts
                .move_line
                .replace("{when}", &crate::ub_time::clock(line.at_ms))
                .replace("{sku}", &line.sku)
                .replace("{before}", &line.before.to_string())
                .replace("{after}", &line.after.to_string())
                .replace("{reason}", reason)
                .replace("{who}", &line.actor)
        })
        .collect())
}

/// The product page's list of its stock moves; nothing when there are none.
pub(super) fn moves_section(lines: Vec<String>, lang: Lang) -> impl IntoView {
    (!lines.is_empty()).then(|| {
        view! {
            <h2>{lang.stock().moves_title}</h2>
            <ul class="stock-moves" data-test="stock-moves">
                {lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
            </ul>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(level: &str, few: &str) -> StockSettingsForm {
        StockSettingsForm {
            low_stock_default: level.into(),
            few_left: few.into(),
        }
    }

    #[test]
    fn the_level_is_a_whole_number_and_only_n_left_is_off_when_empty() {
        assert_eq!(
            form("5", "").parse().unwrap(),
            StockSettings {
                low_stock_default: 5,
                few_left: None
            }
        );
        assert_eq!(
            form("", "4").parse().unwrap(),
            StockSettings {
                low_stock_default: 3,
                few_left: Some(4)
            }
        );
        let fields = |errors: Vec<FieldError>| errors.into_iter().map(|e| e.field).collect::<Vec<_>>();
        assert_eq!(
            fields(form("-1", "0").parse().unwrap_err()),
            ["low_stock_default", "few_left"]
        );
        assert_eq!(StockSettingsForm::default(), form("3", ""));
    }
}
