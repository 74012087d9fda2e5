// Shared by the admin pages: the API client (session cookie + CSRF header), DOM helpers,
// dialogs, toasts and the page frame. Data is only ever put into the page as text.

export class ApiError extends Error {
  constructor(status, message, data) {
    super(message);
    this.status = status;
    this.data = data;
  }
}

export function cookie(name) {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return '';
}

function errorText(status, data) {
  if (data && typeof data === 'object') {
    if (typeof data.detail === 'string') return data.detail;
    if (data.error && typeof data.error.message === 'string') return data.error.message;
    if (typeof data.message === 'string') return data.message;
  }
  if (typeof data === 'string' && data) return data.slice(0, 300);
  return `HTTP ${status}`;
}

// fetch() against this server's admin API. Throws ApiError for a failed status; a lost
// session sends the browser back to the login page.
export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = cookie('gb_csrf');
  const response = await fetch(path, init);
  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = text; }
  }
  if (response.status === 401) {
    location.assign('/');
    throw new ApiError(401, 'Signed out', data);
  }
  if (!response.ok && response.status !== 207) throw new ApiError(response.status, errorText(response.status, data), data);
  return { status: response.status, data, headers: response.headers };
}

// el('td', {class: 'num', title: 'x'}, 'text', otherNode): attributes as attributes, children
// as text nodes or nodes. on* attributes take functions.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.firstChild.remove();
  return node;
}

export function toast(text, kind = 'info') {
  let box = document.getElementById('toasts');
  if (!box) {
    box = el('div', { id: 'toasts', role: 'status', 'aria-live': 'polite' });
    document.body.append(box);
  }
  const item = el('div', { class: `toast ${kind}` }, text);
  box.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 4000);
}

export function reportError(error) {
  toast(error instanceof Error ? error.message : String(error), 'error');
}

// A modal dialog; `actions`: [{label, primary, danger, onClick(close)}]. Returns {dialog, close}.
export function openDialog(title, content, actions = []) {
  const dialog = el('dialog', { 'aria-label': title });
  const close = () => { dialog.close(); dialog.remove(); };
  const footer = el('footer');
  for (const action of actions) {
    footer.append(el('button', {
      class: action.primary ? 'primary' : action.danger ? 'danger' : '',
      'data-action': action.id || action.label,
      onclick: () => (action.onClick ? action.onClick(close) : close()),
    }, action.label));
  }
  if (!actions.length) footer.append(el('button', { onclick: close, 'data-action': 'close' }, 'Close'));
  dialog.append(
    el('header', {}, el('h3', {}, title), el('button', { class: 'small', onclick: close, 'aria-label': 'Close' }, '✕')),
    el('div', { class: 'body' }, content),
    footer);
  dialog.addEventListener('cancel', (e) => { e.preventDefault(); close(); });
  document.body.append(dialog);
  dialog.showModal();
  return { dialog, close };
}

export function confirmDialog(title, text, label = 'OK', danger = false) {
  return new Promise((resolve) => {
    const { dialog } = openDialog(title, el('p', {}, text), [
      { label: 'Cancel', id: 'cancel', onClick: (close) => { close(); resolve(false); } },
      { label, id: 'confirm', primary: !danger, danger, onClick: (close) => { close(); resolve(true); } },
    ]);
    dialog.addEventListener('close', () => resolve(false));
  });
}

export function maskKey(key) {
  if (!key) return '';
  return key.length <= 12 ? `${key.slice(0, 2)}…` : `${key.slice(0, 6)}…${key.slice(-4)}`;
}

export async function copyText(text, what = 'Copied') {
  try {
    await navigator.clipboard.writeText(text);
    toast(what);
  } catch {
    // Clipboard API refused (plain http on another host): select the text for Ctrl+C.
    const area = el('textarea', { rows: 6, readonly: true }, text);
    openDialog('Copy', area);
    area.select();
  }
}

export function formatTime(value) {
  if (!value) return '';
  const d = typeof value === 'number' ? new Date(value) : new Date(value);
  return Number.isNaN(d.getTime()) ? String(value) : d.toLocaleString();
}

export function formatNumber(n) {
  return typeof n === 'number' ? n.toLocaleString() : (n ?? '');
}

// The page frame: marks the current page in the navigation, wires sign-out and shows a
// DEMO banner when the server runs with --demo.
export async function initPage() {
  document.getElementById('logout')?.addEventListener('click', async () => {
    try { await api('POST', '/logout'); } catch { /* signed out anyway */ }
    location.assign('/');
  });
  try {
    const { data } = await api('GET', '/api/session');
    if (!data.authenticated) location.assign('/');
    if (data.demo) {
      document.body.prepend(el('div', { class: 'demo-banner', id: 'demo-banner' },
        'DEMO: sample keys and a built-in fake upstream. Nothing here is real.'));
    }
  } catch (error) {
    reportError(error);
  }
}
