// Questions edited live in the console: a question's own edit box (its text, the tables or
// groups it is for) and the form that adds a question to a round or as a new round at the end.
// Phones and walls show the change at once; contributions stay with their question.

import { $, el, fillSelect } from './dom.js';
import { formatNumber, t } from './i18n.js';
import { currentRound, questionNumber } from './session-apply.js';

const short = (s, n = 60) => (s.length > n ? `${s.slice(0, n - 3)}…` : s);

/**
 * @param {object} ctx  steer(), status(text)
 * @param {object} o    run(method, path, body, done) → ok, roundName(session, round), session()
 */
export function createQuestionEdits(ctx, { run, roundName, session }) {
  const ui = {
    add: $('#add-question'),
    addText: $('#new-question'),
    addRound: $('#new-question-round'),
    addTables: $('#new-question-tables'),
  };

  function renderAdd(s) {
    if (!ctx.steer()) return;
    // The round on show, until the facilitator picks another (or "a new round").
    const keep = ui.addRound.dataset.picked ? ui.addRound.value : currentRound(s)?.id || '';
    fillSelect(ui.addRound, [...s.rounds.map((r) => [r.id, roundName(s, r)]), ['', t('fac8.add_new_round')]], keep);
    tablePicker(ui.addTables, s.tables, null);
  }

  /** Checkboxes of the session's tables (groups); none ticked: every table. */
  function tablePicker(fieldset, tables, chosen) {
    fieldset.hidden = tables.length === 0;
    const box = fieldset.querySelector('.tables-pick__list');
    // Rebuilt only when the tables changed (or to show a question's own), so focus stays put.
    const sig = JSON.stringify([tables, t('fac8.for_tables')]);
    if (!chosen && box.dataset.sig === sig) return;
    box.dataset.sig = sig;
    const was = new Set([...box.querySelectorAll('input:checked')].map((i) => i.value));
    const prefix = fieldset.id;
    box.replaceChildren(
      ...tables.map((name, i) => {
        const input = el('input', { attrs: { type: 'checkbox', id: `${prefix}-${i}`, value: name } });
        input.checked = chosen ? chosen.includes(name) : was.has(name);
        return el('div', { class: 'check' }, input, el('label', { class: 'check__label', text: name, attrs: { for: input.id } }));
      }),
    );
    fieldset.querySelector('legend').textContent = t('fac8.for_tables');
  }
  const picked = (fieldset) => [...fieldset.querySelectorAll('input:checked')].map((i) => i.value);

  ui.addRound.addEventListener('change', () => {
    ui.addRound.dataset.picked = '1';
  });

  ui.add.addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = ui.addText.value.trim();
    if (!text) {
      ctx.status(t('fac8.add_need_text'));
      ui.addText.focus();
      return;
    }
    const body = { text, tables: picked(ui.addTables) };
    if (ui.addRound.value) body.round_id = ui.addRound.value;
    const ok = await run('POST', '/questions', body, t('fac8.done_add', { text: short(text) }));
    if (ok) {
      ui.addText.value = '';
      ui.addText.focus();
    }
  });

  // ---- a question's own edit box -----------------------------------------------------

  function build(li, q) {
    if (!ctx.steer()) return;
    const input = el('input', { attrs: { id: `edit-${q.id}`, type: 'text', maxlength: 500, autocomplete: 'off' } });
    const label = el('label', { attrs: { for: input.id } });
    const fieldset = el('fieldset', { class: 'field tables-pick', attrs: { id: `edit-tables-${q.id}` } }, el('legend'), el('div', { class: 'tables-pick__list' }));
    const save = el('button', { class: 'btn btn-small', data: { editSave: q.id }, attrs: { type: 'button' } });
    const summary = el('summary', { class: 'q__edit-summary' });
    const details = el('details', { class: 'q__edit' }, summary, el('div', { class: 'field' }, label, input), fieldset, save);
    details.addEventListener('toggle', () => {
      if (!details.open) return;
      const now = session().questions.find((x) => x.id === q.id);
      input.value = now?.text || '';
      tablePicker(fieldset, session().tables, now?.tables || []);
    });
    save.addEventListener('click', async () => {
      const text = input.value.trim();
      if (!text) {
        ctx.status(t('fac8.add_need_text'));
        input.focus();
        return;
      }
      const n = questionNumber(session(), q.id);
      const ok = await run('PATCH', `/questions/${encodeURIComponent(q.id)}`, { text, tables: picked(fieldset) }, t('fac8.done_edit', { n: formatNumber(n) }));
      if (ok) {
        details.open = false;
        summary.focus();
      }
    });
    li.append(details);
  }

  function update(li, q, n) {
    const d = li.querySelector('.q__edit');
    if (!d) return;
    d.querySelector('summary').textContent = t('fac8.edit_question');
    d.querySelector('summary').setAttribute('aria-label', t('fac8.edit_question_named', { n: formatNumber(n) }));
    d.querySelector('label').textContent = t('fac8.question_text');
    d.querySelector('[data-edit-save]').textContent = t('fac8.save_question');
    d.querySelector('legend').textContent = t('fac8.for_tables');
    d.querySelector('fieldset').hidden = session().tables.length === 0;
  }

  return { renderAdd, build, update };
}
