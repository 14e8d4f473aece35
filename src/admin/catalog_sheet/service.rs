//! The catalog spreadsheet's service: export and template files, an upload kept and previewed, and its apply.

use super::{
    ImportData, Preview,
    files::{self, FileError, Format},
    pictures_zip::PicturesZip,
    sent,
    words::problem_line,
};
use crate::{
    admin::Account,
    catalog::service::CatalogCache,
    db::{
        Db,
        catalog_sheet::{self, ApplyError},
        sheet_uploads::{self, Upload},
    },
    domain::catalog_sheet::{self as sheet, COLUMNS, Column, Problem, Sheet, picture_problems},
    error::AppError,
    i18n::Lang,
    picture_store::PictureStore,
};

const IMPORT_PAGE: &str = "/admin/products/import";

#[derive(Debug, Clone)]
pub struct CatalogSheetService {
    db: Db,
    /// The shop's pages show an import at once.
    cache: CatalogCache,
    /// The largest file accepted (`SHEET_MAX_MB`); the .zip of pictures beside it may be four times that.
    max_bytes: usize,
    /// The most data rows a sheet may have (`SHEET_MAX_ROWS`).
    max_rows: usize,
    /// The largest picture in that zip (`MEDIA_MAX_KB`, as an upload on the product's page).
    max_picture_bytes: usize,
    /// Where the pictures' files go (`PICTURE_STORE`).
    store: PictureStore,
}

/// Why an upload was not kept, before any of its cells were looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    NotASpreadsheet,
    NotUtf8,
    TooLarge,
    NoFile,
    /// The pictures' file is not a readable .zip (or holds more files than any catalog's new pictures).
    NotAZip,
}

impl Refused {
    pub fn text(self, lang: Lang, max_bytes: usize) -> String {
        let texts = lang.sheet();
        match self {
            Refused::NotASpreadsheet => texts.not_a_spreadsheet.to_owned(),
            Refused::NotUtf8 => texts.not_utf8.to_owned(),
            Refused::TooLarge => texts.too_large.replace("{mb}", &(max_bytes / 1024 / 1024).to_string()),
            Refused::NoFile => texts.no_file.to_owned(),
            Refused::NotAZip => texts.not_a_zip.to_owned(),
        }
    }
}

impl CatalogSheetService {
    pub fn new(db: Db, cache: CatalogCache, media: &crate::config::MediaSettings) -> Self {
        Self {
            store: PictureStore::new(db.clone(), media),
            db,
            cache,
            max_bytes: media.sheet_max_bytes,
            max_rows: media.sheet_max_rows,
            max_picture_bytes: media.max_bytes,
        }
    }

    pub fn max_bytes(&self) -> usize {
        self.max_bytes
    }

    /// The largest .zip of pictures sent beside a sheet.
    pub fn max_zip_bytes(&self) -> usize {
        self.max_bytes * 4
    }

    /// The whole catalog as a file: the same format an import reads, so export → edit → import is a bulk change.
    pub async fn export(&self, format: Format) -> Result<Vec<u8>, AppError> {
        let current = catalog_sheet::current(&self.db).await?;
        written(&sheet::rows(&current), format)
    }

    /// The header and two example rows (one product in two sizes, in the shop's first category), to fill in.
    pub async fn template(&self, format: Format) -> Result<Vec<u8>, AppError> {
        let categories = catalog_sheet::categories(&self.db).await?;
        let category = categories.first().cloned().unwrap_or_default();
        let mut rows = vec![
            COLUMNS
                .iter()
                .map(|column| column.header().to_owned())
                .collect::<Vec<_>>(),
        ];
        for (size, stock) in [("S", "10"), ("M", "8")] {
            let mut row = vec![String::new(); COLUMNS.len()];
            let mut set = |column: Column, text: &str| row[column as usize] = text.to_owned();
            set(Column::Handle, "tsamts-hoovon");
            set(Column::NameMn, "Хөвөн цамц");
            set(Column::NameEn, "Cotton shirt");
            set(Column::Category, &category);
            set(Column::OptionMn, &format!("{size} размер"));
            set(Column::OptionEn, &format!("Size {size}"));
            set(Column::Sku, &format!("TS-{size}"));
            set(Column::Price, "35000");
            set(Column::Stock, stock);
            set(Column::Active, "1");
            rows.push(row);
        }
        written(&rows, format)
    }

    /// Keeps an uploaded file for `account_id`'s preview and apply; its id, or why it was refused. A file that is
    /// not a readable .xlsx or UTF-8 .csv is refused at once, whatever its name says.
    pub async fn receive(
        &self,
        account_id: i64,
        file_name: &str,
        bytes: Vec<u8>,
        pictures: Option<Vec<u8>>,
    ) -> Result<Result<String, Refused>, AppError> {
        if bytes.is_empty() {
            return Ok(Err(Refused::NoFile));
        }
        let Some(format) = Format::sniff(&bytes).or_else(|| Format::of_file_name(file_name)) else {
            return Ok(Err(Refused::NotASpreadsheet));
        };
        // Read once now, off the serving threads, so a file that cannot be is refused at once.
        let max_rows = self.max_rows;
        let (bytes, pictures, checked) = sent::off_the_serving_threads("reading an uploaded sheet", move || {
            let checked = match files::read_at_most(&bytes, format, max_rows) {
                Ok(_) => Ok(()),
                Err(FileError::NotUtf8) => Err(Refused::NotUtf8),
                Err(_) => Err(Refused::NotASpreadsheet),
            };
            let zip_opens = pictures.as_ref().is_none_or(|zip| PicturesZip::open(zip).is_ok());
            (
                bytes,
                pictures,
                checked.and(if zip_opens { Ok(()) } else { Err(Refused::NotAZip) }),
            )
        })
        .await?;
        if let Err(refused) = checked {
            return Ok(Err(refused));
        }
        let id = crate::random::token(24);
        let upload = Upload {
            file_name: file_name.chars().take(200).collect(),
            format: format.extension().to_owned(),
            bytes,
            pictures,
        };
        sheet_uploads::keep_upload(&self.db, &id, account_id, &upload).await?;
        tracing::info!(account_id, file = %upload.file_name, bytes = upload.bytes.len(), "catalog sheet uploaded");
        Ok(Ok(id))
    }

    pub async fn import_page(
        &self,
        who: Account,
        notice: Option<String>,
        upload: Option<String>,
        lang: Lang,
    ) -> Result<ImportData, AppError> {
        let mut notice = notice;
        let preview = match upload {
            None => None,
            Some(id) => match sheet_uploads::upload(&self.db, &id, who.id).await? {
                Some(upload) => Some(self.preview(id, upload, lang).await?),
                None => {
                    notice = Some(lang.sheet().expired_upload.to_owned());
                    None
                }
            },
        };
        Ok(ImportData {
            who,
            notice,
            max_mb: self.max_bytes / 1024 / 1024,
            preview,
        })
    }

    /// The upload planned against the catalog as it is now, in the owner's words.
    async fn preview(&self, id: String, upload: Upload, lang: Lang) -> Result<Preview, AppError> {
        let mut preview = Preview {
            upload: id,
            file_name: upload.file_name,
            problems: Vec::new(),
            counts: Vec::new(),
            creates: Vec::new(),
            changes: Vec::new(),
            more: 0,
            anything: false,
        };
        let planned = match self.sheet_of(&upload.format, upload.bytes).await? {
            Err(problems) => Err(problems),
            Ok(sheet) => {
                let current = catalog_sheet::current(&self.db).await?;
                let (sent, refused) = sent::checked(&sheet, upload.pictures, self.max_picture_bytes).await?;
                sheet::plan(&sheet, &current).and_then(|plan| {
                    let problems = picture_problems(&plan, &current, &names(&sent), &refused);
                    if problems.is_empty() {
                        Ok((sheet, plan))
                    } else {
                        Err(problems)
                    }
                })
            }
        };
        match planned {
            Err(problems) => preview.problems = problems.iter().map(|problem| problem_line(lang, problem)).collect(),
            Ok((sheet, plan)) => super::preview::describe(&mut preview, &sheet, &plan, lang),
        }
        Ok(preview)
    }

    /// The upload's cells read as a sheet (off the serving threads: a large .xlsx takes a while), or its problems.
    /// A kept file that cannot be read any more (it was read when kept) is a fault, not the owner's.
    async fn sheet_of(&self, format: &str, bytes: Vec<u8>) -> Result<Result<Sheet, Vec<Problem>>, AppError> {
        let format = match format {
            "xlsx" => Format::Xlsx,
            "csv" => Format::Csv,
            other => return Err(crate::db::stored::corrupt("sheet_uploads", "format", other).into()),
        };
        let max_rows = self.max_rows;
        let read = move || files::read_at_most(&bytes, format, max_rows);
        let rows = match sent::off_the_serving_threads("reading a kept catalog sheet", read).await? {
            Ok(rows) => rows,
            Err(error) => {
                tracing::error!(%error, "a kept catalog sheet cannot be read again");
                return Err(AppError::Internal);
            }
        };
        let categories = catalog_sheet::categories(&self.db).await?;
        let categories: Vec<&str> = categories.iter().map(String::as_str).collect();
        Ok(sheet::read_at_most(&rows, &categories, self.max_rows))
    }

    /// Applies `upload` (the account's): the notice to show and the page to go back to.
    pub async fn apply(&self, account: &Account, upload_id: &str, lang: Lang) -> Result<(String, String), AppError> {
        let texts = lang.sheet();
        let preview_page = format!("{IMPORT_PAGE}?upload={upload_id}");
        let Some(upload) = sheet_uploads::upload(&self.db, upload_id, account.id).await? else {
            return Ok((texts.expired_upload.to_owned(), IMPORT_PAGE.to_owned()));
        };
        let sheet = match self.sheet_of(&upload.format, upload.bytes).await? {
            Ok(sheet) => sheet,
            Err(problems) => return Ok((problems_title(lang, problems.len()), preview_page)),
        };
        let (pictures, refused) = sent::drawn(&sheet, upload.pictures, self.max_picture_bytes, &self.store).await?;
        let sent: Vec<&str> = pictures.drawn.keys().map(String::as_str).collect();
        let applied = catalog_sheet::apply(&self.db, &sheet, &account.email, &pictures, |plan, current| {
            picture_problems(plan, current, &sent, &refused)
        })
        .await;
        let plan = match applied {
            Ok(plan) => plan,
            Err(ApplyError::Problems(problems)) => {
                // The preview plans again and shows them, but a picture that only the drawing refused is known
                // here alone: the notice says each.
                let lines: Vec<String> = problems
                    .iter()
                    .take(5)
                    .map(|problem| problem_line(lang, problem))
                    .collect();
                let notice = format!("{} {}", problems_title(lang, problems.len()), lines.join("; "));
                return Ok((notice, preview_page));
            }
            Err(ApplyError::Taken) => return Ok((texts.changed_meanwhile.to_owned(), preview_page)),
            Err(ApplyError::Db(error)) => return Err(error.into()),
        };
        sheet_uploads::forget_upload(&self.db, upload_id).await?;
        self.cache.invalidate();
        let counts = plan.counts;
        tracing::info!(
            actor = %account.email,
            file = %upload.file_name,
            created = counts.products_created,
            changed = counts.products_changed,
            variants_created = counts.variants_created,
            variants_changed = counts.variants_changed,
            "catalog sheet applied"
        );
        let notice = match sheet {
            Sheet::Catalog(_) => texts
                .applied
                .replace("{created}", &counts.products_created.to_string())
                .replace("{changed}", &counts.products_changed.to_string()),
            Sheet::Stocktake(_) => texts
                .counts_applied
                .replace("{n}", &counts.variants_changed.to_string()),
        };
        Ok((notice, "/admin/products".to_owned()))
    }
}

fn written(rows: &[Vec<String>], format: Format) -> Result<Vec<u8>, AppError> {
    files::write(rows, format).map_err(|error| {
        tracing::error!(%error, "cannot write the catalog sheet");
        AppError::Internal
    })
}

fn names(names: &[String]) -> Vec<&str> {
    names.iter().map(String::as_str).collect()
}

fn problems_title(lang: Lang, count: usize) -> String {
    lang.sheet().problems_title.replace("{n}", &count.to_string())
}
