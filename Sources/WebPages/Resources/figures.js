// GET /figures: GET /v1/figures with the form's fields as its filters; the same query
// with format=csv for the download.
'use strict';

(async () => {
  const { api, el, query, params, showProblem } = AE;
  const FILTERS = ['currency', 'min_amount', 'max_amount', 'since', 'until', 'entity', 'sort'];
  const p = params();
  const form = document.getElementById('filters');
  const status = document.getElementById('status');
  for (const k of FILTERS) if (p[k]) form.elements[k].value = p[k];
  // An empty field is no filter: leave it out of the address rather than send `currency=`.
  form.addEventListener('submit', e => {
    e.preventDefault();
    const q = {};
    for (const k of FILTERS) {
      const v = form.elements[k].value.trim();
      if (v && !(k === 'sort' && v === '-amount')) q[k] = k === 'currency' ? v.toUpperCase() : v;
    }
    if (p.limit) q.limit = p.limit;
    location.assign('/figures' + query(q));
  });
  // The filters, and the page size (`limit`, 1–500) when the address gives one.
  const filters = {};
  for (const k of [...FILTERS, 'limit']) if (p[k]) filters[k] = p[k];

  // Sorting from the column headers: the first click sorts descending, the next ascending.
  for (const button of document.querySelectorAll('th button[data-sort]')) {
    const key = button.dataset.sort;
    const current = filters.sort || '-amount';
    const th = button.parentElement;
    if (current === key) th.setAttribute('aria-sort', 'ascending');
    else if (current === '-' + key) th.setAttribute('aria-sort', 'descending');
    button.addEventListener('click', () => {
      location.assign('/figures' + query({ ...filters, sort: current === '-' + key ? key : '-' + key, cursor: null }));
    });
  }

  const csv = document.getElementById('csv-link');
  // The CSV holds every figure the filters match: no page size, no cursor.
  const csvPath = '/v1/figures' + query({ ...filters, limit: null, format: 'csv' });
  csv.href = csvPath;
  // Fetched rather than followed: a link cannot carry the token, and a refusal is shown
  // here as a message instead of being saved as figures.csv.
  const csvStatus = document.getElementById('csv-status');
  csv.addEventListener('click', async e => {
    e.preventDefault();
    csvStatus.textContent = 'Making the CSV…';
    try {
      const text = await api(csvPath, { headers: { Accept: 'text/csv' } });
      const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
      const a = el('a', { href: url, download: 'figures.csv' });
      document.body.append(a); a.click(); a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      csvStatus.textContent = 'Downloaded figures.csv.';
      csv.dataset.downloaded = String(text.length);
    } catch (err) {
      showProblem(csvStatus, err, 'The CSV could not be made');
    }
  });

  let page;
  try {
    page = await api('/v1/figures' + query({ ...filters, cursor: p.cursor }));
  } catch (err) {
    showProblem(status, err, 'The figures could not be listed');
    return;
  }
  const figures = page.figures || [];
  status.textContent = figures.length ? figures.length + (page.next_cursor ? '+' : '') + ' figures' : 'No figure matches these filters.';
  document.getElementById('rows').replaceChildren(...figures.map(FiguresTable.row));
  document.getElementById('figures').classList.toggle('hidden', figures.length === 0);
  const pager = document.getElementById('pager');
  if (p.cursor) pager.append(el('a', { href: '/figures' + query(filters), text: 'First page' }));
  if (page.next_cursor) pager.append(el('a', { href: '/figures' + query({ ...filters, cursor: page.next_cursor }), rel: 'next', text: 'Next page' }));
  status.dataset.ready = 'figures';
})();
