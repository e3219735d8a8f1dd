//! Real readers for the export files, written independently of src/: Word's package opened
//! with the zip crate and its XML read with quick-xml, Excel through calamine (and its raw XML
//! for formulas), CSV through the csv crate.

#![allow(dead_code)]

use std::io::{Cursor, Read};

use quick_xml::events::Event;

/// The text of each paragraph of `word/document.xml`, line breaks as `\n`, in document order
/// (table cells are paragraphs too).
pub fn docx_paragraphs(bytes: &[u8]) -> Vec<String> {
    let xml = zip_part(bytes, "word/document.xml");
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let mut in_text = false;
    loop {
        match reader.read_event().expect("well-formed document.xml") {
            Event::Start(e) if e.name().as_ref() == b"w:p" => current = Some(String::new()),
            Event::Empty(e) if e.name().as_ref() == b"w:p" => out.push(String::new()),
            Event::End(e) if e.name().as_ref() == b"w:p" => out.extend(current.take()),
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_text = false,
            Event::Empty(e) if e.name().as_ref() == b"w:br" => {
                if let Some(p) = current.as_mut() {
                    p.push('\n');
                }
            }
            Event::Text(t) if in_text => {
                if let Some(p) = current.as_mut() {
                    p.push_str(&t.xml10_content().expect("text"));
                }
            }
            Event::GeneralRef(r) if in_text => {
                if let Some(p) = current.as_mut() {
                    let name = String::from_utf8(r.to_vec()).expect("entity name");
                    let numeric = |n: &str| {
                        let code = match n.strip_prefix('x') {
                            Some(hex) => u32::from_str_radix(hex, 16),
                            None => n.parse(),
                        };
                        char::from_u32(code.expect("character reference")).expect("a character").to_string()
                    };
                    p.push_str(&match name.as_str() {
                        "amp" => "&".to_string(),
                        "lt" => "<".to_string(),
                        "gt" => ">".to_string(),
                        "quot" => "\"".to_string(),
                        "apos" => "'".to_string(),
                        n if n.starts_with('#') => numeric(&n[1..]),
                        other => panic!("unexpected entity &{other};"),
                    });
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// One part of a zip package as text.
pub fn zip_part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip package");
    let mut file = archive.by_name(name).unwrap_or_else(|_| panic!("no {name} in the package"));
    let mut text = String::new();
    file.read_to_string(&mut text).expect("utf-8 part");
    text
}

/// The names of every part in a zip package.
pub fn zip_names(bytes: &[u8]) -> Vec<String> {
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip package");
    archive.file_names().map(str::to_owned).collect()
}

/// Every sheet of a workbook: its name and its cells as text (numbers as Excel shows them,
/// date-times as `yyyy-mm-dd hh:mm:ss`).
pub fn xlsx_sheets(bytes: &[u8]) -> Vec<(String, Vec<Vec<String>>)> {
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("an xlsx workbook");
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).expect("sheet");
            let rows = range
                .rows()
                .map(|row| {
                    row.iter()
                        .map(|cell| match cell {
                            Data::Empty => String::new(),
                            Data::String(s) => s.clone(),
                            Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
                            Data::Float(f) => f.to_string(),
                            Data::Int(i) => i.to_string(),
                            Data::DateTime(d) => excel_date_time(d.as_f64()),
                            other => panic!("unexpected cell {other:?}"),
                        })
                        .collect()
                })
                .collect();
            (name, rows)
        })
        .collect()
}

/// An Excel serial date (days since 1899-12-30) as `yyyy-mm-dd hh:mm:ss`.
fn excel_date_time(serial: f64) -> String {
    let secs = (serial * 86_400.0).round() as i64;
    let epoch = jiff::civil::date(1899, 12, 30).at(0, 0, 0, 0);
    let at = epoch.checked_add(jiff::Span::new().seconds(secs)).expect("date in range");
    at.strftime("%Y-%m-%d %H:%M:%S").to_string()
}

/// The XML of every worksheet in a workbook package.
pub fn xlsx_sheet_xml(bytes: &[u8]) -> Vec<String> {
    zip_names(bytes)
        .into_iter()
        .filter(|n| n.starts_with("xl/worksheets/sheet"))
        .map(|n| zip_part(bytes, &n))
        .collect()
}

/// A CSV export's records (header first) after its byte-order mark.
pub fn csv_records(bytes: &[u8], separator: u8) -> Vec<Vec<String>> {
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "no byte-order mark");
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).delimiter(separator).from_reader(&bytes[3..]);
    reader.records().map(|r| r.expect("csv record").iter().map(str::to_string).collect()).collect()
}

/// The file name a `Content-Disposition` header carries in `filename*` (RFC 8187), decoded.
pub fn disposition_name(header: &str) -> String {
    let encoded = header.split("filename*=UTF-8''").nth(1).expect("filename* in the header");
    let encoded = encoded.split(';').next().unwrap_or("").trim();
    let mut bytes = Vec::new();
    let raw = encoded.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%' {
            bytes.push(u8::from_str_radix(std::str::from_utf8(&raw[i + 1..i + 3]).unwrap(), 16).unwrap());
            i += 3;
        } else {
            bytes.push(raw[i]);
            i += 1;
        }
    }
    String::from_utf8(bytes).expect("utf-8 name")
}
