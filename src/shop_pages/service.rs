//! The shop's pages as shoppers read them.

use crate::{
    db::{Db, DbError, shop_pages},
    domain::shop_page::PageKind,
    i18n::Lang,
    markdown::to_safe_html,
};

use super::ShopPageView;

#[derive(Debug, Clone)]
pub struct ShopPagesService {
    db: Db,
}

impl ShopPagesService {
    pub fn new(db: Db) -> Self {
        ShopPagesService { db }
    }

    /// The page in `lang` (its Mongolian when the English is empty); `None` until it is written.
    pub async fn shown(&self, kind: PageKind, lang: Lang) -> Result<Option<ShopPageView>, DbError> {
        let Some((body_mn, body_en)) = shop_pages::get(&self.db, kind).await? else {
            return Ok(None);
        };
        if body_mn.trim().is_empty() {
            return Ok(None);
        }
        Ok(Some(ShopPageView {
            title: lang.identity().page_title(kind).to_owned(),
            html: to_safe_html(lang.pick(&body_mn, &body_en)),
        }))
    }
}
