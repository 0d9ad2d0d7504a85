// GET /articles/{id}: the text from GET /v1/articles/{id}, its mentions from …/entities.
'use strict';

(async () => {
  const { api, el, showProblem, legend } = AE;
  const status = document.getElementById('status');
  const id = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] || '');
  const path = '/v1/articles/' + encodeURIComponent(id);
  let article, entities;
  try {
    [article, { entities }] = await Promise.all([api(path), api(path + '/entities')]);
  } catch (err) {
    showProblem(status, err, err.status === 404 ? 'No such article' : 'The article could not be loaded');
    return;
  }
  const title = article.title || 'Untitled article';
  document.title = title + ' · article-entities';
  document.getElementById('title').textContent = title;
  const meta = ['Published ' + article.published_at];
  if (article.source) meta.push(article.source);
  meta.push(article.characters + ' characters', entities.length + ' entities');
  document.getElementById('meta').replaceChildren(meta.join(' · '),
    article.url && /^https?:\/\//i.test(article.url) ? el('span', {}, ' · ', el('a', { href: article.url, rel: 'noopener noreferrer', text: 'original' })) : '');
  document.getElementById('legend').replaceChildren(legend());
  Highlight.render(document.getElementById('article-text'), article.text, entities);
  document.getElementById('entity-list').replaceChildren(Highlight.entityList(entities));
  document.getElementById('keys-hint').classList.remove('hidden');
  status.textContent = '';
  Highlight.focusFromHash(document.getElementById('article-text'));
  window.addEventListener('hashchange', () => Highlight.focusFromHash(document.getElementById('article-text')));
  status.dataset.ready = 'article';
})();
