//! `/ws/join/{code}?participant=…&since=N`: a phone. It learns the session and the active
//! question, follows question changes live, and submits contributions, each acknowledged
//! once durably stored. It never receives other phones' contributions.

use axum::extract::State;
use axum::extract::ws::{WebSocket, WebSocketUpgrade};
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;

use super::conn::{self, Peer};
use super::{Feed, RoomFilter, Scope, ServerMsg, check_origin, configure, send};
use crate::app::session_by_code;
use crate::error::{AppError, AppPath, AppQuery};
use crate::model::EventKind;
use crate::ratelimit::Client;
use crate::state::AppState;
use crate::{token, validate};

#[derive(Debug, Deserialize)]
pub struct JoinQuery {
    /// The phone's random id, kept in its localStorage. A new one is made when absent.
    participant: Option<String>,
    /// The last seq this phone saw; missed question changes are replayed.
    since: Option<u64>,
}

pub async fn upgrade(
    ws: WebSocketUpgrade,
    State(state): State<AppState>,
    client: Client,
    AppPath(code): AppPath<String>,
    AppQuery(q): AppQuery<JoinQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    check_origin(&state, &headers)?;
    state.limiter.lookup(client)?;
    let session = session_by_code(&state, client, &code).await?;
    let participant = match q.participant {
        Some(p) => validate::participant_id(&p)?,
        None => token::new_token(),
    };
    let session_id = session.id;
    Ok(configure(ws).on_upgrade(move |mut socket| async move {
        let _presence = state.hub.phone_connected(&session_id);
        let rx = state.hub.subscribe_phone(&session_id);
        // Boxed: the hello's futures (a store read, a send) live only while it goes out, and
        // unboxed they would size the task every idle phone keeps for the whole meeting.
        let greeting = Box::pin(greet(&mut socket, &state, &session_id, &participant, q.since));
        let Some((since, seq, room)) = greeting.await else {
            return;
        };
        let feed = Feed::new(session_id.clone(), rx, since, seq, Scope::Room(EventKind::for_participants))
            .with_room(room);
        conn::run(&mut socket, state, feed, Peer::Participant { session_id, participant, client }).await;
    }))
}

/// Sends the hello: the session as of now and this phone's dots. Returns where the feed starts
/// (`since`), the hello's seq and what the room may see of later events. The session is read and dropped here: a phone's socket lives
/// for the whole meeting and needs only the session's id, not a copy of it per phone.
async fn greet(
    socket: &mut WebSocket,
    state: &AppState,
    session_id: &str,
    participant: &str,
    since: Option<u64>,
) -> Option<(u64, u64, RoomFilter)> {
    let (sid, me) = (session_id.to_string(), participant.to_string());
    let read = state
        .store
        .read_now(move |t| {
            let found = crate::store::session_with_seq(t, &sid)?;
            let dots = match &found {
                Some((s, _)) => crate::store::my_dots(t, s, &me)?,
                None => Vec::new(),
            };
            Ok(found.map(|f| (f, dots)))
        })
        .await;
    let Ok(Some(((session, seq), my_dots))) = read else {
        return None;
    };
    let since = match since {
        Some(s) if s <= seq => s,
        _ => seq,
    };
    let view = session.room_view().for_phones();
    let hello = ServerMsg::Hello {
        role: "participant",
        seq,
        session: &view,
        participant: Some(participant),
        phones: None,
        now: jiff::Timestamp::now(),
        my_dots: Some(my_dots),
    };
    send(socket, state, &hello).await.ok()?;
    Some((since, seq, RoomFilter::new(&session, seq)))
}
