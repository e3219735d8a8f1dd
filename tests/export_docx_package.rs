//! The Word file's package (issue 9, docs/performance.md): its parts deflated as Word writes
//! them (docx-rs stores them, 50 MB for 50,000 contributions), paragraph ids unique and in
//! Word's range although the appendix is laid out on a thread of its own, and the appendix,
//! several entries to a paragraph, still listing every contribution once, in order.

mod common;
mod readers;

use std::io::Cursor;

use common::*;
use readers::*;

/// More than two of the appendix's paragraphs' worth (ten entries each).
const CARDS: usize = 25;

async fn report(server: &TestServer) -> (Vec<u8>, Vec<String>) {
    let session = server.council().await;
    let mut texts = Vec::new();
    for i in 1..=CARDS {
        let text = format!("Inspel {i:02}: mer tid för barnen, {}", "åäö ".repeat(i % 4));
        server.add(&session, ["q1", "q2", "q3"][i % 3], text.trim_end()).await;
        texts.push(text.trim_end().to_string());
    }
    let id = session["id"].as_str().unwrap();
    let resp = server
        .http
        .get(server.url(&format!("/api/sessions/{id}/export.docx")))
        .bearer_auth(session["secretary_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    (resp.bytes().await.unwrap().to_vec(), texts)
}

#[tokio::test]
async fn docx_parts_are_deflated_and_paragraph_ids_unique() {
    let server = TestServer::start().await;
    let (bytes, _) = report(&server).await;
    let mut archive = zip::ZipArchive::new(Cursor::new(&bytes)).expect("a zip package");
    assert!(archive.by_name("[Content_Types].xml").is_ok());
    for i in 0..archive.len() {
        let part = archive.by_index(i).unwrap();
        if !part.is_dir() {
            assert_eq!(part.compression(), zip::CompressionMethod::Deflated, "{:?}", part.name());
        }
    }
    let xml = zip_part(&bytes, "word/document.xml");
    let ids: Vec<&str> = xml.split("w14:paraId=\"").skip(1).map(|r| r.split('"').next().unwrap()).collect();
    assert!(ids.len() > CARDS, "{} paragraph ids", ids.len());
    let unique: std::collections::HashSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "paragraph ids repeat");
    for id in ids {
        let value = u32::from_str_radix(id, 16).unwrap_or_else(|_| panic!("{id} is no hex number"));
        assert!(value > 0 && value < 0x8000_0000, "{id} outside Word's range");
    }
}

#[tokio::test]
async fn docx_appendix_lists_every_contribution_once_in_order() {
    let server = TestServer::start().await;
    let (bytes, texts) = report(&server).await;
    let paragraphs = docx_paragraphs(&bytes);
    let at = paragraphs.iter().position(|p| p == "Bilaga: alla inspel").expect("an appendix");
    // After the heading and its hint: entries ten to a paragraph, a blank line between them.
    let entries: Vec<&str> = paragraphs[at + 2..].iter().flat_map(|p| p.split("\n\n")).collect();
    assert_eq!(paragraphs.len() - at - 2, CARDS.div_ceil(10), "{:#?}", &paragraphs[at..]);
    assert_eq!(entries.len(), CARDS, "{entries:#?}");
    for (i, (entry, text)) in entries.iter().zip(&texts).enumerate() {
        let (meta, body) = entry.split_once('\n').expect("details, then the text");
        assert!(meta.starts_with(&format!("Nr {} · ", i + 1)), "{meta}");
        assert_eq!(body, text);
    }
}
