//! QR codes of the join link: decoded back with rqrr, the PNG as served and the SVG after
//! rasterising it here, so a code that looks right but scans wrong is caught.

mod common;

use common::*;
use image::{GrayImage, Luma};
use serde_json::{Value, json};

/// Pixels per viewBox unit at least when rasterising the SVG (more for a small view box).
const MIN_RASTER_SIDE: u32 = 400;

/// Decodes the single QR code in `img`.
fn decode(img: GrayImage) -> String {
    let mut prepared = rqrr::PreparedImage::prepare(img);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "expected exactly one QR code");
    grids[0].decode().expect("QR decodes").1
}

/// The numbers after one path command letter, e.g. `4 4` after `M`.
fn numbers(args: &str) -> Vec<f64> {
    args.split([' ', ',']).filter(|n| !n.is_empty()).map(|n| n.parse().expect("a path number")).collect()
}

/// Paints the SVG as the QR writer draws it: a square `viewBox="0 0 N N"`, a white background
/// and one black `<path>` made of axis-aligned rectangles (subpaths of M/m, H/h, V/v and Z/z
/// commands, whatever the writer's way of spelling them). Each subpath fills its bounding box.
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
    let scale = MIN_RASTER_SIDE.div_ceil(side).max(1);
    let mut img = GrayImage::from_pixel(side * scale, side * scale, Luma([255]));
    let d = attr(" d");
    // Command letters and their arguments, in order.
    let mut commands = Vec::new();
    for (i, c) in d.char_indices().filter(|(_, c)| c.is_ascii_alphabetic()) {
        let rest = &d[i + 1..];
        let args = &rest[..rest.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(rest.len())];
        commands.push((c, numbers(args)));
    }
    let mut rects = 0;
    let (mut x, mut y) = (0.0, 0.0);
    let mut corners: Vec<(f64, f64)> = Vec::new();
    let mut fill = |corners: &mut Vec<(f64, f64)>, img: &mut GrayImage| {
        if corners.len() < 2 {
            corners.clear();
            return;
        }
        let lo = |f: fn(&(f64, f64)) -> f64| corners.iter().map(f).fold(f64::MAX, f64::min);
        let hi = |f: fn(&(f64, f64)) -> f64| corners.iter().map(f).fold(f64::MIN, f64::max);
        let (x0, x1, y0, y1) = (lo(|p| p.0), hi(|p| p.0), lo(|p| p.1), hi(|p| p.1));
        assert!(
            x0 >= 0.0 && y0 >= 0.0 && x1 <= side as f64 && y1 <= side as f64,
            "a rectangle outside the view box"
        );
        let px = |v: f64| (v * scale as f64).round() as u32;
        for py in px(y0)..px(y1) {
            for pxx in px(x0)..px(x1) {
                img.put_pixel(pxx, py, Luma([0]));
            }
        }
        rects += 1;
        corners.clear();
    };
    for (c, args) in commands {
        match (c, args.as_slice()) {
            ('M', [nx, ny]) | ('m', [nx, ny]) => {
                fill(&mut corners, &mut img);
                (x, y) = if c == 'M' { (*nx, *ny) } else { (x + nx, y + ny) };
            }
            ('H', [v]) => x = *v,
            ('h', [v]) => x += v,
            ('V', [v]) => y = *v,
            ('v', [v]) => y += v,
            ('Z' | 'z', []) => {}
            other => panic!("not a rectangle path command: {other:?}"),
        }
        corners.push((x, y));
    }
    fill(&mut corners, &mut img);
    assert!(rects > 0, "no dark modules");
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
    let resp = fetch(&server, &session, "qr.svg", &[]).await;
    let text = resp.text().await.unwrap();
    assert!(
        text.contains("role=\"img\"") && text.contains("<title>QR</title>"),
        "named for screen readers: {text}"
    );
    let img = rasterise(&text);
    // Scanners need four light modules around the code. The top-left finder pattern is seven
    // modules wide, which gives the module size; no dark pixel may lie within four of the edge.
    let dark = |x: u32, y: u32| img.get_pixel(x, y).0[0] == 0;
    let (w, h) = img.dimensions();
    let top = (0..h).find(|&y| (0..w).any(|x| dark(x, y))).expect("a dark row");
    let left = (0..w).find(|&x| dark(x, top)).expect("a dark pixel");
    let run = (left..w).take_while(|&x| dark(x, top)).count() as u32;
    let module = run / 7;
    assert!(module > 0 && run.is_multiple_of(7), "finder pattern {run} px wide");
    let border = 4 * module;
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
