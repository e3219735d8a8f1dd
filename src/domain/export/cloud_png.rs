//! The word cloud as a PNG, for the Word document (Word shows no SVG without a PNG beside
//! it). Same layout and colours as the SVG ([`crate::text::place`]), drawn with DejaVu Sans
//! Bold, which travels in the binary: a server in a container has no fonts of its own.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use image::{ImageEncoder, Rgb, RgbImage};

use crate::text::CloudWord;

/// The cloud in a `width` × `height` PNG on white, or `None` if the font or the encoder
/// fails (the report then shows the word table alone).
pub fn cloud_png(words: &[CloudWord], width: u32, height: u32) -> Option<Vec<u8>> {
    let font = FontRef::try_from_slice(dejavu::sans::bold()).ok()?;
    let mut img = RgbImage::from_pixel(width, height, Rgb([255, 255, 255]));
    for p in crate::text::place(words, width, height) {
        let Some(word) = words.get(p.index) else { continue };
        let colour = hex(crate::text::light_colour(p.slot));
        // The layout estimated the width; the real font decides. Shrink to fit, then centre.
        let measured = advance(&font, PxScale::from(p.size), &word.word);
        let size = if measured > p.width && measured > 0.0 { p.size * p.width / measured } else { p.size };
        let scale = PxScale::from(size);
        let used = advance(&font, scale, &word.word);
        let mut caret = p.x + (p.width - used).max(0.0) / 2.0;
        let scaled = font.as_scaled(scale);
        let mut previous = None;
        for c in word.word.chars() {
            let id = scaled.glyph_id(c);
            if let Some(prev) = previous {
                caret += scaled.kern(prev, id);
            }
            let glyph = id.with_scale_and_position(scale, point(caret, p.baseline));
            caret += scaled.h_advance(id);
            previous = Some(id);
            let Some(outline) = font.outline_glyph(glyph) else { continue };
            let bounds = outline.px_bounds();
            outline.draw(|x, y, coverage| {
                let (px, py) = (bounds.min.x as i64 + i64::from(x), bounds.min.y as i64 + i64::from(y));
                if px < 0 || py < 0 || px >= i64::from(width) || py >= i64::from(height) {
                    return;
                }
                let pixel = img.get_pixel_mut(px as u32, py as u32);
                for (channel, target) in pixel.0.iter_mut().zip(colour) {
                    let blended = f32::from(*channel) * (1.0 - coverage) + f32::from(target) * coverage;
                    *channel = blended.round().clamp(0.0, 255.0) as u8;
                }
            });
        }
    }
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(img.as_raw(), width, height, image::ExtendedColorType::Rgb8)
        .ok()?;
    Some(png)
}

/// The width `text` takes at `scale`, kerning included.
fn advance(font: &FontRef<'_>, scale: PxScale, text: &str) -> f32 {
    let scaled = font.as_scaled(scale);
    let mut width = 0.0;
    let mut previous = None;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(prev) = previous {
            width += scaled.kern(prev, id);
        }
        width += scaled.h_advance(id);
        previous = Some(id);
    }
    width
}

/// `#1a4f8b` → `[0x1a, 0x4f, 0x8b]`.
fn hex(colour: &str) -> [u8; 3] {
    let channel = |i: usize| colour.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()).unwrap_or(0);
    [channel(1), channel(3), channel(5)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_the_words_in_their_colours() {
        let words = vec![
            CloudWord { stem: "barn".into(), word: "barnen".into(), count: 5 },
            CloudWord { stem: "skol".into(), word: "skolan".into(), count: 2 },
            CloudWord { stem: "håll".into(), word: "hållbarhet".into(), count: 1 },
        ];
        let png = cloud_png(&words, 600, 300).expect("png");
        let img = image::load_from_memory(&png).expect("a real PNG").to_rgb8();
        assert_eq!(img.dimensions(), (600, 300));
        // Some pixels carry the first word's colour, and most of the picture is background.
        let first = hex(crate::text::light_colour(0));
        let inked = img.pixels().filter(|p| p.0 == first).count();
        let white = img.pixels().filter(|p| p.0 == [255, 255, 255]).count();
        assert!(inked > 100, "{inked} pixels of the first word's colour");
        assert!(white > 600 * 300 / 2, "{white} white pixels");
    }

    #[test]
    fn an_empty_cloud_is_a_blank_picture() {
        let png = cloud_png(&[], 200, 100).expect("png");
        let img = image::load_from_memory(&png).expect("png").to_rgb8();
        assert!(img.pixels().all(|p| p.0 == [255, 255, 255]));
    }
}
