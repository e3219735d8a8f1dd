//! The loop every socket runs: deliver the feed, answer the client, keep the line alive, and
//! stop at shutdown.

use std::time::{Duration, Instant};

use axum::extract::ws::{CloseFrame, Message, WebSocket};
use tokio::sync::watch;

use super::{ClientMsg, Feed, ServerMsg, Step, close_going_away, send, send_event};
use crate::error::{AppError, Problem};
use crate::participate;
use crate::ratelimit::Client;
use crate::state::AppState;

/// How often the loop wakes up for presence updates and liveness checks.
const TICK: Duration = Duration::from_secs(2);
/// A websocket ping every this many ticks, so venue NATs and proxies keep the line open.
const PING_EVERY_TICKS: u32 = 10;
/// A client silent for this long (not even a pong) is gone.
const IDLE_LIMIT: Duration = Duration::from_secs(75);
/// How long a close frame may take to go out.
const CLOSE_WAIT: Duration = Duration::from_secs(1);

/// Who is on the other end.
pub enum Peer {
    /// A wall: receives presence counts; sends nothing but pings.
    /// `announced` is the count its hello carried, so a change during the hello is not lost.
    Wall { phones: watch::Receiver<usize>, announced: usize },
    /// A phone: may submit contributions. `client` is its address when the socket opened,
    /// for the per-address limits.
    /// Only the session's id: a phone's socket needs no copy of the whole session.
    Participant { session_id: String, participant: String, client: Client },
}

/// `socket` is borrowed, not moved in: the caller's task already holds it, and an async fn keeps
/// its arguments for its whole life, so taking it by value would store it twice in every
/// socket's task.
pub async fn run(socket: &mut WebSocket, state: AppState, mut feed: Feed, mut peer: Peer) {
    let mut tick = tokio::time::interval(TICK);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut ticks: u32 = 0;
    let mut last_heard = Instant::now();
    loop {
        tokio::select! {
            _ = state.shutdown.cancelled() => {
                close_going_away(socket).await;
                break;
            }
            incoming = socket.recv() => {
                last_heard = Instant::now();
                let text = match incoming {
                    Some(Ok(Message::Text(t))) => t,
                    Some(Ok(Message::Close(_))) | None => break,
                    Some(Err(e)) => {
                        close_for_error(socket, e).await;
                        break;
                    }
                    Some(Ok(_)) => continue,
                };
                // Boxed: a submit's future is large and rare; inline, every idle socket's task
                // would carry room for it (measured: 4.6 KB per idle phone's task before).
                if Box::pin(handle_text(socket, &state, &peer, text.as_str())).await.is_err() {
                    break;
                }
            }
            step = feed.next(&state.store) => {
                let events = match step {
                    Some(Step::Events(events)) => events,
                    Some(Step::Replayed(seq)) => {
                        if send(socket, &state, &ServerMsg::Replayed { seq }).await.is_err() {
                            break;
                        }
                        continue;
                    }
                    None => break,
                };
                let mut failed = false;
                // A wall that fell behind gets its waiting events written out together (one
                // write for several frames, not one each). A phone's frames go out one by one,
                // so its write buffer never grows past one frame for the rest of the meeting.
                let batch = matches!(peer, Peer::Wall { .. });
                let last = events.len().saturating_sub(1);
                for (i, event) in events.iter().enumerate() {
                    // A catch-up can be long; do not make shutdown wait for it.
                    if state.shutdown.is_cancelled() {
                        close_going_away(socket).await;
                        failed = true;
                        break;
                    }
                    if send_event(socket, &state, event, !batch || i == last).await.is_err() {
                        failed = true;
                        break;
                    }
                }
                if failed {
                    break;
                }
            }
            _ = tick.tick() => {
                ticks = ticks.wrapping_add(1);
                if last_heard.elapsed() > IDLE_LIMIT {
                    break;
                }
                if let Peer::Wall { phones, announced } = &mut peer {
                    let now = *phones.borrow_and_update();
                    if *announced != now {
                        *announced = now;
                        if send(socket, &state, &ServerMsg::Presence { phones: now }).await.is_err() {
                            break;
                        }
                    }
                }
                if ticks.is_multiple_of(PING_EVERY_TICKS) {
                    let ping = socket.send(Message::Ping(Default::default()));
                    if !matches!(tokio::time::timeout(state.send_timeout, ping).await, Ok(Ok(()))) {
                        break;
                    }
                }
            }
        }
    }
}

async fn handle_text(socket: &mut WebSocket, state: &AppState, peer: &Peer, text: &str) -> Result<(), ()> {
    let msg = match serde_json::from_str::<ClientMsg>(text) {
        Ok(m) => m,
        Err(e) => {
            let err = AppError::Malformed(Problem::of("malformed_message").with("detail", e));
            return send(socket, state, &error_msg(None, &err)).await;
        }
    };
    match (msg, peer) {
        (ClientMsg::Ping, _) => send(socket, state, &ServerMsg::Pong).await,
        (ClientMsg::Submit(input), Peer::Participant { session_id, participant, client }) => {
            let id = input.id.clone();
            match participate::submit(state, session_id, *client, input, Some(participant.clone())).await {
                Ok(done) => {
                    let ack = ServerMsg::Ack {
                        id: &done.contribution.id,
                        duplicate: done.duplicate,
                        contribution: &done.contribution,
                    };
                    send(socket, state, &ack).await
                }
                Err(e) => send(socket, state, &error_msg(Some(&id), &e)).await,
            }
        }
        (
            ClientMsg::Vote { vote_id, item_id, dots },
            Peer::Participant { session_id, participant, client },
        ) => {
            let input = participate::VoteInput { item_id, dots, participant_id: None };
            let who = Some(participant.clone());
            match participate::vote(state, session_id, *client, vote_id, input, who).await {
                Ok(mine) => send(socket, state, &ServerMsg::Voted { dots: &mine }).await,
                Err(e) => send(socket, state, &error_msg(None, &e)).await,
            }
        }
        (ClientMsg::Vote { .. }, Peer::Wall { .. }) => {
            let err = AppError::Forbidden(Problem::of("not_participant"));
            send(socket, state, &error_msg(None, &err)).await
        }
        (ClientMsg::Submit(input), Peer::Wall { .. }) => {
            let err = AppError::Forbidden(Problem::of("not_participant"));
            send(socket, state, &error_msg(Some(&input.id), &err)).await
        }
    }
}

/// Tells the client why its socket closes when what it sent broke a limit: 1009 for a message
/// over the size limit, 1007 for a text message that is not UTF-8, 1002 for a protocol error.
async fn close_for_error(socket: &mut WebSocket, e: axum::Error) {
    use tungstenite::error::{CapacityError, Error};
    let code = match e.into_inner().downcast_ref::<Error>() {
        Some(Error::Capacity(CapacityError::MessageTooLong { .. })) => 1009,
        Some(Error::Utf8(_)) => 1007,
        Some(Error::Protocol(_)) => 1002,
        _ => return,
    };
    let frame = CloseFrame { code, reason: "".into() };
    let _ = tokio::time::timeout(CLOSE_WAIT, socket.send(Message::Close(Some(frame)))).await;
}

fn error_msg<'a>(id: Option<&'a str>, e: &AppError) -> ServerMsg<'a> {
    e.log();
    ServerMsg::Error {
        id,
        status: e.status().as_u16(),
        retry_after_secs: e.retry_after_secs(),
        body: e.body(),
    }
}
