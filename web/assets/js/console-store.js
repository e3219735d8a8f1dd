// The console's live model of a session, followed over /ws/wall/{id} with the facilitator's
// (or secretary's) token: every contribution with its moderation state (pending, hidden,
// pinned, theme, merged), the themes, the votes, the timers and the server's clock.
//
// The protocol bookkeeping (hello, the replay, resuming from the last seq, what each event
// does to the cards and the session) is shared with the wall in session-state.js; this file
// keeps what only the console wants: its callbacks, the server's clock, and the look-ups
// the console-*.js modules make (every card, including those waiting or hidden).

import { followState } from './session-state.js';

// console-themes.js reads it from here, as it always has.
export { visible } from './session-state.js';

/**
 * @param {{id: string, token: string}} who
 * @param {object} on  hello(session, phones), caughtUp(first), contribution(c, live),
 *                     change(msg, {live, contribution}), session(session, kind), presence(n),
 *                     state(s), reset()
 */
export function followConsole(who, on) {
  // Server clock minus ours, in ms: countdowns follow the server, not this laptop.
  let offset = 0;

  const store = followState(who, on, {
    hello(session, msg) {
      const now = Date.parse(msg.now);
      if (!Number.isNaN(now)) offset = now - Date.now();
      on.hello?.(session, msg.phones);
    },
    event(ev, { card, added }, live) {
      // A written card is news of its own (announced); a duplicate of one we have is nothing.
      if (ev.kind === 'contribution_added' && ev.contribution) {
        if (added) on.contribution?.(card, live);
        return;
      }
      // Everything else, approvals included, is a change to what the console already lists.
      on.change?.(ev, { live, contribution: card });
    },
  });

  const question = (qid) => store.session?.questions.find((q) => q.id === qid);
  const vote = (vid) => store.session?.votes?.find((v) => v.id === vid);

  function list(filter = () => true) {
    const out = [];
    for (const c of store.contributions.values()) if (filter(c)) out.push(c);
    return out.sort((a, b) => b.seq - a.seq);
  }

  // Added onto the shared object, not spread into a new one, so `session` and `ready` stay live.
  return Object.assign(store, {
    /** The server's time now, in ms since the epoch. */
    now: () => Date.now() + offset,
    get: (cid) => store.contributions.get(cid),
    question,
    vote,
    /** Every contribution (waiting and hidden too), newest written first. */
    list,
    /** Contributions waiting for approval (and not rejected), oldest first. */
    pending: () => list((c) => c.pending && !c.hidden).reverse(),
    /** Cards folded into `cid` as duplicates. */
    mergedInto: (cid) => list((c) => c.merged_into === cid),
    /** Themes that can hold cards of question `qid`: its own and those across questions. */
    themesFor: (qid) => (store.session?.themes || []).filter((t) => !t.question_id || t.question_id === qid),
    theme: (tid) => (store.session?.themes || []).find((t) => t.id === tid),
  });
}
