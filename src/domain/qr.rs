//! QR codes for the join link, as SVG (for slides that scale) and PNG (for pasting).

use image::{ImageEncoder, Luma};
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// Smallest PNG side in pixels: crisp on a slide and on a projector.
pub const PNG_MIN_SIZE: u32 = 640;

fn code(text: &str) -> Result<QrCode, qrcode::types::QrError> {
    // Level M survives a scuffed print or a glare on the projector screen.
    QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
}

/// Pixels per module of the SVG's intrinsic size: a page that does not size the image shows
/// it at a scannable size, and a slide scales it (it is a vector) without blurring.
const SVG_MODULE_PX: u32 = 10;

/// An SVG of `text` (qrcode's renderer: black modules on a white square with its standard
/// quiet zone of four modules, drawn with crisp edges), marked as an image titled "QR" for
/// screen readers that open the file itself.
pub fn svg(text: &str) -> Result<String, qrcode::types::QrError> {
    let drawn = code(text)?
        .render::<svg::Color>()
        .quiet_zone(true)
        .module_dimensions(SVG_MODULE_PX, SVG_MODULE_PX)
        .dark_color(svg::Color("#000"))
        .light_color(svg::Color("#fff"))
        .build();
    // The renderer writes no role or title; they go right after its opening tag.
    let open = drawn.find("<svg").and_then(|at| drawn[at..].find('>').map(|end| at + end));
    Ok(match open {
        Some(end) => format!("{} role=\"img\"><title>QR</title>{}", &drawn[..end], &drawn[end + 1..]),
        None => drawn,
    })
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
