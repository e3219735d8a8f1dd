// What each event does to a session's own state: its questions, rounds, themes, votes and
// settings. The mirror of the server's one reducer (src/domain/model/apply.rs), shared by the wall,
// the console (session-state.js) and the phone (join.js), so that every screen holds the same
// session the server stores after the same events. Change the two together.
//
// Plus the look-ups on the plan of rounds every page makes: the current round, the questions
// it shows, and which of them a table (group) sees.

/** The round holding question `qid`, or null. */
export function roundOf(s, qid) {
  return (s?.rounds || []).find((r) => r.question_ids.includes(qid)) || null;
}

/** The round phones and walls show: the one holding the active question (null: none). */
export function currentRound(s) {
  return s?.active_question_id ? roundOf(s, s.active_question_id) : null;
}

/** Whether question `q` is for `table`: a question with tables is only for those groups. */
export function forTable(q, table) {
  return !q.tables?.length || (Boolean(table) && q.tables.includes(table));
}

/**
 * The questions phones and walls show now, in the plan's order: the current round's, or the
 * active question alone when the facilitator showed it alone. Before rounds existed in a
 * session (no plan), the active question.
 */
export function shownQuestions(s) {
  if (!s) return [];
  const byId = (id) => s.questions.find((q) => q.id === id);
  const round = currentRound(s);
  if (!round || s.show_single) return [byId(s.active_question_id)].filter(Boolean);
  return round.question_ids.map(byId).filter(Boolean);
}

/** Every question id in the order of the plan (rounds in order), then any outside it. */
export function planOrder(s) {
  const ids = (s?.rounds || []).flatMap((r) => r.question_ids);
  for (const q of s?.questions || []) if (!ids.includes(q.id)) ids.push(q.id);
  return ids;
}

/** The 1-based number of question `qid` in the plan, as phones, walls and exports count. */
export function questionNumber(s, qid) {
  const i = planOrder(s).indexOf(qid);
  return i >= 0 ? i + 1 : 0;
}

/**
 * Applies event `ev` (one message of the event log) to session `s`.
 * @returns {boolean} whether it changed anything
 */
export function applyToSession(s, ev) {
  const question = () => s.questions.find((q) => q.id === ev.question_id);
  const vote = (vid) => (s.votes || []).find((v) => v.id === vid);
  switch (ev.kind) {
    case 'question_activated':
      s.active_question_id = ev.question_id;
      // Showing one question of a larger round shows it alone.
      s.show_single = (currentRound(s)?.question_ids.length || 0) > 1;
      return true;
    case 'question_opened':
    case 'question_closed': {
      const open = ev.kind === 'question_opened';
      const q = question();
      if (q) {
        q.state = open ? 'open' : 'closed';
        q.closed_at = open ? null : ev.at || null;
      }
      if (open) s.ended = false;
      return true;
    }
    case 'moderation_changed':
      s.premoderation = ev.premoderation;
      return true;
    case 'contribution_hidden':
    case 'contribution_restored': {
      // A hidden card leaves every open vote; in a closed one its result stays, marked.
      const hide = ev.kind === 'contribution_hidden';
      let changed = false;
      for (const v of s.votes || []) {
        if (v.open && hide) {
          const before = v.items.length;
          v.items = v.items.filter((i) => i.id !== ev.contribution_id);
          if (v.totals && ev.contribution_id in v.totals) {
            v.totals = { ...v.totals };
            delete v.totals[ev.contribution_id];
          }
          changed ||= before !== v.items.length;
        } else if (!v.open) {
          for (const i of v.items.filter((x) => x.id === ev.contribution_id)) {
            i.hidden = hide;
            changed = true;
          }
        }
      }
      return changed;
    }
    case 'theme_created':
      s.themes ||= [];
      if (!s.themes.some((t) => t.id === ev.theme.id)) s.themes.push(ev.theme);
      return true;
    case 'theme_renamed': {
      const t = (s.themes || []).find((x) => x.id === ev.theme_id);
      if (t) t.name = ev.name;
      return Boolean(t);
    }
    case 'themes_merged':
      s.themes = (s.themes || []).filter((t) => t.id !== ev.theme_id);
      return true;
    case 'vote_started':
      s.votes ||= [];
      if (!vote(ev.vote.id)) s.votes.push(ev.vote);
      return true;
    case 'vote_tallied': {
      const v = vote(ev.vote_id);
      // A new totals object: a vote started without totals still counts.
      if (v) v.totals = { ...v.totals, [ev.item_id]: ev.total };
      return Boolean(v);
    }
    case 'vote_closed': {
      const v = vote(ev.vote_id);
      if (v) v.open = false;
      return Boolean(v);
    }
    case 'vote_revealed':
    case 'vote_results_hidden': {
      // The room gets a vote's totals only with its reveal (the console had them all along).
      const v = vote(ev.vote_id);
      if (v) {
        v.revealed = ev.kind === 'vote_revealed';
        if (ev.totals) v.totals = { ...v.totals, ...ev.totals };
      }
      return Boolean(v);
    }
    case 'timer_changed': {
      const q = question();
      if (q) q.timer = ev.timer ?? null;
      return Boolean(q);
    }
    case 'round_started': {
      const r = (s.rounds || []).find((x) => x.id === ev.round_id);
      if (r?.question_ids.length) s.active_question_id = r.question_ids[0];
      s.show_single = false;
      s.ended = false;
      return true;
    }
    case 'session_ended':
      s.ended = true;
      return true;
    case 'question_edited': {
      const q = question();
      if (q) Object.assign(q, { text: ev.text, duration_secs: ev.duration_secs ?? null, tables: ev.tables || [] });
      return Boolean(q);
    }
    case 'question_added': {
      if (!s.questions.some((q) => q.id === ev.question.id)) s.questions.push(ev.question);
      s.rounds ||= [];
      const at = s.rounds.findIndex((r) => r.id === ev.round.id);
      if (at >= 0) s.rounds[at] = ev.round;
      else s.rounds.push(ev.round);
      return true;
    }
    case 'rounds_planned':
      s.rounds = ev.rounds;
      return true;
    case 'session_edited':
      // What is absent stayed the same.
      for (const key of ['title', 'tables', 'perspectives', 'settings']) if (ev[key] != null) s[key] = ev[key];
      // A series or place taken away comes as null.
      for (const key of ['series', 'place']) if (key in ev) s[key] = ev[key];
      return true;
    case 'renamed': {
      const rename = (list) => (list || []).map((n) => (n === ev.from ? ev.to : n));
      if (ev.what === 'table') {
        s.tables = rename(s.tables);
        for (const q of s.questions) q.tables = rename(q.tables);
      } else {
        s.perspectives = rename(s.perspectives);
      }
      return true;
    }
    default:
      return false;
  }
}

/** The questions in the plan's order with their numbers, for pickers: [{q, n}]. */
export function numbered(s) {
  return planOrder(s)
    .map((id) => s.questions.find((q) => q.id === id))
    .filter(Boolean)
    .map((q, i) => ({ q, n: i + 1 }));
}
