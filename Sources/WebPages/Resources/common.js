// Shared by every page: calls to the API (with the token, when one is stored), building
// DOM nodes from data (never HTML strings), the entity types, and the token box.
'use strict';

const AE = (() => {
  const TOKEN_KEY = 'article-entities-token';

  /** The entity types in the order the pages list them, each with a text label beside its colour. */
  const TYPES = [
    { type: 'person', label: 'Person' },
    { type: 'organisation', label: 'Organisation' },
    { type: 'place', label: 'Place' },
    { type: 'money', label: 'Money' },
    { type: 'date', label: 'Date' },
  ];
  const LABELS = Object.fromEntries(TYPES.map(t => [t.type, t.label]));

  function token() {
    try { return sessionStorage.getItem(TOKEN_KEY) || ''; } catch (_) { return ''; }
  }
  function setToken(value) {
    try {
      if (value) sessionStorage.setItem(TOKEN_KEY, value); else sessionStorage.removeItem(TOKEN_KEY);
    } catch (_) { /* storage refused (private mode): the token lasts for this page only */ }
  }

  /** An answer other than 2xx, with the problem's detail. */
  class APIError extends Error {
    constructor(status, detail) { super(detail); this.status = status; this.detail = detail; }
  }

  /** Calls the API on this origin; resolves to parsed JSON (or text), rejects with APIError. */
  async function api(path, options = {}) {
    const headers = new Headers(options.headers || {});
    const t = token();
    if (t) headers.set('Authorization', 'Bearer ' + t);
    if (!headers.has('Accept')) headers.set('Accept', 'application/json, application/problem+json');
    let response;
    try {
      response = await fetch(path, { ...options, headers, credentials: 'omit', cache: 'no-cache', redirect: 'error' });
    } catch (e) {
      throw new APIError(0, 'the service did not answer (' + e.message + ')');
    }
    const type = response.headers.get('Content-Type') || '';
    if (response.ok) return type.includes('json') ? response.json() : response.text();
    let detail = response.status + ' ' + response.statusText;
    try {
      const problem = await response.json();
      if (problem && typeof problem.detail === 'string') detail = problem.detail;
    } catch (_) { /* not problem+json: keep the status line */ }
    if (response.status === 401 || response.status === 403) openTokenBox();
    throw new APIError(response.status, detail);
  }

  /** A query string from an object, leaving out empty values. */
  function query(params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
    const s = q.toString();
    return s ? '?' + s : '';
  }

  /** An element with attributes and children; strings become text nodes, so data is never parsed as HTML. */
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') node.textContent = String(v);
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c === undefined || c === null || c === false) continue;
      node.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return node;
  }

  /** Replaces a container's content with a clear message for a failed call. */
  function showProblem(container, error, what) {
    const detail = error instanceof APIError ? error.detail : String(error && error.message || error);
    const status = error instanceof APIError && error.status ? ' (' + error.status + ')' : '';
    const box = el('div', { class: 'problem', role: 'alert' }, el('strong', { text: what + status + ': ' }), detail);
    if (error instanceof APIError && (error.status === 401 || error.status === 403)) {
      box.append(el('p', { text: 'This service needs an access token: enter it under "Access token" at the top of the page.' }));
    }
    container.replaceChildren(box);
    return box;
  }

  /** The normalised value shown for a money or date entity: `276000000 EUR`, `2024-03-14`, `2024-03-11 – 2024-03-17`. */
  function valueText(type, value, key) {
    if (!value) return key || '';
    if (type === 'money') {
      const cur = value.currency || '';
      if (value.min !== undefined && value.min !== null && value.max !== undefined && value.max !== null) {
        return value.min + '–' + value.max + ' ' + cur;
      }
      return value.amount + ' ' + cur;
    }
    if (type === 'date') {
      if (value.date) return value.date;
      if (value.from || value.to) return (value.from || '…') + ' – ' + (value.to || '…');
    }
    return key || '';
  }

  /** A readable amount: `276,000,000`. The exact figure stays in the CSV and the API. */
  function amountText(n) {
    return typeof n === 'number' ? n.toLocaleString('en', { maximumFractionDigits: 20 }) : String(n);
  }

  /** The legend: a swatch with its type's name for each type, so colour is never the only cue. */
  function legend() {
    return el('ul', { class: 'legend', 'aria-label': 'Entity types' },
      TYPES.map(t => el('li', {}, el('span', { class: 'swatch ent-' + t.type, text: t.label }))));
  }

  /** The page's search parameters as an object. */
  function params() {
    return Object.fromEntries(new URLSearchParams(location.search));
  }

  let tokenDetails = null;
  function openTokenBox() {
    if (tokenDetails) { tokenDetails.open = true; }
  }

  /** Wires the token box every page has in its header. */
  function initTokenBox() {
    tokenDetails = document.getElementById('token-box');
    if (!tokenDetails) return;
    const input = document.getElementById('token');
    const status = document.getElementById('token-status');
    const form = tokenDetails.querySelector('form');
    const describe = () => { status.textContent = token() ? 'A token is set for this browser tab.' : 'No token set.'; };
    input.value = token();
    describe();
    form.addEventListener('submit', e => {
      e.preventDefault();
      setToken(input.value.trim());
      describe();
      location.reload();
    });
    document.getElementById('token-clear').addEventListener('click', () => {
      setToken(''); input.value = ''; describe();
    });
  }

  document.addEventListener('DOMContentLoaded', initTokenBox);

  return { TYPES, LABELS, APIError, api, query, el, showProblem, valueText, amountText, legend, params, token };
})();
