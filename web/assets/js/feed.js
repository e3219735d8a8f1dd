// A session followed live over /ws/wall/{id}: the session as it changes and every
// contribution once. Used by the wall and by the facilitator's and secretary's console.
//
// The server numbers every event; we remember the last seq seen and resume from it after any
// drop, so a laptop waking from sleep gets exactly what it missed. Contributions are also
// keyed by id, so nothing is ever drawn twice even if the server replays from 0.

import { wsBase } from './api.js';
import { LiveSocket } from './ws.js';

/**
 * @param {{id: string, token: string}} who
 * @param {object} on  hello(session, phones), session(session, kind), contribution(c, live),
 *                     caughtUp(), presence(phones), state(s), reset()
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

  function checkCaughtUp() {
    if (catchingUp && lastSeq >= helloSeq) {
      catchingUp = false;
      const first = !everCaughtUp;
      everCaughtUp = true;
      on.caughtUp?.(first);
    }
  }

  function applyQuestion(ev) {
    const q = session.questions.find((x) => x.id === ev.question_id);
    if (ev.kind === 'question_activated') session.active_question_id = ev.question_id;
    else if (ev.kind === 'question_opened' && q) q.state = 'open';
    else if (ev.kind === 'question_closed' && q) q.state = 'closed';
    else return;
    on.session?.(session, ev.kind);
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
      on.hello?.(session, msg.phones);
      checkCaughtUp();
    } else if (msg.type === 'event') {
      if (msg.seq <= lastSeq) return;
      lastSeq = msg.seq;
      if (msg.kind === 'contribution_added' && msg.contribution) {
        const c = msg.contribution;
        if (!contributions.has(c.id)) {
          contributions.set(c.id, c);
          if (!c.hidden) {
            total += 1;
            byQuestion.set(c.question_id, (byQuestion.get(c.question_id) || 0) + 1);
          }
          // Only the very first catch-up is history; what was missed during a drop is news.
          on.contribution?.(c, everCaughtUp);
        }
      } else if (msg.kind.startsWith('question_') && msg.seq > helloSeq && session) {
        // Events up to hello's seq are already in hello's session.
        applyQuestion(msg);
      }
      checkCaughtUp();
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
    /** Visible (not moderated away) contributions, newest first. */
    list(filter = () => true) {
      const out = [];
      for (const c of contributions.values()) if (!c.hidden && filter(c)) out.push(c);
      return out.sort((a, b) => b.seq - a.seq);
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
