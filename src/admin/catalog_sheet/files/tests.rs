use calamine::{CellErrorType, Data, ExcelDateTime, ExcelDateTimeType, Reader as _};

use super::*;
use crate::domain::catalog_sheet::{COLUMNS, ProblemKind};

fn cells(texts: &[&str]) -> Vec<String> {
    texts.iter().map(|text| (*text).to_owned()).collect()
}

/// The rows without the empty cells at their ends, which reading leaves out.
fn trimmed(rows: &[Vec<String>]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|row| {
            let end = row.iter().rposition(|cell| !cell.is_empty()).map_or(0, |last| last + 1);
            row[..end].to_vec()
        })
        .collect()
}

/// A catalog as the export writes one: the header, two products, and a blank row between them.
fn catalog() -> Vec<Vec<String>> {
    let header = COLUMNS.iter().map(|column| column.header().to_owned()).collect();
    vec![
        header,
        cells(&[
            "tsamts",
            "Цамц",
            "Shirt",
            "Зузаан, дулаан",
            "A \"warm\" one",
            "clothes",
            "38 размер",
            "Size 38",
            "0012",
            "12500",
            "5",
            "",
            "1",
            "a.jpg;b.jpg",
        ]),
        cells(&[
            "tsamts",
            "",
            "",
            "",
            "",
            "",
            "40 размер",
            "Size 40",
            "SH-40",
            "12500",
            "0",
            "2",
            "",
            "",
        ]),
        Vec::new(),
        cells(&[
            "ayaga",
            "Аяга",
            "Cup",
            "Нэг мөр\nхоёр мөр",
            "",
            "home",
            "Цэнхэр",
            "Blue",
            "CUP-1",
            "9900",
            "12",
            "",
            "0",
            "",
        ]),
    ]
}

#[test]
fn a_csv_reads_back_as_it_was_written() {
    let bytes = write(&catalog(), Format::Csv).expect("a csv");
    let text = String::from_utf8(bytes.clone()).expect("UTF-8");
    assert!(text.contains("\"Зузаан, дулаан\""), "{text}");
    assert!(text.contains("\"A \"\"warm\"\" one\""), "{text}");
    assert!(text.contains("\"Нэг мөр\nхоёр мөр\""), "{text}");
    assert_eq!(read(&bytes, Format::Csv), Ok(trimmed(&catalog())));
}

#[test]
fn a_csv_is_written_with_a_byte_order_mark_and_read_without_it() {
    let rows = vec![cells(&["sku", "name"]), cells(&["A-1", "Цамц"])];
    let bytes = write(&rows, Format::Csv).expect("a csv");
    assert_eq!(bytes, "\u{FEFF}sku,name\r\nA-1,Цамц\r\n".as_bytes());
    assert_eq!(read(&bytes, Format::Csv), Ok(rows));
}

#[test]
fn a_csv_with_semicolons_or_tabs_reads_by_them() {
    let semicolons = "sku;price;name\r\nA-1;12500;\"Зузаан; дулаан\"\r\nB-2;9900,5;Аяга\r\n";
    let read_semicolons = vec![
        cells(&["sku", "price", "name"]),
        cells(&["A-1", "12500", "Зузаан; дулаан"]),
        cells(&["B-2", "9900,5", "Аяга"]),
    ];
    assert_eq!(read(semicolons.as_bytes(), Format::Csv), Ok(read_semicolons));
    let tabs = "sku\tname\nA-1\tЦамц, хар\n";
    let read_tabs = vec![cells(&["sku", "name"]), cells(&["A-1", "Цамц, хар"])];
    assert_eq!(read(tabs.as_bytes(), Format::Csv), Ok(read_tabs));
}

#[test]
fn a_csv_keeps_its_blank_lines_as_rows() {
    let text = "\r\nsku,stock\r\n\r\n\r\nA-1,5\r\n,,\r\n  \r\n\"B\n2\",3\nC-3,4";
    let rows = vec![
        Vec::new(),
        cells(&["sku", "stock"]),
        Vec::new(),
        Vec::new(),
        cells(&["A-1", "5"]),
        Vec::new(),
        Vec::new(),
        cells(&["B\n2", "3"]),
        cells(&["C-3", "4"]),
    ];
    assert_eq!(read(text.as_bytes(), Format::Csv), Ok(rows));
}

#[test]
fn a_csv_in_windows_1251_is_refused() {
    let bytes = b"sku,name\r\nA-1,\xd6\xe0\xec\xf6\r\n";
    assert_eq!(read(bytes, Format::Csv), Err(FileError::NotUtf8));
    assert_eq!(Format::sniff(bytes), None);
}

#[test]
fn reading_stops_one_row_past_the_limit() {
    let data: String = (0..ROWS_MAX + 9).map(|at| format!("SKU-{at},5\r\n")).collect();
    let text = format!("sku,stock\r\n\r\n{data}");
    let rows = read(text.as_bytes(), Format::Csv).expect("a csv");
    // The header, a blank row, and ROWS_MAX + 1 data rows.
    assert_eq!(rows.len(), ROWS_MAX + 3);
    assert_eq!(rows.iter().filter(|row| !row.is_empty()).count(), ROWS_MAX + 2);
    let last = format!("SKU-{ROWS_MAX}");
    assert_eq!(rows.last(), Some(&cells(&[last.as_str(), "5"])));
    let problems = crate::domain::catalog_sheet::read(&rows, &[]).expect_err("too many rows");
    assert_eq!(problems[0].kind, ProblemKind::TooManyRows { max: ROWS_MAX });
}

#[test]
fn cells_right_of_the_bound_are_not_read() {
    let text = format!("sku{}far\r\nA-1\r\n", ",".repeat(COLUMNS_READ_MAX));
    assert_eq!(
        read(text.as_bytes(), Format::Csv),
        Ok(vec![cells(&["sku"]), cells(&["A-1"])])
    );
}

#[test]
fn an_xlsx_reads_back_as_it_was_written() {
    let bytes = write(&catalog(), Format::Xlsx).expect("an xlsx");
    assert_eq!(read(&bytes, Format::Xlsx), Ok(trimmed(&catalog())));
}

#[test]
fn an_xlsx_has_amounts_as_numbers_and_codes_as_text() {
    let bytes = write(&catalog(), Format::Xlsx).expect("an xlsx");
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.as_slice())).expect("an xlsx");
    assert_eq!(workbook.sheet_names(), ["products"]);
    let sheet = workbook.worksheet_range("products").expect("the sheet");
    // A column's cells are at its place in `COLUMNS`, which is its declaration's order.
    let at = |column: Column| (1, column as u32);
    assert_eq!(sheet.get_value(at(Column::Price)), Some(&Data::Float(12500.0)));
    assert_eq!(sheet.get_value(at(Column::Stock)), Some(&Data::Float(5.0)));
    assert_eq!(sheet.get_value(at(Column::Sku)), Some(&Data::String("0012".to_owned())));
    assert_eq!(sheet.get_value(at(Column::Active)), Some(&Data::String("1".to_owned())));
}

#[test]
fn an_xlsx_reads_at_the_places_excel_shows() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(2, 1, "sku").expect("a cell");
    sheet.write_string(2, 2, "price").expect("a cell");
    sheet.write_string(3, 1, "A-1").expect("a cell");
    sheet.write_number(3, 2, 12500.5).expect("a cell");
    sheet.write_number(5, 2, 12500.0).expect("a cell");
    sheet.write_boolean(5, 3, true).expect("a cell");
    let bytes = workbook.save_to_buffer().expect("an xlsx");
    let rows = vec![
        Vec::new(),
        Vec::new(),
        cells(&["", "sku", "price"]),
        cells(&["", "A-1", "12500.5"]),
        Vec::new(),
        cells(&["", "", "12500", "1"]),
    ];
    assert_eq!(read(&bytes, Format::Xlsx), Ok(rows));
}

#[test]
fn the_first_sheet_the_owner_sees_is_read() {
    let mut workbook = Workbook::new();
    let notes = workbook.add_worksheet();
    notes.set_hidden(true);
    notes.write_string(0, 0, "notes").expect("a cell");
    let products = workbook.add_worksheet();
    products.set_active(true);
    products.write_string(0, 0, "sku").expect("a cell");
    let bytes = workbook.save_to_buffer().expect("an xlsx");
    assert_eq!(read(&bytes, Format::Xlsx), Ok(vec![cells(&["sku"])]));
}

#[test]
fn cells_read_as_the_text_the_domain_reads() {
    let date = ExcelDateTime::new(45_000.0, ExcelDateTimeType::DateTime, false);
    let cases = [
        (DataRef::Float(12500.0), "12500"),
        (DataRef::Float(12500.5), "12500.5"),
        (DataRef::Float(-3.0), "-3"),
        (DataRef::Float(0.1 + 0.2), "0.30000000000000004"),
        (DataRef::Float(1e16), "10000000000000000"),
        (DataRef::Int(42), "42"),
        (DataRef::Bool(true), "1"),
        (DataRef::Bool(false), "0"),
        (DataRef::SharedString("Цамц"), "Цамц"),
        (DataRef::String("0012".to_owned()), "0012"),
        (DataRef::DateTime(date), "45000"),
        (DataRef::Error(CellErrorType::NA), "#N/A"),
        (DataRef::Empty, ""),
    ];
    for (value, text) in cases {
        assert_eq!(text_of(&value), text, "{value:?}");
    }
}

#[test]
fn what_is_not_a_spreadsheet_is_unreadable() {
    assert_eq!(
        read(b"sku,stock\r\nA-1,5\r\n", Format::Xlsx),
        Err(FileError::Unreadable)
    );
    assert_eq!(
        read(b"PK\x03\x04 and nothing of a zip", Format::Xlsx),
        Err(FileError::Unreadable)
    );
    let bytes = write(&catalog(), Format::Xlsx).expect("an xlsx");
    assert_eq!(
        read(&bytes[..bytes.len() / 2], Format::Xlsx),
        Err(FileError::Unreadable)
    );
}

#[test]
fn the_bytes_tell_the_format() {
    let xlsx = write(&catalog(), Format::Xlsx).expect("an xlsx");
    let cases: [(&[u8], Option<Format>); 6] = [
        (xlsx.as_slice(), Some(Format::Xlsx)),
        (&b"sku,stock\r\nA-1,5\r\n"[..], Some(Format::Csv)),
        ("\u{FEFF}sku;name\r\nA-1;Цамц\r\n".as_bytes(), Some(Format::Csv)),
        (&b""[..], Some(Format::Csv)),
        (&b"sku,name\r\nA-1,\xd6\xe0\xec\xf6\r\n"[..], None),
        // An old .xls: not a zip, not text.
        (&b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"[..], None),
    ];
    for (bytes, format) in cases {
        assert_eq!(Format::sniff(bytes), format, "{bytes:?}");
    }
}

#[test]
fn the_name_tells_the_format_by_its_extension() {
    let cases = [
        ("products.xlsx", Some(Format::Xlsx)),
        ("Бараа.XLSX", Some(Format::Xlsx)),
        ("products.csv", Some(Format::Csv)),
        ("products (1).CsV", Some(Format::Csv)),
        ("products.csv.xlsx", Some(Format::Xlsx)),
        ("products.xls", None),
        ("products.xlsx.zip", None),
        ("products", None),
        ("xlsx", None),
        ("", None),
    ];
    for (name, format) in cases {
        assert_eq!(Format::of_file_name(name), format, "{name}");
    }
    assert_eq!(Format::Xlsx.extension(), "xlsx");
    assert_eq!(Format::Csv.extension(), "csv");
    assert_eq!(Format::Csv.content_type(), "text/csv; charset=utf-8");
    assert_eq!(
        Format::Xlsx.content_type(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
}
