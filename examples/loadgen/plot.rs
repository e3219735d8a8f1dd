//! Line charts written as SVG by hand (no plotting library, no network): latency percentiles
//! against offered rate, memory against connected phones.

use std::fmt::Write;

pub struct Series {
    pub name: String,
    pub colour: &'static str,
    pub dashed: bool,
    pub points: Vec<(f64, f64)>,
}

pub struct Chart {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    /// A logarithmic y axis, for latencies that span milliseconds to seconds.
    pub log_y: bool,
    pub series: Vec<Series>,
}

const W: f64 = 520.0;
const H: f64 = 340.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 36.0;
const BOTTOM: f64 = 96.0;

/// Round tick values covering 0..=max (linear) or powers of ten (log).
fn ticks(lo: f64, hi: f64, log: bool) -> Vec<f64> {
    if log {
        let (a, b) = (lo.log10().floor() as i32, hi.log10().ceil() as i32);
        return (a..=b).map(|e| 10f64.powi(e)).collect();
    }
    let raw = hi / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * mag).find(|s| *s >= raw).unwrap_or(mag * 10.0);
    (0..=((hi / step).ceil() as usize)).map(|i| i as f64 * step).collect()
}

fn label(v: f64) -> String {
    if v >= 1000.0 {
        format!("{}k", v / 1000.0)
    } else if v >= 1.0 || v == 0.0 {
        format!("{v}")
    } else {
        format!("{v:.1}")
    }
}

impl Chart {
    /// The chart as an SVG group placed at (`x`, `y`).
    fn render(&self, x: f64, y: f64) -> String {
        let pts: Vec<(f64, f64)> = self.series.iter().flat_map(|s| s.points.iter().copied()).collect();
        let xmax = pts.iter().map(|p| p.0).fold(0.0, f64::max).max(1.0);
        let ymin = pts.iter().map(|p| p.1).filter(|v| *v > 0.0).fold(f64::MAX, f64::min).min(1.0);
        let ymax = pts.iter().map(|p| p.1).fold(0.0, f64::max).max(1.0);
        let xt = ticks(0.0, xmax, false);
        let yt = ticks(ymin, ymax, self.log_y);
        let (x1, y0, y1) = (*xt.last().unwrap_or(&xmax), yt[0], *yt.last().unwrap_or(&ymax));
        let (pw, ph) = (W - LEFT - RIGHT, H - TOP - BOTTOM);
        let sx = |v: f64| LEFT + v / x1 * pw;
        let sy = |v: f64| {
            let f = if self.log_y {
                (v.max(y0).log10() - y0.log10()) / (y1.log10() - y0.log10())
            } else {
                v / y1
            };
            TOP + ph - f * ph
        };
        let mut g = format!("<g transform=\"translate({x},{y})\">\n");
        let _ = writeln!(
            g,
            "<text x=\"{}\" y=\"22\" font-size=\"15\" font-weight=\"bold\">{}</text>",
            LEFT, self.title
        );
        for t in &xt {
            let _ = writeln!(
                g,
                "<line x1=\"{0:.1}\" x2=\"{0:.1}\" y1=\"{TOP}\" y2=\"{1:.1}\" stroke=\"#ddd\"/>",
                sx(*t),
                TOP + ph
            );
            let _ = writeln!(
                g,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
                sx(*t),
                TOP + ph + 15.0,
                label(*t)
            );
        }
        for t in &yt {
            let _ = writeln!(
                g,
                "<line x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{1:.1}\" y2=\"{1:.1}\" stroke=\"#ddd\"/>",
                LEFT + pw,
                sy(*t)
            );
            let _ = writeln!(
                g,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
                LEFT - 6.0,
                sy(*t) + 4.0,
                label(*t)
            );
        }
        let _ = writeln!(
            g,
            "<rect x=\"{LEFT}\" y=\"{TOP}\" width=\"{pw}\" height=\"{ph}\" fill=\"none\" stroke=\"#444\"/>"
        );
        let _ = writeln!(
            g,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"middle\">{}</text>",
            LEFT + pw / 2.0,
            TOP + ph + 32.0,
            self.x_label
        );
        let _ = writeln!(
            g,
            "<text transform=\"translate(16,{:.1}) rotate(-90)\" font-size=\"12\" text-anchor=\"middle\">{}</text>",
            TOP + ph / 2.0,
            self.y_label
        );
        for (i, s) in self.series.iter().enumerate() {
            let path: Vec<String> =
                s.points.iter().map(|(a, b)| format!("{:.1},{:.1}", sx(*a), sy(*b))).collect();
            let dash = if s.dashed { " stroke-dasharray=\"5,3\"" } else { "" };
            let _ = writeln!(
                g,
                "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"{dash}/>",
                path.join(" "),
                s.colour
            );
            for (a, b) in &s.points {
                let _ = writeln!(
                    g,
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2.5\" fill=\"{}\"/>",
                    sx(*a),
                    sy(*b),
                    s.colour
                );
            }
            let (lx, ly) = (LEFT + (i % 2) as f64 * 210.0, TOP + ph + 52.0 + (i / 2) as f64 * 16.0);
            let _ = writeln!(
                g,
                "<line x1=\"{lx}\" x2=\"{}\" y1=\"{1}\" y2=\"{1}\" stroke=\"{2}\" stroke-width=\"2\"{dash}/>",
                lx + 22.0,
                ly - 4.0,
                s.colour
            );
            let _ = writeln!(g, "<text x=\"{}\" y=\"{ly}\" font-size=\"11\">{}</text>", lx + 28.0, s.name);
        }
        g.push_str("</g>\n");
        g
    }
}

/// Charts side by side in one SVG document, with a caption line under them.
pub fn svg(charts: &[Chart], caption: &str) -> String {
    let width = W * charts.len() as f64;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{}\" viewBox=\"0 0 {width} {0}\" font-family=\"sans-serif\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
        H + 24.0
    );
    for (i, c) in charts.iter().enumerate() {
        out.push_str(&c.render(i as f64 * W, 0.0));
    }
    let _ = writeln!(
        out,
        "<text x=\"{LEFT}\" y=\"{}\" font-size=\"11\" fill=\"#555\">{caption}</text>",
        H + 12.0
    );
    out.push_str("</svg>\n");
    out
}
