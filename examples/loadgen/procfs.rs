//! What the server process costs, read from /proc (Linux only).

/// Clock ticks per second of /proc/<pid>/stat's times: 100 on every Linux this runs on
/// (USER_HZ is fixed by the kernel ABI on x86-64 and arm64).
const TICKS_PER_SEC: f64 = 100.0;

/// One reading of a process: resident memory, CPU time used so far, threads.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sample {
    pub rss_kib: u64,
    pub cpu_secs: f64,
    pub threads: u64,
    /// Seconds the process's threads have waited on a run queue for a CPU (schedstat): on a
    /// shared machine, the time the server was ready to work but not running.
    pub runq_wait_secs: f64,
}

/// Reads a process's sample; `None` when it is gone or /proc is absent.
pub fn sample(pid: u32) -> Option<Sample> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| -> Option<u64> {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    };
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis are
    // plain. utime and stime are fields 14 and 15, i.e. 12 and 13 after it.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(Sample {
        rss_kib: field("VmRSS:")?,
        cpu_secs: ticks / TICKS_PER_SEC,
        threads: field("Threads:").unwrap_or(0),
        runq_wait_secs: runq_wait(pid),
    })
}

/// The sum over the process's threads of /proc/<pid>/task/<tid>/schedstat's second field
/// (nanoseconds spent runnable but waiting for a CPU). Threads that have ended are not counted.
fn runq_wait(pid: u32) -> f64 {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else { return 0.0 };
    let ns: u64 = tasks
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().nth(1).and_then(|v| v.parse::<u64>().ok()))
        .sum();
    ns as f64 / 1e9
}
