//! Every limit inspel enforces, in one place, so that the README, the docs and the tests
//! can point at a single table. Change a number here and the error messages follow.

/// Longest contribution, in Unicode scalar values after trimming and NFC normalisation.
pub const MAX_CONTRIBUTION_CHARS: usize = 2_000;
/// Longest session title.
pub const MAX_TITLE_CHARS: usize = 200;
/// Grace period after a question closes in which a contribution is still taken, marked late
/// (the participant wrote it before the room moved on), unless the session says otherwise.
pub const DEFAULT_LATE_GRACE_SECS: u32 = 2 * 60;
/// Longest grace period a session may set.
pub const MAX_LATE_GRACE_SECS: u32 = 30 * 60;
/// Longest round title ("Dialog 15 minuter") and closing text on the phones.
pub const MAX_ROUND_TITLE_CHARS: usize = 100;
pub const MAX_CLOSING_TEXT_CHARS: usize = 500;
/// Longest series name ("Uppdrag Värmland"), in characters.
pub const MAX_SERIES_NAME_CHARS: usize = 100;
/// Longest series id made from a name (letters can become longer ASCII spellings).
pub const MAX_SERIES_ID_CHARS: usize = 100;
/// Most meetings in one series (Dalarna's lärprojekt has five). A series export renders them
/// all at once, so it is at most this many times a single meeting's export.
pub const MAX_MEETINGS_PER_SERIES: usize = 20;
/// Series exports the server reads and renders at once; more wait their turn. At the limits
/// (20 meetings of 50,000 contributions) the Word file peaks at about 7.5 GB resident while it
/// renders, the Excel one at 4.1 GB, the CSV at 2.4 GB (docs/performance.md).
pub const MAX_SERIES_EXPORTS_AT_ONCE: usize = 1;
/// Themes of each earlier meeting the console shows under "Förra gången sa vi …", largest first.
pub const MAX_SERIES_THEMES_SHOWN: usize = 12;
/// Example texts shown per such theme, and the characters each is cut to.
pub const MAX_SERIES_EXAMPLES: usize = 2;
pub const MAX_SERIES_EXAMPLE_CHARS: usize = 280;
/// Longest place of a meeting ("Karlstad, Residenset").
pub const MAX_PLACE_CHARS: usize = 200;
/// Longest question text.
pub const MAX_QUESTION_CHARS: usize = 500;
/// Most questions in one session.
pub const MAX_QUESTIONS: usize = 20;
/// Longest table or perspective name.
pub const MAX_NAME_CHARS: usize = 60;
/// Most tables in one session.
pub const MAX_TABLES: usize = 100;
/// Most tables (groups) one question may be limited to; more is close to "every table",
/// which is an empty list.
pub const MAX_QUESTION_TABLES: usize = 20;
/// Most perspectives in one session.
pub const MAX_PERSPECTIVES: usize = 20;
/// Most contributions one session accepts; the national conference case is 5,000.
pub const MAX_CONTRIBUTIONS_PER_SESSION: u64 = 50_000;
/// Largest HTTP request body.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// Largest body of a request that creates a session: the largest session the limits allow
/// (20 questions of 500 characters, 100 tables and 20 perspectives of 60, a 200-character
/// title), even in 4-byte characters written as JSON `\u` escapes (12 bytes each), fits.
pub const MAX_SESSION_BODY_BYTES: usize = 256 * 1024;
/// Largest websocket message a client may send (a contribution plus its envelope).
pub const MAX_WS_MESSAGE_BYTES: usize = 16 * 1024;
/// Websocket read and write buffers per socket: an idle phone should cost kilobytes.
pub const WS_BUFFER_BYTES: usize = 4 * 1024;
/// The largest message the server may send on a websocket. Every message a session can
/// legally produce fits: the largest is a `hello` of a session at every limit below, with
/// [`MAX_OPEN_VOTES`] open votes and its latest closed vote, each over [`MAX_VOTE_ITEMS`] cards
/// whose labels use 4-byte characters throughout (about 1.6 MiB; `model::size_tests` and
/// `tests/limits_together.rs` build it and check). With everyday Swedish text the same hello is
/// about a quarter of that. A message that would not fit is a bug; it is logged, not sent.
pub const MAX_SERVER_MESSAGE_BYTES: usize = 2 * 1024 * 1024;
/// Most bytes queued for one socket before sending waits (and then times out): one largest
/// message and a buffer's worth besides. tungstenite refuses any single frame larger than this.
pub const WS_MAX_WRITE_BUFFER_BYTES: usize = MAX_SERVER_MESSAGE_BYTES + WS_BUFFER_BYTES;
/// Events buffered per session for live subscribers; a slower one resyncs from the store.
pub const EVENT_CHANNEL_CAPACITY: usize = 1_024;
/// Bytes of the database file redb keeps in memory (pages read and written). Reads of one
/// session's 50,000 contributions (exports, clouds) touch about 60 MB; redb's default, 1 GiB,
/// lets a long-running server grow far beyond what a small venue machine should give it.
pub const REDB_CACHE_BYTES: usize = 64 * 1024 * 1024;
/// Word clouds kept (per session, question and size) until their session changes; each is an
/// SVG of tens of kilobytes.
pub const CLOUDS_KEPT: usize = 64;
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
/// Keys (phones, addresses) each rate limiter tracks at once; idle ones are forgotten, and
/// while all are busy new ones wait rather than go unlimited. 100,000 is ten times the largest
/// meeting (10,000) and costs a few megabytes per limiter.
pub const RATE_MAX_TRACKED: usize = 100_000;

// Floods. A venue shows every phone in the hall as one address (its NAT), so limits per address
// are sized for the largest hall in the scenarios (national conference: 300–1,000 people in one
// hall) and the per-phone limits above do the fine work. They stop one machine that invents
// participant ids from acting like more than a full hall. An IPv6 client counts by its /64.

/// Per address and session: participant ids seen for the first time, at once (contributions
/// and votes alike). A hall of 1,000 phones joining within a minute needs 1,000.
pub const NEW_PHONES_BURST: u32 = 1_000;
/// Per address and session: new participant ids per minute once that burst is spent:
/// latecomers and phones that lost their storage. A machine inventing ids gets no more.
pub const NEW_PHONES_PER_MINUTE: u32 = 100;
/// Per address and session: contributions at once. When a question opens, a hall of 1,000
/// writes one or two each within the first minutes (the conference makes 1,000–5,000 over
/// 2–6 questions), so 2,000 is never felt.
pub const ADDRESS_RATE_BURST: u32 = 2_000;
/// Per address and session: contributions per minute once that burst is spent. 300 a minute is
/// over three times the conference's average while questions are open (5,000 in about an hour),
/// and one machine needs at least 2 h 40 min to fill a session's 50,000.
pub const ADDRESS_RATE_PER_MINUTE: u32 = 300;
/// Per phone: ballots at once. Three dots placed, moved and taken back one tap at a time, with
/// room for a phone that resends after a dropped line.
pub const VOTE_BURST: u32 = 20;
/// Per phone: ballots per minute once that burst is spent (one a second: a person tapping).
pub const VOTE_PER_MINUTE: u32 = 60;
/// Per address and session: ballots at once. A hall of 1,000 placing three dots one tap at a
/// time when a vote opens.
pub const ADDRESS_VOTE_BURST: u32 = 3_000;
/// Per address and session: ballots per minute once that burst is spent: every phone in the
/// hall moving a dot within two minutes.
pub const ADDRESS_VOTE_PER_MINUTE: u32 = 600;
/// Per address: join lookups at once (`GET /api/join/{code}` and the `/ws/join/{code}`
/// upgrade). A hall of 1,000 loads the page and opens its socket within a minute (2,000), and
/// a Wi-Fi blink makes every phone reconnect (1,000 more).
pub const LOOKUP_BURST: u32 = 3_000;
/// Per address: join lookups per minute once that burst is spent: the hall reconnecting every
/// 20 s (phones lock their screens and come back). They are cheap reads.
pub const LOOKUP_PER_MINUTE: u32 = 3_000;
/// Per address: lookups of join codes that address has not opened before, at once. A code
/// costs one the first time only, so a hall costs one per session; 20 covers people mistyping.
pub const CODE_GUESS_BURST: u32 = 20;
/// Per address: new codes per minute once that burst is spent. Codes are 6 of 23 characters
/// (148 million): guessing any one of 100 live sessions takes one address about 100 days.
pub const CODE_GUESS_PER_MINUTE: u32 = 10;
/// (session, address, participant id) triples remembered to tell a new phone from a known one;
/// past this the least recently seen is forgotten (and counts as new once more). About 50 bytes
/// each: 10 MB when full.
pub const SEEN_PHONES_MAX: usize = 200_000;
/// (address, join code) pairs remembered as opened; past this the least recently used is
/// forgotten (and costs a guess once more).
pub const OPENED_CODES_MAX: usize = 100_000;
/// Most items (cards or themes) in one dot vote; phones list them all.
pub const MAX_VOTE_ITEMS: usize = 300;
/// Votes open at once in a session: one per question of a three-question round. Each open
/// vote travels in full in every `hello`.
pub const MAX_OPEN_VOTES: usize = 3;
/// Votes one session may hold, open and closed (each is kept for the exports, inside the
/// session's record, which every write to the session rewrites: keep it modest).
pub const MAX_VOTES: usize = 10;
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
/// Longest secretary's note on a question or theme: a short summary, not the minutes.
pub const MAX_NOTE_CHARS: usize = 1_000;
/// Most secretary's notes in one session: one per question and one each for the themes that
/// need one. The notes live in the session's record, which every request reads, so they are
/// kept to a few hundred kilobytes even in 4-byte characters.
pub const MAX_NOTES: usize = 60;
/// Longest summary a table's discussion leader writes on a question from the leader page: a
/// few lines typed on a phone, shorter than the secretary's note.
pub const MAX_TABLE_NOTE_CHARS: usize = 600;
/// Most summaries one table's discussion leader may keep in a session (one per question at
/// most): more than a dozen is minutes, not a summary, and it keeps one table from taking the
/// whole session's share ([`MAX_TABLE_NOTES`]).
pub const MAX_NOTES_PER_TABLE: usize = 12;
/// Most discussion leaders' summaries in one session, all tables together. They live in the
/// session's record beside the secretary's notes ([`MAX_NOTES`]): 120 × 600 characters keeps
/// them under 300 KB even in 4-byte characters.
pub const MAX_TABLE_NOTES: usize = 120;
/// Longest time box for a question's countdown (4 hours).
pub const MAX_TIMER_SECS: u32 = 4 * 60 * 60;
/// Longest participant id a phone may present.
pub const MAX_PARTICIPANT_ID_CHARS: usize = 64;

// ---- Connections (src/listen/) ----

/// Seconds a client has to send a request's complete headers, counted from the connection's
/// start or the end of its previous answer: a half-open or idle HTTP connection (slowloris) is
/// closed after this. Upgraded websockets are not affected. `--header-timeout-secs` overrides it.
pub const HEADER_READ_TIMEOUT_SECS: u64 = 10;
/// Default cap on open connections (HTTP and websocket together): the national conference case
/// designs for 10,000 phones. `--max-connections` overrides it; the open-file limit may lower it.
pub const MAX_CONNECTIONS: usize = 10_000;
/// Open files kept out of the connection cap for everything else: the database, the listener,
/// the runtime's own descriptors, standard streams and logging.
pub const FD_RESERVE: u64 = 64;
/// Refusals (503 `too_many_connections`) being written at once; each holds a socket briefly,
/// so they too come out of the open-file limit before the cap is sized.
pub const MAX_REFUSALS_IN_FLIGHT: usize = 32;
/// When that many refusals are in flight, how long accepting waits for one to finish before it
/// closes the next connection over the cap unanswered, in milliseconds.
pub const REFUSAL_QUEUE_WAIT_MS: u64 = 100;
/// Longest a refusal may take to write its answer and see the client close, in milliseconds.
pub const REFUSAL_TIMEOUT_MS: u64 = 1_000;
/// How long a refusal waits for the client's request to begin before answering anyway, in
/// milliseconds (HTTP clients expect the answer after their request).
pub const REFUSAL_REQUEST_WAIT_MS: u64 = 250;
/// `Retry-After` seconds sent with a refusal.
pub const CONNECTION_RETRY_AFTER_SECS: u64 = 5;
/// Pause after an accept error such as "Too many open files", so the loop never spins.
pub const ACCEPT_ERROR_BACKOFF_MS: u64 = 100;
/// A repeated connection warning (accept errors, cap reached) is logged at most once in this
/// many seconds, with a count of the ones held back.
pub const CONNECTION_WARNING_EVERY_SECS: u64 = 1;
/// Seconds a connection may take to finish its request at shutdown (the request timeout).
pub const SHUTDOWN_GRACE_SECS: u64 = 30;

/// Shortest admin token `--admin-token` accepts: an empty one locked the admin out, a short one
/// is guessable. A generated one is longer.
pub const MIN_ADMIN_TOKEN_CHARS: usize = 16;

/// What a client is told to wait before retrying while storage recovers (a full disk).
pub const STORAGE_RETRY_SECS: u64 = 5;

/// Rows rewritten per transaction when a file of an older schema is migrated at start: each
/// batch is one commit, so a large file migrates without one huge transaction in memory, and
/// the progress is logged after each.
pub const MIGRATION_BATCH_ROWS: usize = 10_000;
