//! QR codes for the join link, as SVG (for slides that scale) and PNG (for pasting).

use image::{ImageEncoder, Luma};
use qrcode::{EcLevel, QrCode};

/// Smallest PNG side in pixels: crisp on a slide and on a projector.
pub const PNG_MIN_SIZE: u32 = 640;

fn code(text: &str) -> Result<QrCode, qrcode::types::QrError> {
    // Level M survives a scuffed print or a glare on the projector screen.
    QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
}

/// An SVG of `text`: one `<rect>` per dark module on a white background with a quiet zone of
/// four modules, sized to scale crisply.
pub fn svg(text: &str) -> Result<String, qrcode::types::QrError> {
    let qr = code(text)?;
    let width = qr.width();
    let quiet = 4;
    let side = width + 2 * quiet;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" width=\"{px}\" height=\"{px}\" shape-rendering=\"crispEdges\" role=\"img\">\
         <title>QR</title><rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
        px = side * 10
    );
    let colors = qr.to_colors();
    for y in 0..width {
        for x in 0..width {
            if colors[y * width + x] == qrcode::Color::Dark {
                out.push_str(&format!("M{} {}h1v1h-1z", x + quiet, y + quiet));
            }
        }
    }
    out.push_str("\"/></svg>");
    Ok(out)
}

/// A PNG of `text`, at least [`PNG_MIN_SIZE`] pixels square, with a quiet zone.
pub fn png(text: &str) -> Result<Vec<u8>, String> {
    let qr = code(text).map_err(|e| e.to_string())?;
    let img = qr.render::<Luma<u8>>().quiet_zone(true).min_dimensions(PNG_MIN_SIZE, PNG_MIN_SIZE).build();
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(img.as_raw(), img.width(), img.height(), image::ExtendedColorType::L8)
        .map_err(|e| e.to_string())?;
    Ok(out)
}
