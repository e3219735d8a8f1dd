//! Websockets for phones (`/ws/join/{code}`) and walls (`/ws/wall/{id}`).
//!
//! Every socket is configured with small buffers and message limits (an idle phone costs
//! kilobytes), checks the Origin of browsers, and runs one task that watches the server's
//! cancellation token. A [`Feed`] delivers a session's events in order without gaps or
//! duplicates: live from the hub, and from the store whenever the socket fell behind.

mod conn;
mod messages;
mod participant;
mod wall;

use axum::Router;
use axum::extract::ws::{Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::http::{HeaderMap, header};
use axum::routing::get;
use futures_util::SinkExt;

use crate::error::{AppError, Problem};
use crate::hub::Live;
use crate::limits::*;
use crate::state::AppState;

pub use crate::live::{Feed, RoomFilter, Scope, Step};
pub use messages::{ClientMsg, ServerMsg};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/ws/join/{code}", get(participant::upgrade))
        .route("/ws/wall/{id}", get(wall::upgrade))
}

/// Small buffers and explicit limits instead of axum's defaults (64 MiB messages, 128 KiB read
/// buffer, unbounded write buffer).
fn configure(ws: WebSocketUpgrade) -> WebSocketUpgrade {
    ws.read_buffer_size(WS_BUFFER_BYTES)
        .write_buffer_size(WS_BUFFER_BYTES)
        .max_write_buffer_size(WS_MAX_WRITE_BUFFER_BYTES)
        .max_message_size(MAX_WS_MESSAGE_BYTES)
        .max_frame_size(MAX_WS_MESSAGE_BYTES)
}

/// Browsers always send Origin on websockets; only pages of this server may connect. The
/// Origin is compared with the server's own addresses, never with the Host header: a page on
/// a DNS-rebinding name sends a Host that matches its own Origin. Programs that send no Origin
/// (tests, load tools) are not browsers and may connect.
fn check_origin(state: &AppState, headers: &HeaderMap) -> Result<(), AppError> {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return Ok(());
    };
    let origin = origin.to_str().unwrap_or("");
    if state.origins.iter().any(|o| o.eq_ignore_ascii_case(origin)) {
        Ok(())
    } else {
        Err(AppError::Forbidden(Problem::of("bad_origin")))
    }
}

/// Sends one message, giving up on a client that does not read within the send timeout.
async fn send(socket: &mut WebSocket, state: &AppState, msg: &ServerMsg<'_>) -> Result<(), ()> {
    send_text(socket, state, msg.to_text().into()).await
}

/// Sends a committed event, serialised once for every socket that sends it ([`Live::frame`]).
/// Without `flush` the frame may wait in the socket's write buffer for the next one.
async fn send_event(socket: &mut WebSocket, state: &AppState, live: &Live, flush: bool) -> Result<(), ()> {
    let text = live.frame(|event| ServerMsg::Event { event }.to_text().into());
    if flush {
        return send_text(socket, state, text).await;
    }
    if text.len() > MAX_SERVER_MESSAGE_BYTES {
        tracing::error!(bytes = text.len(), "a websocket message over the size limit was not sent");
        return Ok(());
    }
    match tokio::time::timeout(state.send_timeout, socket.feed(Message::text(text))).await {
        Ok(Ok(())) => Ok(()),
        _ => Err(()),
    }
}

/// Sends a text frame (shared, not copied), within the send timeout.
async fn send_text(socket: &mut WebSocket, state: &AppState, text: Utf8Bytes) -> Result<(), ()> {
    if text.len() > MAX_SERVER_MESSAGE_BYTES {
        // The limits make this impossible (tests build the largest session); if it happens
        // anyway, skipping one message beats a socket that closes on every reconnect.
        tracing::error!(bytes = text.len(), "a websocket message over the size limit was not sent");
        return Ok(());
    }
    let frame = Message::text(text);
    match tokio::time::timeout(state.send_timeout, socket.send(frame)).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(_)) => Err(()),
        Err(_) => {
            tracing::debug!("dropping a websocket client that stopped reading");
            Err(())
        }
    }
}

/// Says goodbye at shutdown (1001 "going away"), so clients reconnect to the next server.
async fn close_going_away(socket: &mut WebSocket) {
    let frame = axum::extract::ws::CloseFrame { code: 1001, reason: "server shutting down".into() };
    let _ = tokio::time::timeout(std::time::Duration::from_secs(1), socket.send(Message::Close(Some(frame))))
        .await;
}

#[cfg(test)]
mod size_tests;
