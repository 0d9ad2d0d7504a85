// GET /: posts the form to POST /v1/articles (stored, then its page) or POST /v1/extract
// (only shown here).
'use strict';

(() => {
  const { api, el, showProblem, legend } = AE;
  const form = document.getElementById('submit-form');
  const status = document.getElementById('status');
  const result = document.getElementById('result');
  const button = document.getElementById('submit-button');

  form.addEventListener('submit', async e => {
    e.preventDefault();
    const text = form.elements.text.value;
    if (!text.trim()) { status.replaceChildren(el('div', { class: 'problem', role: 'alert', text: 'Paste the article text first.' })); return; }
    const store = form.elements.store.checked;
    const body = { text };
    const published = form.elements.published_at.value;
    if (published) body.published_at = published;
    if (store) {
      for (const k of ['title', 'source']) if (form.elements[k].value.trim()) body[k] = form.elements[k].value.trim();
    }
    button.disabled = true;
    status.textContent = store ? 'Storing and reading the article…' : 'Reading the article…';
    try {
      const answer = await api(store ? '/v1/articles' : '/v1/extract', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
      });
      if (store) {
        location.assign('/articles/' + encodeURIComponent(answer.id));
        return;
      }
      const entities = answer.entities || [];
      status.textContent = 'Found ' + entities.length + ' entities (not stored).';
      document.getElementById('result-legend').replaceChildren(legend());
      Highlight.render(document.getElementById('result-text'), text, entities);
      document.getElementById('result-entities').replaceChildren(Highlight.entityList(entities));
      result.classList.remove('hidden');
    } catch (err) {
      showProblem(status, err, store ? 'The article was not stored' : 'The text could not be read');
    } finally {
      button.disabled = false;
    }
  });
})();
