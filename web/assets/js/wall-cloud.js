// The wall's word cloud view: the shown question's cloud, with a text alternative. The server
// describes its cloud (its most common words) in Swedish: used as the alternative on a Swedish
// wall, with our own sentence otherwise.

import { currentLang, t } from './i18n.js';
import { createCloud } from './wordcloud.js';

/**
 * @param {{root: HTMLElement, img: HTMLImageElement, problem: HTMLElement}} ui
 * @param {{id: string, token: string, question: () => object|null}} o
 */
export function createWallCloud(ui, { id, token, question }) {
  let label = '';
  const paintAlt = () => {
    ui.img.alt = label && currentLang() === 'sv' ? label : t('wall4.cloud_alt', { question: question()?.text || '' });
  };
  const cloud = createCloud({
    img: ui.img,
    session: id,
    token,
    onLabel: (l) => {
      label = l;
      paintAlt();
    },
    onProblem: (kind) => {
      ui.problem.hidden = !kind;
      ui.problem.textContent = kind ? t(`wall4.cloud_${kind}`) : '';
    },
  });
  return {
    /** Shows (true) the shown question's cloud, or hides it. */
    show(on) {
      const q = question();
      ui.root.hidden = !on;
      if (on && q) {
        if (cloud.question !== q.id) label = '';
        paintAlt();
        cloud.show(q.id);
      } else cloud.hide();
    },
    /** New words: fetch again (at most every few seconds). */
    poke: () => cloud.poke(),
  };
}
