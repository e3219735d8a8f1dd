//! `/ws/wall/{id}?token=…&since=N`: a wall (or the facilitator's or secretary's view) follows a
//! session's every event. Browsers cannot set headers on websockets, so the token comes in the
//! query; request logs show paths only.

use axum::extract::State;
use axum::extract::ws::{WebSocket, WebSocketUpgrade};
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;

use super::conn::{self, Peer};
use super::{Feed, RoomFilter, Scope, ServerMsg, check_origin, configure, send};
use crate::app::{Role, session_for};
use crate::error::{AppError, AppPath, AppQuery};
use crate::model::EventKind;
use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub struct WallQuery {
    token: Option<String>,
    /// The last seq this wall saw; events after it are replayed. Default 0: everything.
    since: Option<u64>,
}

pub async fn upgrade(
    ws: WebSocketUpgrade,
    State(state): State<AppState>,
    AppPath(id): AppPath<String>,
    AppQuery(q): AppQuery<WallQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    check_origin(&state, &headers)?;
    let roles = [Role::Facilitator, Role::Secretary, Role::Wall];
    let (session, role) = session_for(&state, &id, q.token.as_deref(), &roles).await?;
    // The wall link may be shown publicly: it never carries what still waits for moderation.
    let scope = if role == Role::Wall { Scope::Room(EventKind::for_walls) } else { Scope::All };
    let since = q.since.unwrap_or(0);
    Ok(configure(ws).on_upgrade(move |mut socket| async move {
        let sub = state.hub.subscribe(&session.id);
        let sid = session.id;
        let phones = *sub.phones.borrow();
        // Boxed, and the session read for it dropped with it: a wall's task lives for the
        // whole meeting and needs neither.
        let greeting = Box::pin(greet(&mut socket, &state, &sid, role, since, phones));
        let Some((since, seq, room)) = greeting.await else {
            return;
        };
        let mut feed = Feed::new(sid, sub.events, since, seq, scope);
        if let Some(room) = room {
            feed = feed.with_room(room);
        }
        conn::run(&mut socket, state, feed, Peer::Wall { phones: sub.phones, announced: phones }).await;
    }))
}

/// Sends the hello: the session as of now, as this role may see it. Returns where the feed
/// starts, the hello's seq and, for the room, what it may see of later events.
async fn greet(
    socket: &mut WebSocket,
    state: &AppState,
    session_id: &str,
    role: Role,
    since: u64,
    phones: usize,
) -> Option<(u64, u64, Option<RoomFilter>)> {
    let sid = session_id.to_string();
    let Ok(Some((session, seq))) = state.store.read(move |t| crate::store::session_with_seq(t, &sid)).await
    else {
        return None;
    };
    // A wall that saw more than exists holds another database's state: replay everything.
    let since = if since > seq { 0 } else { since };
    let room = role == Role::Wall;
    let view = if room { session.room_view() } else { session.public_view() };
    let hello = ServerMsg::Hello {
        role: "wall",
        seq,
        now: jiff::Timestamp::now(),
        session: &view,
        participant: None,
        phones: Some(phones),
        my_dots: None,
    };
    send(socket, state, &hello).await.ok()?;
    Some((since, seq, room.then(|| RoomFilter::new(&session, seq))))
}
