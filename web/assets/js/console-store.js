// The console's live model of a session, followed over /ws/wall/{id} with the facilitator's
// (or secretary's) token: every contribution with its moderation state (pending, hidden,
// pinned, theme, merged), the themes, the votes, the timers and the server's clock.
//
// hello.session is the session as of hello.seq. Events up to that seq are replayed for what
// they do to contributions (which hello does not carry); what they did to the session itself
// (themes, votes, timers, question states, pre-moderation) is already in hello and is applied
// only for events after it. The replay ends with `replayed`; a reconnect resumes from the
// last seq seen (see ws.js).

import { wsBase } from './api.js';
import { LiveSocket } from './ws.js';

/** Shown on walls and counted: not hidden, not waiting, not folded into another card. */
export const visible = (c) => !c.hidden && !c.pending && !c.merged_into;

/**
 * @param {{id: string, token: string}} who
 * @param {object} on  hello(session, phones), caughtUp(first), contribution(c, live),
 *                     change(msg, {live, contribution}), session(session, kind), presence(n),
 *                     state(s), reset()
 */
export function followConsole({ id, token }, on) {
  const contributions = new Map();
  let session = null;
  let lastSeq = 0;
  let helloSeq = 0;
  let catchingUp = true;
  let everCaughtUp = false;
  // Server clock minus ours, in ms: countdowns follow the server, not this laptop.
  let offset = 0;

  function checkCaughtUp() {
    if (catchingUp && lastSeq >= helloSeq) {
      catchingUp = false;
      const first = !everCaughtUp;
      everCaughtUp = true;
      on.caughtUp?.(first);
    }
  }

  const question = (qid) => session?.questions.find((q) => q.id === qid);
  const vote = (vid) => session?.votes?.find((v) => v.id === vid);

  /** What an event does to the contributions: always applied, in order. */
  function applyToContributions(ev) {
    const c = contributions.get(ev.contribution_id ?? ev.contribution?.id);
    switch (ev.kind) {
      case 'contribution_approved':
        if (c) Object.assign(c, { pending: false, flagged: null });
        else if (ev.contribution) contributions.set(ev.contribution.id, { ...ev.contribution });
        return contributions.get(ev.contribution.id);
      case 'contribution_hidden':
      case 'contribution_restored':
        if (c) c.hidden = ev.kind === 'contribution_hidden';
        return c;
      case 'contribution_pinned':
      case 'contribution_unpinned':
        if (c) c.pinned = ev.kind === 'contribution_pinned';
        return c;
      case 'contribution_themed':
        if (c) c.theme_id = ev.theme_id ?? null;
        return c;
      case 'contribution_merged':
        if (c) c.merged_into = ev.into;
        return c;
      case 'themes_merged':
        for (const x of contributions.values()) if (x.theme_id === ev.theme_id) x.theme_id = ev.into;
        return null;
      default:
        return null;
    }
  }

  /** What an event does to the session: only for events newer than hello. */
  function applyToSession(ev) {
    const s = session;
    s.themes ||= [];
    s.votes ||= [];
    switch (ev.kind) {
      case 'question_activated':
        s.active_question_id = ev.question_id;
        break;
      case 'question_opened':
      case 'question_closed': {
        const q = question(ev.question_id);
        if (q) q.state = ev.kind === 'question_opened' ? 'open' : 'closed';
        break;
      }
      case 'moderation_changed':
        s.premoderation = ev.premoderation;
        break;
      case 'theme_created':
        if (!s.themes.some((t) => t.id === ev.theme.id)) s.themes.push(ev.theme);
        break;
      case 'theme_renamed': {
        const t = s.themes.find((x) => x.id === ev.theme_id);
        if (t) t.name = ev.name;
        break;
      }
      case 'themes_merged':
        s.themes = s.themes.filter((t) => t.id !== ev.theme_id);
        break;
      case 'vote_started':
        if (!vote(ev.vote.id)) s.votes.push(ev.vote);
        break;
      case 'vote_tallied': {
        const v = vote(ev.vote_id);
        if (v) v.totals = { ...v.totals, [ev.item_id]: ev.total };
        break;
      }
      case 'vote_closed': {
        const v = vote(ev.vote_id);
        if (v) v.open = false;
        break;
      }
      case 'timer_changed': {
        const q = question(ev.question_id);
        if (q) q.timer = ev.timer ?? null;
        break;
      }
      default:
    }
  }

  function event(ev) {
    if (ev.kind === 'contribution_added' && ev.contribution) {
      const c = ev.contribution;
      if (contributions.has(c.id)) return;
      contributions.set(c.id, { ...c });
      // Only the very first catch-up is history; what was missed during a drop is news.
      on.contribution?.(contributions.get(c.id), everCaughtUp);
      return;
    }
    const c = applyToContributions(ev);
    if (ev.seq > helloSeq && session) applyToSession(ev);
    on.change?.(ev, { live: everCaughtUp, contribution: c });
  }

  function message(msg) {
    if (msg.type === 'hello') {
      if (msg.seq < lastSeq) {
        // The server knows less than we saw (another database): start again from 0.
        lastSeq = 0;
        contributions.clear();
        on.reset?.();
      }
      session = msg.session;
      session.themes ||= [];
      session.votes ||= [];
      helloSeq = msg.seq;
      const now = Date.parse(msg.now);
      if (!Number.isNaN(now)) offset = now - Date.now();
      catchingUp = true;
      on.hello?.(session, msg.phones);
      checkCaughtUp();
    } else if (msg.type === 'event') {
      if (msg.seq <= lastSeq) return;
      lastSeq = msg.seq;
      event(msg);
      checkCaughtUp();
    } else if (msg.type === 'replayed') {
      // Everything this role receives up to msg.seq has been sent: what follows is live.
      if (msg.seq > lastSeq) lastSeq = msg.seq;
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

  function list(filter = () => true) {
    const out = [];
    for (const c of contributions.values()) if (filter(c)) out.push(c);
    return out.sort((a, b) => b.seq - a.seq);
  }

  return {
    socket,
    contributions,
    get session() {
      return session;
    },
    get ready() {
      return everCaughtUp;
    },
    /** The server's time now, in ms since the epoch. */
    now: () => Date.now() + offset,
    get: (cid) => contributions.get(cid),
    question,
    vote,
    list,
    /** Visible contributions per question id. */
    byQuestion() {
      const m = new Map();
      for (const c of contributions.values()) if (visible(c)) m.set(c.question_id, (m.get(c.question_id) || 0) + 1);
      return m;
    },
    total() {
      let n = 0;
      for (const c of contributions.values()) if (visible(c)) n += 1;
      return n;
    },
    /** Contributions waiting for approval (and not rejected), oldest first. */
    pending: () => list((c) => c.pending && !c.hidden).reverse(),
    /** Cards folded into `cid` as duplicates. */
    mergedInto: (cid) => list((c) => c.merged_into === cid),
    /** Themes that can hold cards of question `qid`: its own and those across questions. */
    themesFor: (qid) => (session?.themes || []).filter((t) => !t.question_id || t.question_id === qid),
    theme: (tid) => (session?.themes || []).find((t) => t.id === tid),
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
