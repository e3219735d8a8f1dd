//! What the machine can do, measured in the same run on the same disk: fdatasync calls per
//! second, and redb's durable inserts per second when one writer batches rows and does nothing
//! else. Every figure of inspel is quoted as a ratio to these.

use std::io::{Seek, SeekFrom, Write};
use std::path::Path;
use std::time::{Duration, Instant};

/// fdatasync per second: write 4 KiB in place and flush it to the disk, for `secs`.
pub fn fdatasync_per_sec(dir: &Path, secs: f64) -> std::io::Result<f64> {
    let path = dir.join("fdatasync.bin");
    let mut file =
        std::fs::OpenOptions::new().create(true).truncate(true).read(true).write(true).open(&path)?;
    let block = [0x5au8; 4096];
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed().as_secs_f64() < secs {
        file.seek(SeekFrom::Start(0))?;
        file.write_all(&block)?;
        file.sync_data()?;
        n += 1;
    }
    let rate = n as f64 / start.elapsed().as_secs_f64();
    std::fs::remove_file(path)?;
    Ok(rate)
}

/// Rows per second into a bare redb table, `batch` rows of `row_bytes` per durable (two-phase)
/// transaction, keyed by a sequence number, for `secs`: the ceiling of a writer thread that only
/// stores.
pub fn redb_rows_per_sec(dir: &Path, batch: usize, row_bytes: usize, secs: f64) -> Result<f64, redb::Error> {
    const ROWS: redb::TableDefinition<u64, &[u8]> = redb::TableDefinition::new("rows");
    let path = dir.join("baseline.redb");
    let db = redb::Database::create(&path)?;
    let row = vec![0xa5u8; row_bytes];
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < Duration::from_secs_f64(secs) {
        let mut txn = db.begin_write()?;
        txn.set_durability(redb::Durability::Immediate)?;
        txn.set_two_phase_commit(true);
        {
            let mut table = txn.open_table(ROWS)?;
            for _ in 0..batch {
                table.insert(n, row.as_slice())?;
                n += 1;
            }
        }
        txn.commit()?;
    }
    let rate = n as f64 / start.elapsed().as_secs_f64();
    drop(db);
    let _ = std::fs::remove_file(path);
    Ok(rate)
}

/// Both baselines, printed and returned as (fdatasync/s, redb rows/s).
pub fn measure(dir: &Path) -> (f64, f64) {
    let fsyncs = fdatasync_per_sec(dir, 2.0).unwrap_or(f64::NAN);
    let rows = redb_rows_per_sec(dir, 1024, 600, 2.0).unwrap_or(f64::NAN);
    println!("  baseline fdatasync (4 KiB, same disk):        {fsyncs:>10.0} /s");
    println!("  baseline redb, 1,024 rows of 600 B per commit: {rows:>10.0} rows/s");
    (fsyncs, rows)
}
