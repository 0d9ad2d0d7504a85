// One row of a figures table (the figures page and an entity's page): amount, currency,
// the sentence with the sum marked, the date it is about, the article.
'use strict';

const FiguresTable = (() => {
  const { el, amountText } = AE;

  /** The sentence as nodes, the figure's own words in a mark. */
  function sentenceNodes(f) {
    const sentence = typeof f.sentence === 'string' ? f.sentence : '';
    const points = Array.from(sentence);
    let before = null, sum = null, after = null;
    if (Number.isInteger(f.sentence_start)) {
      // Offsets are code points into the article; the sentence starts at sentence_start.
      const a = f.start - f.sentence_start, b = f.end - f.sentence_start;
      if (a >= 0 && b <= points.length && a < b) {
        before = points.slice(0, a).join(''); sum = points.slice(a, b).join(''); after = points.slice(b).join('');
      }
    }
    if (sum === null && f.text) {
      // Without sentence offsets, the figure's text is found in its sentence.
      const i = sentence.indexOf(f.text);
      if (i >= 0) { before = sentence.slice(0, i); sum = f.text; after = sentence.slice(i + f.text.length); }
    }
    if (sum === null) return [sentence];
    return [before, el('mark', { class: 'sum', 'data-amount': String(f.amount), 'data-currency': f.currency, text: sum }), after];
  }

  /** The date a figure is about: its sentence's date when the ledger gives one, else the article's. */
  function dateNodes(f) {
    const d = f.date;
    if (d && (d.date || d.from)) {
      const text = d.date || ((d.from || '…') + ' – ' + (d.to || '…'));
      const from = d.source === 'sentence' ? 'in the sentence' + (d.text ? ': “' + d.text + '”' : '') : 'article date';
      return [el('time', { datetime: d.date || d.from, text }), el('br'), el('small', { text: from })];
    }
    const published = f.article && f.article.published_at;
    return published ? [el('time', { datetime: published, text: published }), el('br'), el('small', { text: 'article date' })] : [];
  }

  function row(f) {
    const article = f.article || {};
    const title = article.title || article.id || '';
    return el('tr', { 'data-figure-id': f.id },
      el('td', { class: 'num', 'data-label': 'Amount', 'data-amount': String(f.amount), text: amountText(f.amount) }),
      el('td', { 'data-label': 'Currency', text: f.currency || '' }),
      el('td', { class: 'sentence', 'data-label': 'Sentence' }, sentenceNodes(f)),
      el('td', { 'data-label': 'Date' }, dateNodes(f)),
      el('td', { 'data-label': 'Article' }, article.id ? [
        el('a', { href: '/articles/' + encodeURIComponent(article.id), text: title }), el('br'),
        el('a', { href: '/articles/' + encodeURIComponent(article.id) + '#at-' + f.start, class: 'in-text', text: 'in the text' }),
      ] : title));
  }

  return { row, sentenceNodes };
})();
