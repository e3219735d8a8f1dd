//! `/ws/wall/{id}?token=…&since=N`: a wall (or the facilitator's or secretary's view) follows a
//! session's every event. Browsers cannot set headers on websockets, so the token comes in the
//! query; request logs show paths only.

use axum::extract::State;
use axum::extract::ws::WebSocketUpgrade;
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
        let sid = session.id.clone();
        let Ok(Some((session, seq))) =
            state.store.read(move |t| crate::store::session_with_seq(t, &sid)).await
        else {
            return;
        };
        // A wall that saw more than exists holds another database's state: replay everything.
        let since = if since > seq { 0 } else { since };
        let phones = *sub.phones.borrow();
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
        if send(&mut socket, &state, &hello).await.is_err() {
            return;
        }
        let mut feed = Feed::new(session.id.clone(), sub.events, since, seq, scope);
        if room {
            feed = feed.with_room(RoomFilter::new(&session, seq));
        }
        conn::run(socket, state, feed, Peer::Wall { phones: sub.phones, announced: phones }).await;
    }))
}
