// A session followed live over /ws/wall/{id}: the session as it changes and every
// contribution once. Used by the wall and by the facilitator's and secretary's console.
//
// The server numbers every event; we remember the last seq seen and resume from it after any
// drop, so a laptop waking from sleep gets exactly what it missed. Contributions are also
// keyed by id, so nothing is ever drawn twice even if the server replays from 0.

import { wsBase } from './api.js';
import { LiveSocket } from './ws.js';

/** Whether a wall shows a contribution: not hidden, not waiting for approval, not merged. */
export const visible = (c) => !c.hidden && !c.pending && !c.merged_into;

/**
 * @param {{id: string, token: string}} who
 * @param {object} on  hello(session, phones, msg), session(session, kind), contribution(c, live),
 *                     changed(c, kind, live), event(msg, live), caughtUp(), presence(phones),
 *                     state(s), reset()
 */
export function followSession({ id, token }, on) {
  const contributions = new Map();
  // Kept as contributions arrive, so counting never walks thousands of them.
  const byQuestion = new Map();
  let total = 0;
  let session = null;
  let lastSeq = 0;
  let helloSeq = 0;
  let catchingUp = true;
  let everCaughtUp = false;

  // The server says when the replay is complete (`replayed`): a wall with the wall token is
  // not sent contributions still waiting for moderation, so the replay can end below
  // hello's seq.
  function caughtUp() {
    if (!catchingUp) return;
    catchingUp = false;
    const first = !everCaughtUp;
    everCaughtUp = true;
    on.caughtUp?.(first);
  }

  function applyQuestion(ev) {
    const q = session.questions.find((x) => x.id === ev.question_id);
    if (ev.kind === 'question_activated') session.active_question_id = ev.question_id;
    else if (ev.kind === 'question_opened' && q) q.state = 'open';
    else if (ev.kind === 'question_closed' && q) q.state = 'closed';
    else return;
    on.session?.(session, ev.kind);
  }

  function count(c, delta) {
    total += delta;
    byQuestion.set(c.question_id, (byQuestion.get(c.question_id) || 0) + delta);
  }

  // Moderation and themes change stored cards. Applied for every event, replayed or live,
  // since the cards themselves come from the replay.
  function applyCard(ev) {
    if (ev.kind === 'themes_merged') {
      for (const c of contributions.values()) if (c.theme_id === ev.theme_id) c.theme_id = ev.into;
      return true;
    }
    if (ev.kind === 'contribution_approved' && ev.contribution) {
      if (!contributions.has(ev.contribution.id)) {
        // A wall with the wall token sees it for the first time. Ordered by when it was let
        // through, not when it was written, so it shows as new.
        const c = { ...ev.contribution, pending: false, order: ev.seq };
        contributions.set(c.id, c);
        c.counted = visible(c);
        if (c.counted) count(c, 1);
        on.contribution?.(c, everCaughtUp);
        return true;
      }
    }
    const c = contributions.get(ev.contribution_id || ev.contribution?.id);
    if (!c) return false;
    const was = c.counted;
    if (ev.kind === 'contribution_hidden') c.hidden = true;
    else if (ev.kind === 'contribution_restored') c.hidden = false;
    else if (ev.kind === 'contribution_pinned') c.pinned = true;
    else if (ev.kind === 'contribution_unpinned') c.pinned = false;
    else if (ev.kind === 'contribution_themed') c.theme_id = ev.theme_id || null;
    else if (ev.kind === 'contribution_merged') c.merged_into = ev.into;
    else if (ev.kind === 'contribution_approved') Object.assign(c, { pending: false, order: ev.seq });
    else return false;
    const now = visible(c);
    if (now !== Boolean(was)) count(c, now ? 1 : -1);
    c.counted = now;
    on.changed?.(c, ev.kind, everCaughtUp);
    return true;
  }

  // Session-wide state (premoderation, themes, votes, timers); hello already has it up to its seq.
  function applySession(ev) {
    const s = session;
    const vote = (vid) => s.votes?.find((v) => v.id === vid);
    if (ev.kind === 'moderation_changed') s.premoderation = ev.premoderation;
    else if (ev.kind === 'theme_created') {
      s.themes = (s.themes || []).filter((x) => x.id !== ev.theme.id).concat(ev.theme);
    } else if (ev.kind === 'theme_renamed') {
      const th = s.themes?.find((x) => x.id === ev.theme_id);
      if (th) th.name = ev.name;
    } else if (ev.kind === 'themes_merged') s.themes = (s.themes || []).filter((x) => x.id !== ev.theme_id);
    else if (ev.kind === 'vote_started') s.votes = (s.votes || []).filter((v) => v.id !== ev.vote.id).concat(ev.vote);
    else if (ev.kind === 'vote_tallied' && vote(ev.vote_id)) vote(ev.vote_id).totals[ev.item_id] = ev.total;
    else if (ev.kind === 'vote_closed' && vote(ev.vote_id)) vote(ev.vote_id).open = false;
    else if (ev.kind === 'timer_changed') {
      const q = s.questions.find((x) => x.id === ev.question_id);
      if (q) q.timer = ev.timer || null;
    }
  }

  function message(msg) {
    if (msg.type === 'hello') {
      if (msg.seq < lastSeq) {
        // The server knows less than we saw (another database): it replays from 0.
        lastSeq = 0;
        contributions.clear();
        byQuestion.clear();
        total = 0;
        on.reset?.();
      }
      session = msg.session;
      helloSeq = msg.seq;
      catchingUp = true;
      on.hello?.(session, msg.phones, msg);
    } else if (msg.type === 'event') {
      if (msg.seq <= lastSeq) return;
      lastSeq = msg.seq;
      if (msg.kind === 'contribution_added' && msg.contribution) {
        const c = msg.contribution;
        if (!contributions.has(c.id)) {
          contributions.set(c.id, c);
          c.counted = visible(c);
          if (c.counted) count(c, 1);
          // Only the very first catch-up is history; what was missed during a drop is news.
          on.contribution?.(c, everCaughtUp);
        }
      } else if (msg.kind.startsWith('question_') && msg.seq > helloSeq && session) {
        // Events up to hello's seq are already in hello's session.
        applyQuestion(msg);
      } else {
        applyCard(msg);
        if (msg.seq > helloSeq && session) applySession(msg);
      }
      on.event?.(msg, everCaughtUp);
    } else if (msg.type === 'replayed') {
      caughtUp();
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
    total: () => total,
    countFor: (qid) => byQuestion.get(qid) || 0,
    byQuestion: () => byQuestion,
    /** Visible (not hidden, waiting or merged) contributions, newest (or newest approved) first. */
    list(filter = () => true) {
      const out = [];
      for (const c of contributions.values()) if (visible(c) && filter(c)) out.push(c);
      return out.sort((a, b) => (b.order || b.seq) - (a.order || a.seq));
    },
    /** Merges a session view from an HTTP answer (e.g. after a question action). */
    update(view) {
      if (!session) return;
      Object.assign(session, {
        questions: view.questions,
        active_question_id: view.active_question_id,
        tables: view.tables,
        perspectives: view.perspectives,
      });
      on.session?.(session, 'update');
    },
  };
}
