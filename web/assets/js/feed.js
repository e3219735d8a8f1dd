// The wall's view of a session followed live over /ws/wall/{id}: the session as it changes
// and every contribution once, told to the wall (wall.js) card by card. The protocol
// bookkeeping (hello, the replay, resuming from the last seq, what each event does) is shared
// with the console in session-state.js; this file keeps what only the wall wants: its
// callbacks, and its cards in the order a wall shows them (newest let through first).

import { followState, visible } from './session-state.js';

// Events that change what the wall shows of the session: its questions, its rounds, the
// plan, its set-up. The wall redraws its heading, columns and filters after each.
const SESSION_KINDS = new Set(['round_started', 'session_ended', 'rounds_planned', 'session_edited', 'renamed']);

// wall.js reads it from here, as it always has.
export { visible };

/**
 * @param {{id: string, token: string}} who
 * @param {object} on  hello(session, phones, msg), session(session, kind, ev), contribution(c, live),
 *                     changed(c, kind, live), event(msg, live), caughtUp(first), presence(phones),
 *                     state(s), reset()
 */
export function followSession(who, on) {
  const feed = followState(who, on, {
    hello: (session, msg) => on.hello?.(session, msg.phones, msg),
    event(ev, { card, added, changed }, live) {
      // A card new to this wall: written now, or let through now (a wall with the wall token
      // never saw it waiting).
      if (added) on.contribution?.(card, live);
      else if (card) on.changed?.(card, ev.kind, live);
      // A question switched, opened, closed, edited or added since hello, a round started or
      // the set-up changed: the wall may follow it.
      else if (changed && (ev.kind.startsWith('question_') || SESSION_KINDS.has(ev.kind))) on.session?.(feed.session, ev.kind, ev);
      on.event?.(ev, live);
    },
  });

  // Added onto the shared object, not spread into a new one, so `session` and `ready` stay live.
  return Object.assign(feed, {
    /** Visible (not hidden, waiting or merged) contributions, newest (or newest approved) first. */
    list(filter = () => true) {
      const out = [];
      for (const c of feed.contributions.values()) if (visible(c) && filter(c)) out.push(c);
      return out.sort((a, b) => (b.order || b.seq) - (a.order || a.seq));
    },
  });
}
