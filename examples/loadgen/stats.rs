//! Percentiles and the few numbers every scenario prints.

use std::time::Duration;

/// Latencies of one kind (ack, wall), sorted once.
#[derive(Debug, Clone, Default)]
pub struct Latencies(Vec<Duration>);

impl Latencies {
    pub fn new(mut v: Vec<Duration>) -> Self {
        v.sort_unstable();
        Self(v)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The nearest-rank percentile, `p` in 0..=1; zero when empty.
    pub fn pct(&self, p: f64) -> Duration {
        if self.0.is_empty() {
            return Duration::ZERO;
        }
        self.0[((self.0.len() - 1) as f64 * p).round() as usize]
    }

    /// p50 / p99 / max in milliseconds, for a report line.
    pub fn summary(&self) -> String {
        format!(
            "p50 {:.1} · p90 {:.1} · p99 {:.1} · max {:.1} ms (n={})",
            ms(self.pct(0.5)),
            ms(self.pct(0.9)),
            ms(self.pct(0.99)),
            ms(self.pct(1.0)),
            self.len()
        )
    }
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// "min / median / max" of repeated measurements, as the docs quote them.
pub fn spread(values: &[f64], digits: usize) -> String {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => "-".into(),
        1 => format!("{:.*}", digits, v[0]),
        n => format!("{:.*} / {:.*} / {:.*}", digits, v[0], digits, v[n / 2], digits, v[n - 1]),
    }
}

/// The machine's load average (1, 5, 15 min), printed with every result: the development
/// machine is shared, and a figure means little without it.
pub fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}
