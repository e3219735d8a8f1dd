//! Asking the running server when it holds the file: plain HTTP to its own address (no TLS;
//! this is for the machine the server runs on, or its LAN), with a progress bar on large
//! downloads.

use std::io::Read;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::Value;

use super::{ExportArgs, Failure, SessionLine, Source};

/// How long one request may take (a 50,000-contribution Word file takes about a second).
const TIMEOUT: Duration = Duration::from_secs(120);

/// A secretary or facilitator link: `http://host/secretary/{id}#token=…`.
pub struct Link {
    pub server: String,
    pub id: String,
    pub token: String,
}

impl Link {
    pub fn parse(s: &str) -> Option<Link> {
        let rest = s.strip_prefix("http://").or_else(|| s.strip_prefix("https://"))?;
        let (host, path) = rest.split_once('/')?;
        let (path, fragment) = path.split_once('#')?;
        let mut parts = path.split('/');
        let (role, id) = (parts.next()?, parts.next()?);
        if !matches!(role, "secretary" | "facilitator") || id.is_empty() {
            return None;
        }
        let token = fragment.split('&').find_map(|kv| kv.strip_prefix("token="))?;
        let scheme = if s.starts_with("https://") { "https" } else { "http" };
        Some(Link { server: format!("{scheme}://{host}"), id: id.to_string(), token: token.to_string() })
    }
}

/// The server to ask: --server, else this machine on the port the server listens on.
fn server(source: &Source) -> String {
    if let Some(s) = &source.server {
        return s.trim_end_matches('/').to_string();
    }
    let port = std::env::var("INSPEL_ADDR")
        .ok()
        .and_then(|a| a.parse::<std::net::SocketAddr>().ok())
        .map_or(8080, |a| a.port());
    format!("http://127.0.0.1:{port}")
}

fn token(source: &Source) -> Result<String, Failure> {
    source.token.clone().or_else(|| std::env::var("INSPEL_ADMIN_TOKEN").ok()).ok_or_else(|| {
        "the server needs a token: give --token with the admin token, or --session with the secretary link"
            .to_string()
    })
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).timeout_global(Some(TIMEOUT)).build().into()
}

/// GET `url` with a bearer token: the status, the file name of a download, and the body.
fn get(url: &str, token: &str, bar: Option<&ProgressBar>) -> Result<(u16, Option<String>, Vec<u8>), Failure> {
    let resp = agent()
        .get(url)
        .header("authorization", format!("Bearer {token}"))
        .call()
        .map_err(|e| format!("cannot reach the server at {url}: {e}"))?;
    let status = resp.status().as_u16();
    let header = |name: &str| resp.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    let name = header("content-disposition").and_then(|d| file_name(&d));
    let length = header("content-length").and_then(|l| l.parse::<u64>().ok());
    let mut reader = resp.into_body().into_reader();
    let mut body = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    if let (Some(bar), Some(n)) = (bar, length) {
        bar.set_length(n);
    }
    loop {
        let n = reader.read(&mut chunk).map_err(|e| format!("the download broke off: {e}"))?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
        if let Some(bar) = bar {
            bar.inc(n as u64);
        }
    }
    Ok((status, name, body))
}

/// The server's own sentence for a refusal, or the status.
fn refused(what: &str, status: u16, body: &[u8]) -> Failure {
    let said: Option<String> = serde_json::from_slice::<Value>(body).ok().and_then(|v| {
        let sv = v["error_sv"].as_str()?;
        let en = v["error"].as_str()?;
        Some(format!("{sv} / {en}"))
    });
    format!("{what}: HTTP {status}{}", said.map(|s| format!(": {s}")).unwrap_or_default())
}

/// The decoded `filename*` of a `Content-Disposition` header.
fn file_name(disposition: &str) -> Option<String> {
    let encoded = disposition.split("filename*=UTF-8''").nth(1)?.split(';').next()?.trim();
    let raw = encoded.as_bytes();
    let mut bytes = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%' {
            let hex = std::str::from_utf8(raw.get(i + 1..i + 3)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            bytes.push(raw[i]);
            i += 1;
        }
    }
    let name = String::from_utf8(bytes).ok()?;
    // Only a name, never a path.
    (!name.contains(['/', '\\']) && !name.starts_with('.')).then_some(name)
}

/// The admin's list of sessions, when `token` is the admin token.
fn admin_list(base: &str, token: &str) -> Result<Option<Vec<Value>>, Failure> {
    let (status, _, body) = get(&format!("{base}/api/sessions"), token, None)?;
    match status {
        200 => serde_json::from_slice(&body).map(Some).map_err(|e| format!("the server's session list: {e}")),
        401 => Ok(None),
        s => Err(refused("listing sessions", s, &body)),
    }
}

pub fn export(args: &ExportArgs, session: &str, link: Option<Link>) -> Result<(Vec<u8>, String), Failure> {
    let (base, id, token) = match link {
        Some(l) => (l.server, l.id, l.token),
        None => {
            let base = server(&args.source);
            let token = token(&args.source)?;
            match admin_list(&base, &token)? {
                Some(list) => {
                    let code = crate::token::normalize_code(session);
                    let s = list
                        .iter()
                        .find(|s| s["code"] == code.as_str() || s["id"] == session.trim())
                        .ok_or_else(|| format!("the server has no session {session:?}"))?;
                    let id = s["id"].as_str().unwrap_or_default().to_string();
                    let secretary = s["secretary_token"].as_str().unwrap_or_default().to_string();
                    (base, id, secretary)
                }
                // Not the admin token: a session's own token goes with the session's id.
                None => (base, session.trim().to_string(), token),
            }
        }
    };
    let url = format!("{base}/api/sessions/{id}/{}?{}", path(args), args.query());
    download(args, &url, &token)
}

/// A series' export from the running server, with the admin token or a facilitator or
/// secretary token of one of its meetings.
pub fn export_series(args: &ExportArgs, series_id: &str) -> Result<(Vec<u8>, String), Failure> {
    let base = server(&args.source);
    let token = token(&args.source)?;
    let url = format!("{base}/api/series/{series_id}/{}?{}", path(args), args.query());
    download(args, &url, &token)
}

fn download(args: &ExportArgs, url: &str, token: &str) -> Result<(Vec<u8>, String), Failure> {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes}")
            .map_err(|e| e.to_string())?
            .progress_chars("=> "),
    );
    bar.set_message("Hämtar / Downloading");
    let (status, name, body) = get(url, token, Some(&bar))?;
    bar.finish_and_clear();
    if status != 200 {
        return Err(refused("the export", status, &body));
    }
    let name = name.unwrap_or_else(|| format!("inspel.{}", args.format.ext()));
    Ok((body, name))
}

fn path(args: &ExportArgs) -> String {
    match args.format {
        crate::export::Format::Html => "report.html".to_string(),
        f => format!("export.{}", f.ext()),
    }
}

pub fn sessions(source: &Source) -> Result<Vec<SessionLine>, Failure> {
    let base = server(source);
    let token = token(source)?;
    let list = admin_list(&base, &token)?.ok_or("listing sessions needs the admin token")?;
    let clock = crate::export::Clock::default();
    Ok(list
        .iter()
        .map(|s| SessionLine {
            code: s["code"].as_str().unwrap_or_default().to_string(),
            date: s["created_at"]
                .as_str()
                .and_then(|t| t.parse::<jiff::Timestamp>().ok())
                .map(|t| clock.iso_date(t))
                .unwrap_or_default(),
            contributions: None,
            title: s["title"].as_str().unwrap_or_default().to_string(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_names() {
        let l = Link::parse("http://192.0.2.7:8080/secretary/abc-123#token=T0K").expect("a link");
        assert_eq!(
            (l.server.as_str(), l.id.as_str(), l.token.as_str()),
            ("http://192.0.2.7:8080", "abc-123", "T0K")
        );
        assert!(Link::parse("K7MX3R").is_none());
        assert!(Link::parse("http://h/wall/abc#token=T").is_none());
        assert_eq!(
            file_name("attachment; filename=\"a.docx\"; filename*=UTF-8''2026-11-08%20H%C3%A4lsa.docx")
                .as_deref(),
            Some("2026-11-08 Hälsa.docx")
        );
        assert_eq!(file_name("attachment; filename*=UTF-8''..%2Fetc%2Fpasswd"), None);
    }
}
