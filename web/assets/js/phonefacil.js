// What the facilitator runs that reaches the phone: the pre-moderation notice, the question's
// countdown and dot voting. Dots are sent as absolute counts per item ("2 on this card"), so
// resending after a lost answer is always safe; one message is in flight at a time, and taps
// made meanwhile are merged into the next one.

import { ApiError, api, errorText } from './api.js';
import { createCountdown } from './countdown.js';
import { $ } from './dom.js';
import { t, tn } from './i18n.js';

const ANSWER_WAIT = 10000;

/**
 * @param {{code: string, socket: LiveSocket, participant: () => string,
 *          question: () => object|null}} o
 */
export function createFacilitation({ code, socket, participant, question }) {
  const ui = {
    premod: $('#premod'),
    root: $('#vote'),
    items: $('#vote-items'),
    left: $('#dots-left'),
    msg: $('#vote-msg'),
    live: $('#vote-live'),
    thanks: $('#vote-thanks'),
    body: $('#vote-body'),
  };
  // The vote's list is loaded when a vote opens: most phones never see one, and the phone page
  // has a byte budget (tests/browser/phone_details.mjs).
  let list = null;
  let loading = null;
  function loadList() {
    loading ||= import('./join-vote.js').then(
      ({ createVoteList }) => {
        list = createVoteList({
          ui: { items: ui.items, filter: $('#vote-filter'), mine: $('#vote-only-mine'), shown: $('#vote-shown'), none: $('#vote-none') },
          count: (id) => count(id),
          tap: (item, delta) => tap(item, delta),
        });
        paintVote();
      },
      () => {
        // Offline just then: the next paint (an event, a reconnect) tries again.
        loading = null;
        say(t('join10.vote_load_failed'));
      },
    );
  }
  const countdown = createCountdown({
    root: $('#countdown'),
    time: $('#countdown-time'),
    label: $('#countdown-label'),
    announce: $('#countdown-announce'),
    keys: 'join4',
  });
  let session = null;
  let vote = null; // the open vote shown
  let mine = {}; // dots per item, as the server confirmed
  const want = new Map(); // item → dots wished for, not yet confirmed
  let inflight = null; // { item, dots }
  let answer = null; // resolves the websocket message in flight
  let thanks = false;

  const count = (id) => (want.has(id) ? want.get(id) : mine[id] || 0);
  const used = () => (vote ? vote.items.reduce((n, it) => n + count(it.id), 0) : 0);
  const left = () => (vote ? Math.max(0, vote.dots - used()) : 0);
  const short = (s) => (s.length > 80 ? `${s.slice(0, 77)}…` : s);

  function paintVote() {
    ui.root.hidden = !vote && !thanks;
    ui.body.hidden = !vote;
    ui.thanks.hidden = !thanks || Boolean(vote);
    if (!vote) {
      list?.clear();
      return;
    }
    const n = left();
    ui.left.textContent = tn('join4.dots_left', n);
    ui.left.dataset.left = String(n);
    if (list) list.paint(vote, participant());
    else loadList();
  }

  function say(text) {
    ui.msg.textContent = text;
  }

  function tap(item, delta) {
    if (!vote) return;
    const now = count(item.id);
    if (delta < 0 && now === 0) return;
    if (delta > 0 && left() === 0) {
      say(t('join4.no_dots_left'));
      return;
    }
    say('');
    want.set(item.id, now + delta);
    paintVote();
    pump();
  }

  function viaSocket(msg) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => done({ retry: true }), ANSWER_WAIT);
      function done(r) {
        clearTimeout(timer);
        answer = null;
        resolve(r);
      }
      answer = done;
      if (!socket.send(msg)) done({ retry: true });
    });
  }

  async function viaHttp(msg) {
    try {
      const { data } = await api(`/api/join/${encodeURIComponent(code)}/votes/${encodeURIComponent(msg.vote_id)}`, {
        method: 'POST',
        body: { item_id: msg.item_id, dots: msg.dots },
        headers: { 'x-inspel-participant': participant() },
      });
      return { ok: data };
    } catch (e) {
      return { error: e };
    }
  }

  async function pump() {
    if (inflight || !vote) return;
    const next = [...want].find(([item, dots]) => (mine[item] || 0) !== dots);
    if (!next) {
      want.clear();
      paintVote();
      return;
    }
    const [item, dots] = next;
    inflight = { item, dots };
    const msg = { type: 'vote', vote_id: vote.id, item_id: item, dots };
    let r = socket.online ? await viaSocket(msg) : { retry: true };
    // Counts are absolute, so the same message over HTTP cannot count twice.
    if (r.retry) r = await viaHttp(msg);
    inflight = null;
    if (r.ok) {
      if (vote && r.ok.vote_id === vote.id) mine = r.ok.mine || {};
      if (want.get(item) === dots) want.delete(item);
      const it = vote?.items.find((x) => x.id === item);
      if (it) ui.live.textContent = t('join4.placed', { count: tn('join4.count', mine[item] || 0), label: short(it.label), left: tn('join4.dots_left', left()) });
    } else {
      const code = r.error?.body?.code || r.error?.code;
      want.clear();
      if (code === 'vote_closed') closed(msg.vote_id);
      else if (code === 'no_dots_left') say(t('join4.no_dots_left'));
      else if (r.error instanceof ApiError && r.error.status === 0) say(t('join4.vote_failed'));
      else say(r.error ? errorText(r.error) : t('join4.vote_failed'));
    }
    paintVote();
    pump();
  }

  function closed(voteId) {
    if (!vote || vote.id !== voteId) return;
    vote = null;
    thanks = true;
    want.clear();
    say('');
    paintVote();
  }

  function paintPremod() {
    ui.premod.hidden = !session?.premoderation;
  }

  function paintTimer(opts) {
    countdown.set(question()?.timer || null, opts);
  }

  return {
    /** The websocket's hello: the session and this phone's dots in each open vote. */
    hello(msg) {
      session = msg.session;
      const now = Date.parse(msg.now);
      if (Number.isFinite(now)) countdown.setOffset(now - Date.now());
      const open = (session.votes || []).filter((v) => v.open).pop() || null;
      if (open?.id !== vote?.id) want.clear();
      vote = open;
      if (vote) thanks = false;
      const my = (msg.my_dots || []).find((d) => d.vote_id === vote?.id);
      mine = my?.mine || {};
      paintPremod();
      paintTimer();
      paintVote();
      pump();
    },
    /** The session before the websocket greets (from HTTP). */
    session(s) {
      session = s;
      paintPremod();
      paintTimer();
    },
    /** A live event for phones. */
    event(ev) {
      if (!session) return;
      if (ev.kind === 'moderation_changed') {
        session.premoderation = ev.premoderation;
        paintPremod();
      } else if (ev.kind === 'timer_changed') {
        // A round's countdown is one timer_changed per question, all alike: the phone shows one.
        const q = session.questions.find((x) => x.id === ev.question_id);
        if (q) q.timer = ev.timer || null;
        if (q && q === question()) paintTimer({ started: ev.action === 'start', live: true });
      } else if (ev.kind === 'question_activated' || ev.kind === 'round_started' || ev.kind === 'session_ended') {
        // Another round (or question) on show: its countdown, or none.
        paintTimer();
        if (!vote && thanks) {
          thanks = false;
          paintVote();
        }
      } else if (ev.kind === 'vote_started') {
        session.votes = (session.votes || []).filter((v) => v.id !== ev.vote.id).concat(ev.vote);
        vote = ev.vote;
        mine = {};
        want.clear();
        thanks = false;
        say('');
        paintVote();
        ui.live.textContent = t('join4.vote_started_sr');
      } else if (ev.kind === 'vote_closed') {
        closed(ev.vote_id);
      }
    },
    /** Messages only votes answer: `voted`, and `error` without an id. True when taken. */
    message(msg) {
      if (msg.type === 'voted' || (msg.type === 'error' && !msg.id)) {
        if (!answer) return msg.type === 'voted';
        answer(msg.type === 'voted' ? { ok: msg } : { error: new ApiError(msg.status, msg) });
        return true;
      }
      return false;
    },
    /** The socket went away: a vote waiting for its answer goes over HTTP. */
    socketClosed() {
      answer?.({ retry: true });
    },
    paint() {
      paintPremod();
      countdown.paint();
      paintVote();
    },
    /** The phone's table changed: another question's countdown may apply. */
    paintTimer: () => paintTimer(),
  };
}
