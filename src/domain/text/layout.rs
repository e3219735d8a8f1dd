//! Lays out and draws the SVG word cloud.
//!
//! Layout: words are packed into horizontal rows in rank order, each row centred, and the rows
//! are stacked middle-out (the first row — the biggest words — in the middle, then one above,
//! one below …), which reads as a cloud but never rotates or overlaps text. Font size grows
//! with the square root of the count between a readable minimum and a maximum set by the box;
//! if the rows do not fit, everything shrinks a little, and below a readable size the rarest
//! words are dropped instead. Text widths are estimated per character class and then enforced
//! with `textLength`, so whichever sans-serif font the viewer has, no word overlaps another.
//!
//! Accessibility and safety: `role="img"`, a `<title>` and an `aria-label` naming the top words
//! with counts; colours meet WCAG AA (4.5:1) on the white background, and a
//! `prefers-color-scheme: dark` style swaps to a dark background with light colours that also
//! meet AA. No external fonts, scripts or links. All user text is XML-escaped and characters XML
//! forbids are dropped. Numbers are printed with one decimal, so output is byte-for-byte stable.

use std::fmt::Write;

use super::cloud::CloudWord;

/// Light and dark fills per colour slot; the test checks each against its background.
const PALETTE: &[(&str, &str)] = &[
    ("#1a4f8b", "#8ec5ff"),
    ("#8c3a0e", "#ffb088"),
    ("#2e6b30", "#8fdc92"),
    ("#6a2c8a", "#d7a6ff"),
    ("#8a1f4a", "#ff9ec4"),
    ("#333333", "#e8e8e8"),
];
const LIGHT_BG: &str = "#ffffff";
const DARK_BG: &str = "#121212";
const FONTS: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
/// Below this font size (px) we drop words rather than shrink further.
const MIN_READABLE: f32 = 10.0;
/// How many words the aria-label names.
const LABEL_WORDS: usize = 10;

/// One placed word.
struct Placed {
    rank: usize,
    size: f32,
    width: f32,
}

#[derive(Default)]
struct Row {
    words: Vec<Placed>,
    width: f32,
    tallest: f32,
}

/// Row pitch and baseline as multiples of the tallest font in the row: room for "Å" above and
/// "g" below, plus a small gap so rows never touch.
const ROW_PITCH: f32 = 1.3;
const BASELINE: f32 = 0.98;

pub(crate) fn render(words: &[CloudWord], width: u32, height: u32, title: &str) -> String {
    let (w, h) = (width.max(1) as f32, height.max(1) as f32);
    let pad = (w.min(h) * 0.04).max(2.0);
    let (inner_w, inner_h) = ((w - 2.0 * pad).max(1.0), (h - 2.0 * pad).max(1.0));
    let rows = fit(words, inner_w, inner_h);

    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{}">"#,
        escape(&aria_label(words, title))
    );
    let _ = write!(out, "<title>{}</title>", escape(title));
    out.push_str("<style>");
    let _ = write!(out, ".bg{{fill:{LIGHT_BG}}}");
    for (i, (light, _)) in PALETTE.iter().enumerate() {
        let _ = write!(out, ".c{i}{{fill:{light}}}");
    }
    let _ = write!(out, "@media (prefers-color-scheme: dark){{.bg{{fill:{DARK_BG}}}");
    for (i, (_, dark)) in PALETTE.iter().enumerate() {
        let _ = write!(out, ".c{i}{{fill:{dark}}}");
    }
    out.push_str("}</style>");
    let _ = write!(out, r#"<rect class="bg" width="100%" height="100%" fill="{LIGHT_BG}"/>"#);
    let _ = write!(out, r#"<g font-family="{}" font-weight="600">"#, escape(FONTS));

    for p in place_rows(rows, pad, inner_w, inner_h) {
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{:.1}" font-size="{:.1}" class="c{}" fill="{}" textLength="{:.1}" lengthAdjust="spacingAndGlyphs">{}</text>"#,
            p.x,
            p.baseline,
            p.size,
            p.slot,
            PALETTE[p.slot].0,
            p.width,
            escape(&words[p.index].word)
        );
    }
    out.push_str("</g></svg>");
    out
}

/// Where one word of the cloud goes: its left edge, baseline, font size and the width it may
/// take, all in pixels, and its colour slot.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PlacedWord {
    /// Index into the words given.
    pub index: usize,
    pub x: f32,
    pub baseline: f32,
    pub size: f32,
    pub width: f32,
    pub slot: usize,
}

/// The same layout the SVG uses, for drawing the cloud elsewhere (a PNG for Word).
pub(crate) fn place(words: &[CloudWord], width: u32, height: u32) -> Vec<PlacedWord> {
    let (w, h) = (width.max(1) as f32, height.max(1) as f32);
    let pad = (w.min(h) * 0.04).max(2.0);
    let (inner_w, inner_h) = ((w - 2.0 * pad).max(1.0), (h - 2.0 * pad).max(1.0));
    place_rows(fit(words, inner_w, inner_h), pad, inner_w, inner_h)
}

/// The light-scheme colour of a slot, as `#rrggbb`.
pub(crate) fn light_colour(slot: usize) -> &'static str {
    PALETTE[slot % PALETTE.len()].0
}

fn place_rows(rows: Vec<Row>, pad: f32, inner_w: f32, inner_h: f32) -> Vec<PlacedWord> {
    let mut out = Vec::new();
    let total: f32 = rows.iter().map(|r| r.tallest * ROW_PITCH).sum();
    let mut y = pad + (inner_h - total).max(0.0) / 2.0;
    for row in middle_out(rows) {
        let baseline = y + row.tallest * BASELINE;
        let mut x = pad + (inner_w - row.width).max(0.0) / 2.0;
        for (i, p) in row.words.iter().enumerate() {
            if i > 0 {
                x += gap(p.size);
            }
            let slot = p.rank % PALETTE.len();
            out.push(PlacedWord { index: p.rank, x, baseline, size: p.size, width: p.width, slot });
            x += p.width;
        }
        y += row.tallest * ROW_PITCH;
    }
    out
}

/// "Ordmoln – title. Vanligast: barnen (4), skolan (3)."
fn aria_label(words: &[CloudWord], title: &str) -> String {
    // No full stop after a title that already ends a sentence ("Vad lockar?").
    let title = title.trim();
    let stop = if title.ends_with(['.', '?', '!', ':']) || title.is_empty() { "" } else { "." };
    if words.is_empty() {
        return format!("Ordmoln – {title}{stop} Inga ord ännu.");
    }
    let top: Vec<String> =
        words.iter().take(LABEL_WORDS).map(|w| format!("{} ({})", w.word, w.count)).collect();
    format!("Ordmoln – {title}{stop} Vanligast: {}.", top.join(", "))
}

/// Rows that fit the box, shrinking and then dropping the rarest words as needed.
fn fit(words: &[CloudWord], inner_w: f32, inner_h: f32) -> Vec<Row> {
    let max_font = (inner_h / 5.0).min(inner_w / 6.0).max(MIN_READABLE);
    let min_font = (max_font * 0.25).max(MIN_READABLE).min(max_font);
    let (lo, hi) = words.iter().fold((usize::MAX, 0), |(lo, hi), w| (lo.min(w.count), hi.max(w.count)));
    let size = |count: usize| {
        let rel = if hi > lo { (count - lo) as f32 / (hi - lo) as f32 } else { 0.5 };
        min_font + (max_font - min_font) * rel.sqrt()
    };
    let mut n = words.len();
    let mut scale = 1.0f32;
    loop {
        let rows = pack(words.iter().take(n).map(|w| (w.word.as_str(), size(w.count) * scale)), inner_w);
        let height: f32 = rows.iter().map(|r| r.tallest * ROW_PITCH).sum();
        if height <= inner_h || n == 0 {
            return rows;
        }
        if min_font * scale * 0.92 >= MIN_READABLE {
            scale *= 0.92;
        } else {
            n -= 1;
        }
    }
}

/// Greedy row packing in rank order; a word too wide for any row is shrunk to fit alone.
fn pack<'a>(words: impl Iterator<Item = (&'a str, f32)>, inner_w: f32) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let mut row = Row::default();
    for (rank, (word, size)) in words.enumerate() {
        let mut size = size;
        let mut width = text_width(word, size);
        if width > inner_w {
            size *= inner_w / width;
            width = inner_w;
        }
        let needed = if row.words.is_empty() { width } else { row.width + gap(size) + width };
        if needed > inner_w && !row.words.is_empty() {
            rows.push(std::mem::take(&mut row));
            row.width = width;
        } else {
            row.width = needed;
        }
        row.tallest = row.tallest.max(size);
        row.words.push(Placed { rank, size, width });
    }
    if !row.words.is_empty() {
        rows.push(row);
    }
    rows
}

/// Space before a word of this size.
fn gap(size: f32) -> f32 {
    size * 0.4
}

/// Row 0 in the middle, row 1 above it, row 2 below, and so on.
fn middle_out(rows: Vec<Row>) -> Vec<Row> {
    let mut above = Vec::new();
    let mut below = Vec::new();
    for (i, row) in rows.into_iter().enumerate() {
        if i % 2 == 1 { above.push(row) } else { below.push(row) }
    }
    above.reverse();
    above.extend(below);
    above
}

/// Estimated advance width of `word` at `size` px in a semi-bold sans-serif, by character class.
fn text_width(word: &str, size: f32) -> f32 {
    let ems: f32 = word
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | 'í' | 'ì' | 'ï' | 'I' | '\'' | '.' | ',' | '!' => 0.3,
            'f' | 't' | 'r' | '-' => 0.4,
            'm' | 'w' => 0.9,
            'M' | 'W' => 0.95,
            c if c.is_uppercase() => 0.72,
            // East Asian and other wide scripts.
            c if c as u32 >= 0x2E80 => 1.0,
            _ => 0.6,
        })
        .sum();
    ems * size
}

/// XML-escapes text for element content and attribute values alike; drops characters XML 1.0
/// does not allow and turns line breaks and tabs into spaces.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(w: &str, count: usize) -> CloudWord {
        CloudWord { stem: w.to_string(), word: w.to_string(), count }
    }

    fn relative_luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let v = u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0) as f64 / 255.0;
            if v <= 0.03928 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (la, lb) = (relative_luminance(a), relative_luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn palette_meets_wcag_aa_in_both_schemes() {
        for (light, dark) in PALETTE {
            assert!(contrast(light, LIGHT_BG) >= 4.5, "{light} on white: {}", contrast(light, LIGHT_BG));
            assert!(contrast(dark, DARK_BG) >= 4.5, "{dark} on dark: {}", contrast(dark, DARK_BG));
        }
    }

    #[test]
    fn escapes_user_text() {
        assert_eq!(escape("<script>&\"'"), "&lt;script&gt;&amp;&quot;&apos;");
        assert_eq!(escape("a\u{0}b\nc\u{FFFF}"), "ab c");
    }

    #[test]
    fn words_do_not_overlap_and_stay_inside() {
        let words: Vec<CloudWord> =
            (0..60).map(|i| word(&format!("ord{}", "m".repeat(i % 9)), 60 - i)).collect();
        for (w, h) in [(800u32, 450u32), (300, 200), (1920, 1080), (120, 60)] {
            let (pad, inner_w, inner_h) = (((w.min(h) as f32) * 0.04).max(2.0), w as f32, h as f32);
            let rows = fit(&words, inner_w - 2.0 * pad, inner_h - 2.0 * pad);
            let height: f32 = rows.iter().map(|r| r.tallest * ROW_PITCH).sum();
            assert!(height <= inner_h - 2.0 * pad + 0.01, "{w}x{h}");
            for r in &rows {
                let sum: f32 = r.words.iter().map(|p| p.width).sum::<f32>()
                    + r.words.iter().skip(1).map(|p| gap(p.size)).sum::<f32>();
                assert!((sum - r.width).abs() < 0.01 && r.width <= inner_w - 2.0 * pad + 0.01);
            }
        }
    }

    #[test]
    fn middle_out_puts_the_first_row_in_the_middle() {
        let rows: Vec<Row> = (0..5).map(|i| Row { width: i as f32, ..Row::default() }).collect();
        let order: Vec<f32> = middle_out(rows).iter().map(|r| r.width).collect();
        assert_eq!(order, [3.0, 1.0, 0.0, 2.0, 4.0]);
    }
}
