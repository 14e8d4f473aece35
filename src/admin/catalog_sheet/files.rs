//! The catalog sheet as a file, for the owner's import and export (`/admin/products/import`, `/export`): an .xlsx's
//! or a .csv's bytes read into rows of text cells, and rows written back as a file. What the cells mean is
//! `domain::catalog_sheet`'s; this module only moves them between bytes and text.
//!
//! - Row `i` of what [`read`] gives is the spreadsheet's row `i + 1`, blank rows kept (empty), and column `j` its
//!   column `j + 1`, because problems are reported by the row the owner sees in Excel. An .xlsx whose cells start
//!   below row 1 or right of column A is padded to match; a .csv's empty lines, which the csv reader skips, are put
//!   back.
//! - Reading is bounded: it stops after [`ROWS_READ_MAX`] rows with something in them (the header, [`ROWS_MAX`]
//!   data rows and one more, for the domain to say there are too many), and leaves out cells right of
//!   [`COLUMNS_READ_MAX`]. An .xlsx is read cell by cell as it is unzipped (calamine's cell reader), not as one
//!   rectangle, which a single stray cell far down and to the right would make gigabytes wide.
//! - A .csv is written with a UTF-8 byte-order mark and `\r\n` line ends: without the mark Excel reads the file in
//!   the computer's code page and shows Cyrillic as garbage. A .csv read must be UTF-8 (Excel's "CSV UTF-8"); any
//!   other encoding is refused, not guessed, since a wrong guess would import wrong names silently.
//! - In an .xlsx the price, stock and low-stock cells are written as numbers, so the owner can sum and sort them;
//!   every other cell as text, so a SKU like "0012" keeps its zeros. Excel keeps whole numbers as floats (12500 as
//!   12500.0): reading writes a whole float without ".0", and any other as it is ("12500.5"), for the domain to
//!   refuse.

use std::io::Cursor;

use calamine::{DataRef, Reader as _, SheetType, SheetVisible, Xlsx};
use rust_xlsxwriter::{Format as CellFormat, Workbook, XlsxError};

use crate::domain::catalog_sheet::{Column, ROWS_MAX};

/// The most rows with a non-blank cell that [`read`] gives: the header, [`ROWS_MAX`] data rows, and one more so
/// that the domain can tell the sheet has too many.
pub const ROWS_READ_MAX: usize = ROWS_MAX + 2;

/// Cells right of this many columns are left out. The sheet has 14 and the domain refuses a header naming any
/// other, so this only bounds what stray cells far to the right cost.
pub const COLUMNS_READ_MAX: usize = 100;

/// Excel's number of rows: a cell said to be further down is in a broken file, not a row to pad up to.
const SHEET_ROWS: usize = 1 << 20;
/// How every .xlsx starts: it is a zip.
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
/// UTF-8's byte-order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";
/// The largest whole number a float holds exactly (2^53): beyond it a float's digits are not the ones typed.
const FLOAT_EXACT: f64 = 9_007_199_254_740_992.0;
/// The columns an .xlsx gets numbers in.
const NUMBER_COLUMNS: [Column; 3] = [Column::Price, Column::Stock, Column::LowStock];
/// A column's width in an .xlsx, in characters: room for a short column's header, and no description pushing the
/// other columns off the screen.
const WIDTH_MIN: u8 = 12;
const WIDTH_MAX: u8 = 40;

/// A spreadsheet file format the shop reads and writes. Not the old binary .xls: the owner saves it as .xlsx.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Csv,
}

impl Format {
    /// The format a file's name says, by its extension in any case; `None` for any other.
    pub fn of_file_name(name: &str) -> Option<Format> {
        let (_, extension) = name.rsplit_once('.')?;
        [Format::Xlsx, Format::Csv]
            .into_iter()
            .find(|format| format.extension().eq_ignore_ascii_case(extension))
    }

    /// The format the bytes are in, whatever the file is called (an owner may rename one): an .xlsx is a zip, and
    /// UTF-8 text is taken for a .csv. `None` for anything else (an old .xls, a picture, a .csv in another encoding):
    /// the caller then goes by the name, and [`read`] says what is wrong.
    pub fn sniff(bytes: &[u8]) -> Option<Format> {
        if bytes.starts_with(ZIP_MAGIC) {
            return Some(Format::Xlsx);
        }
        std::str::from_utf8(bytes).is_ok().then_some(Format::Csv)
    }

    /// The file name's extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
        }
    }

    /// The `Content-Type` a download of this format is sent with.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Csv => "text/csv; charset=utf-8",
        }
    }
}

/// Why a file could not be read or written. The owner's words for these are the caller's.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FileError {
    /// A .csv not saved as UTF-8 (Excel's plain "CSV" on a Mongolian Windows writes Windows-1251): the owner saves
    /// it again as "CSV UTF-8".
    #[error("the CSV file is not UTF-8 text")]
    NotUtf8,
    /// Not a spreadsheet the shop can open, or a broken .xlsx.
    #[error("the file is not a spreadsheet that can be read")]
    Unreadable,
    /// An .xlsx without a worksheet (only chart sheets, say).
    #[error("the workbook has no worksheet")]
    NoSheet,
    /// Writing failed, which rows the shop made are not expected to make happen: the library's words, for the log.
    #[error("the file could not be written: {0}")]
    Write(String),
}

/// Every row of the file as text cells: of the first worksheet of an .xlsx, or of a .csv. Row `i` is the sheet's
/// row `i + 1`; a blank row (every cell empty once trimmed) is an empty row. Reading stops after
/// [`ROWS_READ_MAX`] non-blank rows.
pub fn read(bytes: &[u8], format: Format) -> Result<Vec<Vec<String>>, FileError> {
    read_at_most(bytes, format, ROWS_MAX)
}

/// [`read`], for a shop whose sheets may have `max_rows` data rows (`SHEET_MAX_ROWS`): reading stops after
/// `max_rows + 2` non-blank rows (the header, the rows, one more to tell the owner there are too many).
pub fn read_at_most(bytes: &[u8], format: Format, max_rows: usize) -> Result<Vec<Vec<String>>, FileError> {
    let grid = Grid {
        most: max_rows.saturating_add(2),
        ..Grid::default()
    };
    match format {
        Format::Xlsx => read_xlsx(bytes, grid),
        Format::Csv => read_csv(bytes, grid),
    }
}

/// `rows` as a file of the format. A .csv: a byte-order mark first, `\r\n` line ends. An .xlsx: one worksheet,
/// the header row bold and frozen, amounts as numbers (see the module's comment).
pub fn write(rows: &[Vec<String>], format: Format) -> Result<Vec<u8>, FileError> {
    match format {
        Format::Xlsx => write_xlsx(rows).map_err(|error| FileError::Write(error.to_string())),
        Format::Csv => write_csv(rows),
    }
}

/// The rows read so far, within the bounds.
#[derive(Default)]
struct Grid {
    rows: Vec<Vec<String>>,
    /// How many rows have a non-blank cell, not counting the last one, which may still be being filled.
    filled: usize,
    /// The most rows with a non-blank cell to read.
    most: usize,
}

impl Grid {
    /// Makes row `row` (from 0) exist, empty rows before it, so that cells can be put in it; `false` when it is
    /// past the bounds, and nothing more is to be read.
    fn reach(&mut self, row: usize) -> bool {
        if row < self.rows.len() {
            return true;
        }
        self.close_last();
        if self.filled >= self.most || row >= SHEET_ROWS {
            return false;
        }
        self.rows.resize_with(row + 1, Vec::new);
        true
    }

    /// Puts a cell's text at `row`, `column` (from 0; the row reached), empty cells before it in the row. An empty
    /// text is not put, so a row ends at its last cell with something in it.
    fn put(&mut self, row: usize, column: usize, text: String) {
        if text.is_empty() || column >= COLUMNS_READ_MAX {
            return;
        }
        let Some(cells) = self.rows.get_mut(row) else {
            return;
        };
        if cells.len() <= column {
            cells.resize_with(column + 1, String::new);
        }
        cells[column] = text;
    }

    /// Counts the last row if it has something in it, and empties it if not (a cell of spaces is blank too).
    fn close_last(&mut self) {
        let Some(cells) = self.rows.last_mut() else {
            return;
        };
        if cells.iter().all(|cell| cell.trim().is_empty()) {
            *cells = Vec::new();
        } else {
            self.filled += 1;
        }
    }

    fn finish(mut self) -> Vec<Vec<String>> {
        self.close_last();
        self.rows
    }
}

/// The first worksheet's cells, streamed. An .xlsx lists each cell with its place, and leaves out empty ones.
fn read_xlsx(bytes: &[u8], grid: Grid) -> Result<Vec<Vec<String>>, FileError> {
    let mut workbook: Xlsx<Cursor<&[u8]>> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| FileError::Unreadable)?;
    let sheet = first_worksheet(&workbook).ok_or(FileError::NoSheet)?;
    let mut cells = workbook
        .worksheet_cells_reader(&sheet)
        .map_err(|_| FileError::Unreadable)?;
    let mut grid = grid;
    while let Some(cell) = cells.next_cell().map_err(|_| FileError::Unreadable)? {
        let text = text_of(cell.get_value());
        // A formatted cell with nothing in it does not make the sheet longer.
        if text.is_empty() {
            continue;
        }
        let (row, column) = cell.get_position();
        let row = usize::try_from(row).unwrap_or(usize::MAX);
        if !grid.reach(row) {
            break;
        }
        grid.put(row, usize::try_from(column).unwrap_or(usize::MAX), text);
    }
    Ok(grid.finish())
}

/// The name of the sheet to read: the first worksheet the owner can see, else the first at all. A chart sheet
/// has no cells.
fn first_worksheet(workbook: &Xlsx<Cursor<&[u8]>>) -> Option<String> {
    let sheets = workbook.sheets_metadata();
    let worksheets = || sheets.iter().filter(|sheet| sheet.typ == SheetType::WorkSheet);
    worksheets()
        .find(|sheet| sheet.visible == SheetVisible::Visible)
        .or_else(|| worksheets().next())
        .map(|sheet| sheet.name.clone())
}

/// A cell's value as the text the domain reads. A date is its serial number: no column of the sheet is a date.
fn text_of(value: &DataRef<'_>) -> String {
    match value {
        DataRef::String(text) | DataRef::DateTimeIso(text) | DataRef::DurationIso(text) => text.clone(),
        DataRef::SharedString(text) => (*text).to_owned(),
        DataRef::Int(number) => number.to_string(),
        DataRef::Float(number) => number_text(*number),
        DataRef::DateTime(date) => number_text(date.as_f64()),
        DataRef::Bool(yes) => String::from(if *yes { "1" } else { "0" }),
        // As Excel shows it: "#DIV/0!", "#N/A", "#REF!".
        DataRef::Error(error) => error.to_string(),
        DataRef::Empty => String::new(),
    }
}

/// A number as a cell shows it: a whole one without ".0", any other in its shortest form.
fn number_text(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() <= FLOAT_EXACT {
        // Whole and within ±2^53: the cast is exact.
        (number as i64).to_string()
    } else {
        number.to_string()
    }
}

/// A .csv's records, UTF-8 checked first so that a file in another encoding is named as such, not misread.
fn read_csv(bytes: &[u8], grid: Grid) -> Result<Vec<Vec<String>>, FileError> {
    let text = bytes.strip_prefix(BOM).unwrap_or(bytes);
    if std::str::from_utf8(text).is_err() {
        return Err(FileError::NotUtf8);
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter_of(text))
        .from_reader(text);
    let mut grid = grid;
    let mut record = csv::StringRecord::new();
    // Where the reader stopped: inside the line breaks that end the record before and any empty lines after it.
    let mut at = 0;
    while reader.read_record(&mut record).map_err(|_| FileError::Unreadable)? {
        let empty_lines = line_breaks_around(text, at).saturating_sub(usize::from(at > 0));
        let row = grid.rows.len() + empty_lines;
        if !grid.reach(row) {
            break;
        }
        for (column, cell) in record.iter().take(COLUMNS_READ_MAX).enumerate() {
            if !cell.is_empty() {
                grid.put(row, column, cell.to_owned());
            }
        }
        at = usize::try_from(reader.position().byte()).map_or(text.len(), |byte| byte.min(text.len()));
    }
    Ok(grid.finish())
}

/// The delimiter the first line uses: `,`; else `;`, which Excel writes where a comma is the decimal mark; else a
/// tab, as text copied out of a sheet has.
fn delimiter_of(text: &[u8]) -> u8 {
    let first_line = text
        .split(|&byte| byte == b'\n' || byte == b'\r')
        .next()
        .unwrap_or_default();
    [b',', b';', b'\t']
        .into_iter()
        .find(|delimiter| first_line.contains(delimiter))
        .unwrap_or(b',')
}

/// How many line breaks (`\r\n`, `\n` or a lone `\r`) the run of them around byte `at` holds. A record's own
/// breaks are inside quotes, between other bytes, so the run at a record's end is its break and the empty lines
/// after it, which the csv reader skips but Excel shows as rows.
fn line_breaks_around(text: &[u8], at: usize) -> usize {
    let is_break = |byte: &u8| matches!(*byte, b'\r' | b'\n');
    let at = at.min(text.len());
    let start = text[..at]
        .iter()
        .rposition(|byte| !is_break(byte))
        .map_or(0, |before| before + 1);
    let end = text[at..]
        .iter()
        .position(|byte| !is_break(byte))
        .map_or(text.len(), |after| at + after);
    let run = &text[start..end];
    run.len() - run.windows(2).filter(|pair| *pair == b"\r\n").count()
}

fn write_csv(rows: &[Vec<String>]) -> Result<Vec<u8>, FileError> {
    let failed = |error: csv::Error| FileError::Write(error.to_string());
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.to_vec());
    for row in rows {
        // An empty row is written as `""`, which reads back as a blank row.
        writer.write_record(row).map_err(failed)?;
    }
    writer.into_inner().map_err(|error| FileError::Write(error.to_string()))
}

fn write_xlsx(rows: &[Vec<String>]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("products")?;
    let numbers = rows.first().map(|header| number_columns(header)).unwrap_or_default();
    let bold = CellFormat::new().set_bold();
    for (at, cells) in rows.iter().enumerate() {
        let row = u32::try_from(at).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (column, text) in cells.iter().enumerate() {
            // An empty string would be a blank cell at best: there is nothing to write.
            if text.is_empty() {
                continue;
            }
            let col = u16::try_from(column).map_err(|_| XlsxError::RowColumnLimitError)?;
            if row == 0 {
                sheet.write_string_with_format(row, col, text, &bold)?;
            } else if let Some(number) = number_of(text).filter(|_| numbers.contains(&column)) {
                sheet.write_number(row, col, number)?;
            } else {
                sheet.write_string(row, col, text)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    for (column, width) in widths(rows).into_iter().enumerate() {
        let col = u16::try_from(column).map_err(|_| XlsxError::RowColumnLimitError)?;
        sheet.set_column_width(col, width)?;
    }
    workbook.save_to_buffer()
}

/// The indexes of the columns whose cells an .xlsx gets as numbers, by their header.
fn number_columns(header: &[String]) -> Vec<usize> {
    header
        .iter()
        .enumerate()
        .filter(|(_, cell)| Column::named(cell).is_some_and(|column| NUMBER_COLUMNS.contains(&column)))
        .map(|(at, _)| at)
        .collect()
}

/// A cell's text as a number Excel holds exactly: a whole number within ±2^53; `None` for any other text.
fn number_of(text: &str) -> Option<f64> {
    let number = text.parse::<i64>().ok()?;
    // Within ±2^53: the cast is exact.
    (number.unsigned_abs() <= 1 << 53).then_some(number as f64)
}

/// Each column's width: its longest cell's length in characters, within [`WIDTH_MIN`] and [`WIDTH_MAX`].
fn widths(rows: &[Vec<String>]) -> Vec<u8> {
    let mut widths = Vec::new();
    for cells in rows {
        if widths.len() < cells.len() {
            widths.resize(cells.len(), WIDTH_MIN);
        }
        for (width, text) in widths.iter_mut().zip(cells) {
            let chars = text.chars().take(usize::from(WIDTH_MAX)).count();
            *width = (*width).max(u8::try_from(chars).unwrap_or(WIDTH_MAX));
        }
    }
    widths
}

#[cfg(test)]
mod tests;
