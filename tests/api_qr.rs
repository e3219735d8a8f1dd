//! QR codes of the join link: decoded back with rqrr, the PNG as served and the SVG after
//! rasterising it here, so a code that looks right but scans wrong is caught.

mod common;

use common::*;
use image::{GrayImage, Luma};
use serde_json::{Value, json};

/// Pixels per QR module when rasterising the SVG.
const SCALE: u32 = 10;

/// Decodes the single QR code in `img`.
fn decode(img: GrayImage) -> String {
    let mut prepared = rqrr::PreparedImage::prepare(img);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "expected exactly one QR code");
    grids[0].decode().expect("QR decodes").1
}

/// Reads `viewBox="0 0 N N"` and the dark modules of a path made of `Mx yh1v1h-1z` squares,
/// the shape src/qr.rs writes, and paints them black on white at [`SCALE`] px per module.
fn rasterise(svg: &str) -> GrayImage {
    let attr = |name: &str| {
        let start =
            svg.find(&format!("{name}=\"")).unwrap_or_else(|| panic!("no {name} in {svg}")) + name.len() + 2;
        let len = svg[start..].find('"').expect("closing quote");
        &svg[start..start + len]
    };
    let view: Vec<u32> = attr("viewBox").split(' ').map(|n| n.parse().expect("viewBox number")).collect();
    assert!(view.len() == 4 && view[0] == 0 && view[1] == 0 && view[2] == view[3], "viewBox {view:?}");
    let side = view[2];
    let mut img = GrayImage::from_pixel(side * SCALE, side * SCALE, Luma([255]));
    let d = attr(" d");
    assert!(d.starts_with('M'), "path {d}");
    let mut modules = 0;
    for square in d.split('M').skip(1) {
        let xy = square.strip_suffix("h1v1h-1z").unwrap_or_else(|| panic!("not a unit square: M{square}"));
        let (x, y) = xy.split_once(' ').expect("x y");
        let (x, y): (u32, u32) = (x.parse().expect("x"), y.parse().expect("y"));
        assert!(x < side && y < side, "module ({x}, {y}) outside the {side}-module view box");
        for py in y * SCALE..(y + 1) * SCALE {
            for px in x * SCALE..(x + 1) * SCALE {
                img.put_pixel(px, py, Luma([0]));
            }
        }
        modules += 1;
    }
    assert!(modules > 0, "no dark modules");
    img
}

async fn fetch(
    server: &TestServer,
    session: &Value,
    file: &str,
    query: &[(&str, &str)],
) -> reqwest::Response {
    let id = session["id"].as_str().unwrap();
    let mut url = reqwest::Url::parse(&server.url(&format!("/api/sessions/{id}/{file}"))).unwrap();
    if !query.is_empty() {
        url.query_pairs_mut().extend_pairs(query);
    }
    server.http.get(url).send().await.expect("send")
}

async fn png(server: &TestServer, session: &Value, query: &[(&str, &str)]) -> GrayImage {
    let resp = fetch(server, session, "qr.png", query).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "image/png");
    let bytes = resp.bytes().await.unwrap();
    image::load_from_memory(&bytes).expect("a PNG").to_luma8()
}

async fn svg(server: &TestServer, session: &Value, query: &[(&str, &str)]) -> GrayImage {
    let resp = fetch(server, session, "qr.svg", query).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "image/svg+xml");
    rasterise(&resp.text().await.unwrap())
}

#[tokio::test]
async fn png_scans_to_the_join_link() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let img = png(&server, &session, &[]).await;
    // Big enough to stay sharp on a slide or a projector.
    assert!(img.width() >= 640 && img.height() >= 640, "{}x{}", img.width(), img.height());
    assert_eq!(img.width(), img.height());
    assert_eq!(decode(img), session["join_url"].as_str().unwrap());
}

#[tokio::test]
async fn svg_scans_to_the_join_link() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let img = svg(&server, &session, &[]).await;
    assert_eq!(decode(img), session["join_url"].as_str().unwrap());
}

#[tokio::test]
async fn svg_has_a_quiet_zone() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let img = svg(&server, &session, &[]).await;
    // Scanners need four light modules around the code; check the outer ring is white.
    let border = 4 * SCALE;
    let (w, h) = img.dimensions();
    for (x, y, p) in img.enumerate_pixels() {
        if x < border || y < border || x >= w - border || y >= h - border {
            assert_eq!(p.0[0], 255, "dark pixel in the quiet zone at ({x}, {y})");
        }
    }
}

#[tokio::test]
async fn table_codes_preselect_the_table() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let join = session["join_url"].as_str().unwrap();
    let want = format!("{join}?table=Bord%202");
    assert_eq!(decode(png(&server, &session, &[("table", "Bord 2")]).await), want);
    assert_eq!(decode(svg(&server, &session, &[("table", "Bord 2")]).await), want);

    // Non-ASCII names are percent-encoded as UTF-8.
    let s = server.create_session(json!({"title": "T", "questions": ["Q"], "tables": ["Bord å"]})).await;
    let want = format!("{}?table=Bord%20%C3%A5", s["join_url"].as_str().unwrap());
    assert_eq!(decode(png(&server, &s, &[("table", "Bord å")]).await), want);
}

#[tokio::test]
async fn unknown_table_or_session_is_refused() {
    let server = TestServer::start().await;
    let session = server.council().await;
    for file in ["qr.svg", "qr.png"] {
        let resp = fetch(&server, &session, file, &[("table", "Bord 9")]).await;
        assert_eq!(resp.status(), 422, "{file}");
        assert_error(&resp.json().await.unwrap(), "unknown_table");

        let resp = server.http.get(server.url(&format!("/api/sessions/nosuchsession/{file}"))).send().await;
        let resp = resp.unwrap();
        assert_eq!(resp.status(), 404, "{file}");
        assert_error(&resp.json().await.unwrap(), "session_not_found");
    }
}
