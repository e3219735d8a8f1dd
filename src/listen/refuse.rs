//! The answer to a connection over the cap: a short 503 with inspel's JSON error body and
//! `Retry-After`, written straight on the socket (no HTTP machinery, no request read), then a
//! clean close.

use std::sync::LazyLock;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::OwnedSemaphorePermit;

use crate::error::{ErrorBody, Problem};
use crate::limits::{CONNECTION_RETRY_AFTER_SECS, REFUSAL_REQUEST_WAIT_MS, REFUSAL_TIMEOUT_MS};

/// The whole response, built once.
static ANSWER: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let secs = CONNECTION_RETRY_AFTER_SECS;
    let problem = Problem::of("too_many_connections").with("secs", secs);
    let body = ErrorBody { error: problem.en(), error_sv: problem.sv(), code: problem.code.to_string() };
    let body = serde_json::to_string(&body).unwrap_or_default();
    format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
         retry-after: {secs}\r\ncache-control: no-store\r\nx-content-type-options: nosniff\r\n\
         connection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
});

/// Writes the refusal and closes, within [`REFUSAL_TIMEOUT_MS`] whatever the client does.
/// `_permit` counts this socket among the refusals in flight.
pub async fn refuse(mut stream: TcpStream, _permit: OwnedSemaphorePermit) {
    let _ = tokio::time::timeout(Duration::from_millis(REFUSAL_TIMEOUT_MS), async {
        // An HTTP client that gets an answer before it has sent its request may take it for a
        // protocol error (hyper's client does); so answer once the request has begun to arrive,
        // or after a short wait for one that does not come.
        // (`readable()` may wake before any byte is there; `peek` waits for one or for EOF.)
        let wait = Duration::from_millis(REFUSAL_REQUEST_WAIT_MS);
        let _ = tokio::time::timeout(wait, stream.peek(&mut [0u8; 1])).await;
        stream.write_all(&ANSWER).await?;
        stream.shutdown().await?;
        // Closing with the client's request unread would send a reset, and a reset can destroy
        // the answer before the client reads it; so read and discard until the client closes.
        let mut sink = [0u8; 512];
        while stream.read(&mut sink).await? > 0 {}
        Ok::<_, std::io::Error>(())
    })
    .await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answer_is_a_complete_503_with_the_error_body() {
        let text = String::from_utf8(ANSWER.clone()).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("HTTP/1.1 503 "), "{head}");
        assert!(head.contains(&format!("content-length: {}\r\n", body.len())), "{head}");
        assert!(head.contains(&format!("retry-after: {CONNECTION_RETRY_AFTER_SECS}")), "{head}");
        let json: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(json["code"], "too_many_connections");
        assert!(json["error"].as_str().unwrap().contains("too many open connections"));
        assert!(json["error_sv"].as_str().unwrap().contains("för många"));
    }
}
