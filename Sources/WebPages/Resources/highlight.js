// Draws an article's text with its mentions marked. The API's offsets count Unicode code
// points, as Python indexes strings; JavaScript strings count UTF-16 units, so the text is
// split into code points first and every offset indexes that array.
'use strict';

const Highlight = (() => {
  const { el, LABELS, valueText } = AE;

  /**
   * Flattens entities into mentions `{start, end, entity}` in reading order; a mention
   * inside another (a range's two ends) nests, one crossing another's end is left out.
   */
  function mentionsOf(entities, length) {
    const all = [];
    for (const e of entities) {
      for (const m of e.mentions || []) {
        if (Number.isInteger(m.start) && Number.isInteger(m.end) && m.start >= 0 && m.start < m.end && m.end <= length) {
          all.push({ start: m.start, end: m.end, entity: e });
        }
      }
    }
    all.sort((a, b) => a.start - b.start || b.end - a.end);
    return all;
  }

  /** One mark for a mention: colour from its type's class, its type's name as text, focusable. */
  function markFor(entity, start) {
    const value = entity.type === 'money' || entity.type === 'date' ? valueText(entity.type, entity.value, entity.key) : '';
    return el('mark', {
      class: 'ent ent-' + entity.type, tabindex: 0,
      'data-type': entity.type, 'data-name': entity.name, 'data-value': value || null,
      'data-entity-id': entity.entity_id || null, 'data-start': start,
    });
  }

  function label(entity) {
    return el('span', { class: 'ent-label', text: LABELS[entity.type] || entity.type });
  }

  /** Fills `container` with `text`, each mention of `entities` marked. */
  function render(container, text, entities) {
    const points = Array.from(text);
    const mentions = mentionsOf(entities, points.length);
    const slice = (a, b) => points.slice(a, b).join('');
    const root = document.createDocumentFragment();
    // Open marks, innermost last: [{node, end, entity}].
    const stack = [{ node: root, end: points.length }];
    let pos = 0;
    const closeUpTo = limit => {
      while (stack.length > 1 && stack[stack.length - 1].end <= limit) {
        const top = stack.pop();
        if (pos < top.end) { top.node.append(slice(pos, top.end)); pos = top.end; }
        top.node.append(label(top.entity));
        stack[stack.length - 1].node.append(top.node);
      }
    };
    for (const m of mentions) {
      closeUpTo(m.start);
      const parent = stack[stack.length - 1];
      if (m.start < pos || m.end > parent.end) continue;  // crosses an open mark: leave it out
      if (pos < m.start) { parent.node.append(slice(pos, m.start)); pos = m.start; }
      stack.push({ node: markFor(m.entity, m.start), end: m.end, entity: m.entity });
    }
    closeUpTo(points.length);
    if (pos < points.length) root.append(slice(pos, points.length));
    container.replaceChildren(root);
    wireTooltips(container);
  }

  let tip = null;
  function tipElement() {
    if (!tip) {
      tip = el('div', { id: 'entity-tip', class: 'tip hidden', role: 'tooltip' });
      document.body.append(tip);
    }
    return tip;
  }

  function show(mark) {
    const t = tipElement();
    const type = mark.dataset.type;
    const parts = [el('strong', { text: mark.dataset.name || '' }), ' ', el('span', { text: LABELS[type] || type })];
    if (mark.dataset.value) parts.push(el('span', { class: 'tip-value', text: ' · ' + mark.dataset.value }));
    t.replaceChildren(...parts);
    t.classList.remove('hidden');
    const r = mark.getBoundingClientRect();
    t.style.left = Math.max(0, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - t.offsetWidth)) + 'px';
    t.style.top = (window.scrollY + r.bottom) + 'px';
    mark.setAttribute('aria-describedby', 'entity-tip');
  }

  function hide(mark) {
    if (tip) tip.classList.add('hidden');
    if (mark) mark.removeAttribute('aria-describedby');
  }

  function wireTooltips(container) {
    const target = e => e.target instanceof Element ? e.target.closest('mark.ent') : null;
    // Delegated and idempotent: rendering the same container again adds no listeners.
    if (container.dataset.tips) return;
    container.dataset.tips = '1';
    container.addEventListener('mouseover', e => { const m = target(e); if (m) show(m); });
    container.addEventListener('mouseout', e => { const m = target(e); if (m) hide(m); });
    container.addEventListener('focusin', e => { const m = target(e); if (m) show(m); });
    container.addEventListener('focusout', e => { const m = target(e); if (m) hide(m); });
    container.addEventListener('keydown', e => { if (e.key === 'Escape') hide(target(e)); });
  }

  /** The side list: entities by type, each with its mention count and a link to its page. */
  function entityList(entities) {
    const aside = el('div', {});
    for (const t of AE.TYPES) {
      const ofType = entities.filter(e => e.type === t.type);
      if (!ofType.length) continue;
      ofType.sort((a, b) => (b.mentions || []).length - (a.mentions || []).length || String(a.name).localeCompare(String(b.name)));
      aside.append(el('h3', {}, el('span', { class: 'swatch ent-' + t.type, text: t.label }), ' ', String(ofType.length)));
      aside.append(el('ul', {}, ofType.map(e => {
        const n = (e.mentions || []).length;
        const value = valueText(e.type, e.value, e.key);
        const name = e.type === 'money' || e.type === 'date' ? e.name + ' (' + value + ')' : e.name;
        // Names link to their archive entity's page; a sum to the same sum in every article
        // (its key is "<amount> <currency>"); anything else to the articles sharing its key.
        const sum = e.type === 'money' && /^[0-9.]+ [A-Z]{3}$/.test(e.key || '') ? e.key.split(' ') : null;
        const href = e.entity_id ? '/entities/' + encodeURIComponent(e.entity_id)
          : sum ? '/figures' + AE.query({ currency: sum[1], min_amount: sum[0], max_amount: sum[0] })
          : '/articles' + AE.query({ entity: e.key || e.name });
        return el('li', {}, el('a', { href, text: name }), el('span', { class: 'count', text: n + (n === 1 ? ' mention' : ' mentions') }));
      })));
    }
    return aside;
  }

  /** `#at-N` names the mention starting at code point N (the figures table links so): show it. */
  function focusFromHash(container) {
    const m = /^#at-(\d+)$/.exec(location.hash);
    const mark = m && container.querySelector('mark.ent[data-start="' + m[1] + '"]');
    if (!mark) return;
    mark.scrollIntoView({ block: 'nearest' });
    mark.focus();
    show(mark);
  }

  return { render, entityList, mentionsOf, focusFromHash };
})();
