// GET /entities/{id}: GET /v1/entities/{id}, its articles and its figures. Each part
// says so on its own when the service cannot answer it.
'use strict';

(async () => {
  const { api, el, showProblem } = AE;
  const status = document.getElementById('status');
  const id = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] || '');
  const base = '/v1/entities/' + encodeURIComponent(id);

  const explain = (err, what) => err.status === 404
    ? what + ': this service knows no entity ' + id + ' (or has no archive-wide entities yet)'
    : what;

  try {
    const e = await api(base);
    const label = AE.LABELS[e.type] || e.type;
    document.title = e.name + ' · article-entities';
    document.getElementById('name').replaceChildren(e.name + ' ', el('span', { class: 'swatch ent-' + e.type, text: label }));
    const seen = e.first_seen ? ' · seen ' + e.first_seen + (e.last_seen && e.last_seen !== e.first_seen ? ' to ' + e.last_seen : '') : '';
    const count = (n, word) => n + ' ' + word + (n === 1 ? '' : 's');
    document.getElementById('meta').textContent = count(e.article_count, 'article') + ' · ' + count(e.mention_count, 'mention') + seen;
    document.getElementById('names').replaceChildren(...(e.names || [e.name]).map(n => el('li', { text: n })));
    status.textContent = '';
  } catch (err) {
    showProblem(status, err, explain(err, 'The entity could not be loaded'));
    // Without the entity its articles and figures cannot be there either: one message, not three.
    if (err.status === 404) {
      for (const s of document.querySelectorAll('main section')) s.classList.add('hidden');
      status.dataset.ready = 'entity';
      return;
    }
  }

  try {
    const page = await api(base + '/articles');
    const items = page.articles || [];
    document.getElementById('articles').replaceChildren(...items.map(a => el('li', {},
      el('a', { href: '/articles/' + encodeURIComponent(a.id), text: a.title || 'Untitled (' + a.id + ')' }),
      el('div', { class: 'meta', text: [a.published_at, a.source].filter(Boolean).join(' · ') }))));
    if (!items.length) document.getElementById('articles-status').textContent = 'No article.';
  } catch (err) {
    showProblem(document.getElementById('articles-status'), err, explain(err, 'Its articles could not be listed'));
  }

  try {
    const page = await api(base + '/figures');
    const figures = page.figures || [];
    document.getElementById('rows').replaceChildren(...figures.map(FiguresTable.row));
    document.getElementById('figures').classList.toggle('hidden', figures.length === 0);
    if (!figures.length) document.getElementById('figures-status').textContent = 'No figure in a sentence about it.';
  } catch (err) {
    showProblem(document.getElementById('figures-status'), err, explain(err, 'Its figures could not be listed'));
  }
  status.dataset.ready = 'entity';
})();
