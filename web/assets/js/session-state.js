// A session followed live over /ws/wall/{id}: the session object, every contribution keyed by
// id, and the hello / replayed / since bookkeeping of docs/protocol.md. Shared by the wall
// (feed.js) and the facilitator's and secretary's console (console-store.js), which follow
// the same socket and once each carried a copy of all this; each now keeps only what its page
// adds on top (which callbacks it wants, how it lists cards, the server's clock).
//
// hello.session is the session as of hello.seq. Events up to that seq are replayed for what
// they do to contributions (which hello does not carry); what they did to the session itself
// (themes, votes, timers, question states, pre-moderation) is already in hello, so it is
// applied only for events after it. The replay ends with `replayed`, not at hello.seq: a
// wall with the wall token is not sent contributions still waiting for moderation. A
// reconnect resumes from the last seq seen (see ws.js), and cards are keyed by id, so nothing
// is drawn twice even if the server replays from 0.

import { wsBase } from './api.js';
import { applyToSession } from './session-apply.js';
import { LiveSocket } from './ws.js';

/** Shown on walls and counted: not hidden, not waiting for approval, not folded into another card. */
export const visible = (c) => !c.hidden && !c.pending && !c.merged_into;

const NONE = Object.freeze({ card: null, added: false });

/**
 * What an event does to the cards (a Map by id). Applied to every event, replayed or live,
 * since the cards themselves come from the replay.
 * @returns {{card: object|null, added: boolean}} the card the event created or changed
 */
function applyToCards(cards, ev) {
  if (ev.kind === 'contribution_added' && ev.contribution) {
    // Keyed by id: a card replayed again after a reset or an overlap stays the one we have.
    if (cards.has(ev.contribution.id)) return NONE;
    const c = { ...ev.contribution };
    cards.set(c.id, c);
    return { card: c, added: true };
  }
  if (ev.kind === 'themes_merged') {
    for (const c of cards.values()) if (c.theme_id === ev.theme_id) c.theme_id = ev.into;
    return NONE;
  }
  if (ev.kind === 'renamed') {
    // Cards carry the table's or perspective's new name from now on, as the server's do.
    const field = ev.what === 'table' ? 'table' : 'perspective';
    for (const c of cards.values()) if (c[field] === ev.from) c[field] = ev.to;
    return NONE;
  }
  const c = cards.get(ev.contribution_id ?? ev.contribution?.id);
  if (ev.kind === 'contribution_approved' && !c && ev.contribution) {
    // A wall with the wall token sees it for the first time. Ordered by when it was let
    // through, not when it was written, so it shows as new.
    const fresh = { ...ev.contribution, pending: false, order: ev.seq };
    cards.set(fresh.id, fresh);
    return { card: fresh, added: true };
  }
  if (!c) return NONE;
  switch (ev.kind) {
    case 'contribution_approved':
      // `flagged` only explains why a card waits; `order` is when the wall first could show it.
      Object.assign(c, { pending: false, flagged: null, order: ev.seq });
      break;
    case 'contribution_hidden':
    case 'contribution_restored':
      c.hidden = ev.kind === 'contribution_hidden';
      break;
    case 'contribution_pinned':
    case 'contribution_unpinned':
      c.pinned = ev.kind === 'contribution_pinned';
      break;
    case 'contribution_themed':
      c.theme_id = ev.theme_id ?? null;
      break;
    case 'contribution_merged':
      c.merged_into = ev.into;
      break;
    default:
      return NONE;
  }
  return { card: c, added: false };
}

/**
 * Follows session `id` with `token` and keeps its state. The page's own part comes in `page`.
 * @param {{id: string, token: string}} who
 * @param {object} on    the callbacks both pages share: caughtUp(first), presence(phones),
 *                       state(s), reset(), session(session, 'update')
 * @param {object} page  hello(session, msg); event(msg, {card, added, changed}, live), called
 *                       once per new event after it has been applied (`card`: the card it
 *                       created, `added`, or changed; `changed`: whether the session changed)
 */
export function followState({ id, token }, on, page) {
  const contributions = new Map();
  // Visible cards counted as they change, so counting never walks thousands of them.
  const counted = new Set();
  const byQuestion = new Map();
  let total = 0;
  let session = null;
  let lastSeq = 0;
  let helloSeq = 0;
  let catchingUp = true;
  let everCaughtUp = false;

  function recount(c) {
    const now = visible(c);
    if (now === counted.has(c.id)) return;
    const delta = now ? 1 : -1;
    if (now) counted.add(c.id);
    else counted.delete(c.id);
    total += delta;
    byQuestion.set(c.question_id, (byQuestion.get(c.question_id) || 0) + delta);
  }

  function message(msg) {
    if (msg.type === 'hello') {
      if (msg.seq < lastSeq) {
        // The server knows less than we saw (another database): it replays from 0.
        lastSeq = 0;
        contributions.clear();
        counted.clear();
        byQuestion.clear();
        total = 0;
        on.reset?.();
      }
      session = msg.session;
      // Events push into these.
      session.themes ||= [];
      session.votes ||= [];
      helloSeq = msg.seq;
      catchingUp = true;
      page.hello(session, msg);
    } else if (msg.type === 'event') {
      if (msg.seq <= lastSeq) return;
      lastSeq = msg.seq;
      const { card, added } = applyToCards(contributions, msg);
      if (card) recount(card);
      // Events up to hello's seq are already in hello's session.
      const changed = msg.seq > helloSeq && session ? applyToSession(session, msg) : false;
      // Only the very first catch-up is history; what was missed during a drop is news.
      page.event(msg, { card, added, changed }, everCaughtUp);
    } else if (msg.type === 'replayed') {
      // Everything this role receives up to msg.seq has been sent: what follows is live.
      // `since` stays the last event received (the console receives every seq, so for it
      // that is msg.seq anyway; a wall resumes from its last card, as it always has).
      if (!catchingUp) return;
      catchingUp = false;
      const first = !everCaughtUp;
      everCaughtUp = true;
      on.caughtUp?.(first);
    } else if (msg.type === 'presence') {
      on.presence?.(msg.phones);
    }
  }

  const socket = new LiveSocket(
    () => `${wsBase()}/ws/wall/${encodeURIComponent(id)}?token=${encodeURIComponent(token)}&since=${lastSeq}`,
    { message, state: (s) => on.state?.(s) },
  );
  socket.start();

  return {
    socket,
    contributions,
    get session() {
      return session;
    },
    /** True once the first replay is done (before that, contributions are history). */
    get ready() {
      return everCaughtUp;
    },
    /** Visible (not hidden, waiting or merged) contributions. */
    total: () => total,
    countFor: (qid) => byQuestion.get(qid) || 0,
    /** Visible contributions per question id (kept up to date: read, do not change). */
    byQuestion: () => byQuestion,
    /**
     * Forgets every card and follows the session again from the start, as history: for a wall
     * that may now show more of each card than the server sent it so far.
     */
    resync() {
      lastSeq = 0;
      contributions.clear();
      counted.clear();
      byQuestion.clear();
      total = 0;
      everCaughtUp = false;
      on.reset?.();
      socket.drop();
      socket.reconnectNow();
    },
    /** Merges a session view from an HTTP answer (e.g. after a question action). */
    update(view) {
      if (!session) return;
      for (const key of ['title', 'questions', 'active_question_id', 'tables', 'perspectives', 'rounds', 'show_single', 'ended', 'settings']) {
        if (key in view) session[key] = view[key];
      }
      on.session?.(session, 'update');
    },
  };
}
