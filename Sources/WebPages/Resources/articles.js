// GET /articles: GET /v1/articles, newest first, `q` for full-text search and `entity`
// for a name, one page per cursor.
'use strict';

(async () => {
  const { api, el, query, params, showProblem } = AE;
  const p = params();
  const status = document.getElementById('status');
  const form = document.getElementById('search-form');
  for (const k of ['q', 'entity']) if (p[k]) form.elements[k].value = p[k];
  // `limit` from the address sets the page size (the API's 1–100; 20 by default).
  const keep = { q: p.q, entity: p.entity, limit: p.limit };
  const ask = { ...keep, cursor: p.cursor, limit: p.limit || 20 };
  let page;
  try {
    page = await api('/v1/articles' + query(ask));
  } catch (err) {
    const box = showProblem(status, err, p.q ? 'The search failed' : 'The articles could not be listed');
    if (p.q && err.status === 400 && /\bq\b/.test(err.detail)) {
      box.append(el('p', {}, 'This server has no full-text search yet. ',
        el('a', { href: '/articles' + query({ entity: p.entity }), text: 'List the articles without it' }), '.'));
    }
    return;
  }
  const items = page.articles || [];
  status.textContent = items.length ? '' : (p.q || p.entity ? 'No article matches.' : 'No article is stored yet: submit one.');
  document.getElementById('list').replaceChildren(...items.map(a => el('li', { 'data-article-id': a.id },
    el('a', { href: '/articles/' + encodeURIComponent(a.id), text: a.title || 'Untitled (' + a.id + ')' }),
    el('div', { class: 'meta', text: [a.published_at, a.source, a.characters + ' characters'].filter(Boolean).join(' · ') }),
    typeof a.snippet === 'string' ? el('p', { class: 'snippet', text: a.snippet }) : null)));
  const pager = document.getElementById('pager');
  if (p.cursor) pager.append(el('a', { href: '/articles' + query(keep), text: 'First page' }));
  if (page.next_cursor) pager.append(el('a', { href: '/articles' + query({ ...keep, cursor: page.next_cursor }), rel: 'next', text: 'Next page' }));
  status.dataset.ready = 'articles';
})();
