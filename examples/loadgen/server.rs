//! The processes under load: the release `inspel` binary on a fresh data file, or one already
//! running; the bare broadcast baseline; mentipy. Each child dies with its handle.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use crate::load::Target;

pub const ADMIN: &str = "loadgen-admin-token-0123456789abcdef";

/// A child process and the address it listens on.
pub struct Running {
    pub child: Child,
    pub target: Target,
}

/// `target/release/<name>` beside this example's own binary (`target/release/examples/`).
pub fn release_binary(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("own path");
    exe.parent().and_then(Path::parent).map(|d| d.join(name)).expect("target dir")
}

/// Reads the child's stdout until a line ends in an address, which it then returns.
async fn banner_addr(child: &mut Child) -> Result<SocketAddr, String> {
    let out = child.stdout.take().ok_or("no stdout")?;
    let mut lines = BufReader::new(out).lines();
    let read = async {
        while let Ok(Some(line)) = lines.next_line().await {
            if let Some(Ok(addr)) = line.rsplit(' ').next().map(|w| w.trim_start_matches("http://").parse()) {
                return Ok(addr);
            }
        }
        Err("the child ended before naming its address".to_string())
    };
    let addr =
        tokio::time::timeout(Duration::from_secs(20), read).await.map_err(|_| "no address in 20 s")??;
    // Keep draining its output so a chatty child never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Ok(addr)
}

/// Starts the release server on loopback with a fresh data file in `dir`.
pub async fn start_inspel(dir: &Path, max_connections: usize) -> Result<Running, String> {
    // INSPEL_BIN measures another build with the same generator (before and after a change).
    let binary = std::env::var_os("INSPEL_BIN").map_or_else(|| release_binary("inspel"), PathBuf::from);
    if !binary.exists() {
        return Err(format!("{} is missing: run `cargo build --release` first", binary.display()));
    }
    let mut child = Command::new(&binary)
        .args(["--addr", "127.0.0.1:0", "--admin-token", ADMIN, "--max-connections"])
        .arg(max_connections.to_string())
        .arg("--data")
        .arg(dir.join("loadgen.redb"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| format!("spawn {}: {e}", binary.display()))?;
    let addr = banner_addr(&mut child).await?;
    let pid = child.id();
    Ok(Running { child, target: Target { addr, admin: ADMIN.into(), pid } })
}

/// Starts this same program as the bare broadcast server (see `bare.rs`).
pub async fn start_bare() -> Result<Running, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut child = Command::new(exe)
        .arg("bare-server")
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| format!("spawn bare server: {e}"))?;
    let addr = banner_addr(&mut child).await?;
    let pid = child.id();
    Ok(Running { child, target: Target { addr, admin: String::new(), pid } })
}

/// Starts mentipy (installed with pip into `venv`) with one open question, and returns it with
/// the question's answer path (`/<prefix>`).
pub async fn start_mentipy(venv: &Path, dir: &Path, port: u16) -> Result<(Running, String), String> {
    let mentipy = venv.join("bin/mentipy");
    if !mentipy.exists() {
        return Err(format!(
            "{} is missing: python3 -m venv {0} && {0}/bin/pip install mentipy",
            mentipy.display()
        ));
    }
    let store = dir.join("mentipy.json");
    let render = Command::new(&mentipy)
        .args(["render", "open", "Vad tänker du?", "--no-lock", "--max-chars", "2000", "--store"])
        .arg(&store)
        .current_dir(dir)
        .env("HOME", dir)
        .output()
        .await
        .map_err(|e| e.to_string())?;
    if !render.status.success() {
        return Err(format!("mentipy render: {}", String::from_utf8_lossy(&render.stderr)));
    }
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&store).map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())?;
    let prefix = json["questions"]
        .as_object()
        .and_then(|q| q.values().next())
        .and_then(|q| q["url_prefix"].as_str())
        .ok_or("no question in mentipy's store")?
        .to_string();
    let child = Command::new(&mentipy)
        .args(["serve", "--host", "127.0.0.1", "--no-lock", "--port"])
        .arg(port.to_string())
        .arg("--store")
        .arg(&store)
        .current_dir(dir)
        .env("HOME", dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| format!("spawn mentipy: {e}"))?;
    let addr: SocketAddr = ([127, 0, 0, 1], port).into();
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(addr).await.is_ok() {
            let pid = child.id();
            return Ok((
                Running { child, target: Target { addr, admin: String::new(), pid } },
                format!("/{prefix}"),
            ));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err("mentipy did not listen within 10 s".into())
}
