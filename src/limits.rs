//! Every limit inspel enforces, in one place, so that the README, the docs and the tests
//! can point at a single table. Change a number here and the error messages follow.

/// Longest contribution, in Unicode scalar values after trimming and NFC normalisation.
pub const MAX_CONTRIBUTION_CHARS: usize = 2_000;
/// Longest session title.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest question text.
pub const MAX_QUESTION_CHARS: usize = 500;
/// Most questions in one session.
pub const MAX_QUESTIONS: usize = 20;
/// Longest table or perspective name.
pub const MAX_NAME_CHARS: usize = 60;
/// Most tables in one session.
pub const MAX_TABLES: usize = 100;
/// Most perspectives in one session.
pub const MAX_PERSPECTIVES: usize = 20;
/// Most contributions one session accepts; the national conference case is 5,000.
pub const MAX_CONTRIBUTIONS_PER_SESSION: u64 = 50_000;
/// Largest HTTP request body.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// Largest websocket message a client may send (a contribution plus its envelope).
pub const MAX_WS_MESSAGE_BYTES: usize = 16 * 1024;
/// Websocket read and write buffers per socket: an idle phone should cost kilobytes.
pub const WS_BUFFER_BYTES: usize = 4 * 1024;
/// Most bytes queued for one socket before sending waits (and then times out).
pub const WS_MAX_WRITE_BUFFER_BYTES: usize = 64 * 1024;
/// Events buffered per session for live subscribers; a slower one resyncs from the store.
pub const EVENT_CHANNEL_CAPACITY: usize = 1_024;
/// Events read from the store per catch-up round.
pub const REPLAY_BATCH: usize = 500;
/// Write jobs waiting for the single writer before submitters wait in turn.
pub const WRITE_QUEUE: usize = 8_192;
/// Most write jobs committed in one transaction (group commit).
pub const MAX_BATCH: usize = 1_024;
/// Per phone: burst of contributions allowed at once.
pub const RATE_BURST: u32 = 10;
/// Per phone: sustained contributions per minute once the burst is spent.
pub const RATE_PER_MINUTE: u32 = 30;
/// Without a participant id (plain HTTP clients), one shared bucket per session.
pub const ANON_RATE_BURST: u32 = 200;
/// Sustained rate of that shared bucket, per minute.
pub const ANON_RATE_PER_MINUTE: u32 = 3_000;
/// Phones remembered by the rate limiter before idle entries are forgotten.
pub const RATE_MAX_TRACKED: usize = 100_000;
/// Most items (cards or themes) in one dot vote; phones list them all.
pub const MAX_VOTE_ITEMS: usize = 300;
/// A card's text is cut to this many characters in a vote's item list.
pub const MAX_VOTE_LABEL_CHARS: usize = 280;
/// Most dots one phone may get in a vote.
pub const MAX_DOTS: u32 = 20;
/// Longest word in a session's own abuse-filter list, and most words in it.
pub const MAX_BLOCKED_WORD_CHARS: usize = 40;
pub const MAX_BLOCKED_WORDS: usize = 500;
/// Longest theme name.
pub const MAX_THEME_NAME_CHARS: usize = 100;
/// Most themes in one session.
pub const MAX_THEMES: usize = 200;
/// Longest time box for a question's countdown (4 hours).
pub const MAX_TIMER_SECS: u32 = 4 * 60 * 60;
/// Longest participant id a phone may present.
pub const MAX_PARTICIPANT_ID_CHARS: usize = 64;
/// Shortest admin token `--admin-token` accepts: an empty one locked the admin out, a short one
/// is guessable. A generated one is longer.
pub const MIN_ADMIN_TOKEN_CHARS: usize = 16;
