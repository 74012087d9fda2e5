// The /keys page: key counts and calls, the request trend, keys that need attention, and
// the valid and invalid key lists with their actions.
import {
  api, clear, confirmDialog, copyText, el, formatNumber, formatTime, initPage, maskKey, openDialog,
  reportError, toast,
} from './admin.js';

const HOUR = 3600 * 1000;
const VERIFY_BATCH = 20;  // keys per verify request, so a long run shows progress

// ---- counts and calls ---------------------------------------------------------------

async function loadOverview() {
  const { data } = await api('GET', '/api/stats/overview');
  const keys = data.keys || {};
  document.getElementById('keys-total').textContent = formatNumber(keys.total ?? 0);
  document.getElementById('keys-active').textContent = formatNumber(keys.active ?? 0);
  document.getElementById('keys-cooling').textContent = formatNumber(keys.cooling ?? 0);
  document.getElementById('keys-disabled').textContent = formatNumber(keys.disabled ?? 0);
  for (const node of document.querySelectorAll('[data-calls]')) {
    node.textContent = formatNumber(data[node.dataset.calls]?.total ?? 0);
  }
  for (const node of document.querySelectorAll('[data-split]')) {
    const calls = data[node.dataset.split] || {};
    clear(node).append(
      el('span', { class: 'ok' }, `${formatNumber(calls.success ?? 0)} ok`), ' · ',
      el('span', { class: 'bad' }, `${formatNumber(calls.failure ?? 0)} failed`));
  }
}

async function showCallDetails(period) {
  const body = el('div', {}, el('p', {}, 'Loading…'));
  openDialog(`Calls in the last ${period}`, body);
  try {
    const { data } = await api('GET', `/api/stats/details?period=${encodeURIComponent(period)}&limit=500`);
    const rows = data.map((r) => el('tr', {},
      el('td', {}, formatTime(r.timestamp)), el('td', { class: 'mono' }, r.key || ''), el('td', {}, r.model || ''),
      el('td', {}, el('span', { class: `badge ${r.status === 'success' ? 'ok' : 'bad'}` }, r.status_code ?? r.status)),
      el('td', { class: 'num' }, r.latency_ms == null ? '' : `${formatNumber(r.latency_ms)} ms`)));
    clear(body).append(rows.length
      ? el('table', { id: 'call-details' }, el('thead', {}, el('tr', {}, el('th', {}, 'Time'), el('th', {}, 'Key'),
          el('th', {}, 'Model'), el('th', {}, 'Status'), el('th', { class: 'num' }, 'Latency'))), el('tbody', {}, rows))
      : el('p', { class: 'empty' }, 'No calls in this period.'));
  } catch (error) {
    clear(body).append(el('p', { class: 'bad' }, error.message));
  }
}

// ---- the trend chart (SVG drawn here: no chart library, no external script) -----------

let chartRange = '1h';

function path(points, pick, x, y) {
  return points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(pick(p)).toFixed(1)}`).join(' ');
}

function drawChart(points) {
  const svg = document.getElementById('chart');
  clear(svg);
  const ns = 'http://www.w3.org/2000/svg';
  const make = (tag, attrs, text) => {
    const node = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    svg.append(node);
    return node;
  };
  const W = 1000, H = 220, left = 44, right = 10, top = 10, bottom = 24;
  const max = Math.max(1, ...points.map((p) => Math.max(p.success ?? 0, p.failures ?? 0)));
  const x = (i) => left + (points.length <= 1 ? 0 : (i * (W - left - right)) / (points.length - 1));
  const y = (v) => top + (H - top - bottom) * (1 - v / max);
  for (let i = 0; i <= 4; i++) {
    const v = Math.round((max * i) / 4);
    make('line', { class: 'grid', x1: left, x2: W - right, y1: y(v), y2: y(v) });
    make('text', { class: 'axis', x: left - 6, y: y(v) + 4, 'text-anchor': 'end' }, String(v));
  }
  if (!points.length) {
    make('text', { class: 'axis', x: W / 2, y: H / 2, 'text-anchor': 'middle' }, 'No traffic in this range yet');
    return;
  }
  const labels = Math.min(6, points.length);
  for (let j = 0; j < labels; j++) {
    const i = Math.round((j * (points.length - 1)) / Math.max(1, labels - 1));
    const d = new Date(points[i].t);
    const text = chartRange === '7d' ? d.toLocaleDateString(undefined, { month: 'short', day: 'numeric', hour: '2-digit' })
      : d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
    make('text', { class: 'axis', x: x(i), y: H - 6, 'text-anchor': 'middle' }, text);
  }
  make('path', { class: 'success', d: path(points, (p) => p.success ?? 0, x, y), 'data-series': 'success' });
  make('path', { class: 'failure', d: path(points, (p) => p.failures ?? 0, x, y), 'data-series': 'failure' });
  svg.dataset.points = String(points.length);
  svg.dataset.requests = String(points.reduce((sum, p) => sum + (p.requests ?? 0), 0));
}

async function loadChart() {
  const query = chartRange === '8h' ? `from=${Date.now() - 8 * HOUR}` : `range=${chartRange}`;
  const { data } = await api('GET', `/api/stats/timeseries?${query}`);
  drawChart(data.points || []);
}

// ---- keys that need attention ---------------------------------------------------------

async function loadAttention() {
  const status = document.getElementById('attention-status').value;
  const limit = document.getElementById('attention-limit').value;
  const { data } = await api('GET', `/api/stats/attention-keys?status_code=${status}&limit=${limit}`);
  const body = clear(document.getElementById('attention'));
  if (!data.length) {
    body.append(el('tr', {}, el('td', { colspan: 2, class: 'empty' }, `No key answered ${status} in the last 24 hours.`)));
    return;
  }
  for (const row of data) body.append(el('tr', {}, el('td', { class: 'mono' }, row.key), el('td', { class: 'num' }, formatNumber(row.count))));
}

// ---- one key's actions ------------------------------------------------------------------

const keyPath = (action, key) => `/gemini/v1beta/${action}/${encodeURIComponent(key)}`;

async function verifyKey(key) {
  const { data } = await api('POST', keyPath('verify-key', key));
  if (data.status === 'valid') toast(`${maskKey(key)} is valid`);
  else toast(`${maskKey(key)} is invalid: ${data.error || 'no details'}`, 'error');
}

async function showUsage(key) {
  const body = el('div', {}, el('p', {}, 'Loading…'));
  openDialog(`Usage of ${maskKey(key)}, last 24 h`, body);
  try {
    const { data } = await api('GET', `/api/key-usage-details/${encodeURIComponent(key)}`);
    const models = Object.entries(data).sort((a, b) => b[1] - a[1]);
    clear(body).append(models.length
      ? el('table', { id: 'key-usage' }, el('thead', {}, el('tr', {}, el('th', {}, 'Model'), el('th', { class: 'num' }, 'Calls'))),
          el('tbody', {}, models.map(([model, calls]) => el('tr', {}, el('td', {}, model), el('td', { class: 'num' }, formatNumber(calls))))))
      : el('p', { class: 'empty' }, 'No calls with this key in the last 24 hours.'));
  } catch (error) {
    clear(body).append(el('p', { class: 'bad' }, error.message));
  }
}

// Verifies `keys` in batches with a progress dialog; the results grouped by error.
async function verifyMany(keys, done) {
  const bar = el('progress', { max: keys.length, value: 0 });
  const status = el('p', {}, `Verifying ${keys.length} keys…`);
  const results = el('div');
  openDialog('Verify keys', el('div', { id: 'verify-progress' }, status, bar, results));
  let valid = 0;
  const groups = new Map();
  for (let i = 0; i < keys.length; i += VERIFY_BATCH) {
    const batch = keys.slice(i, i + VERIFY_BATCH);
    try {
      const { data } = await api('POST', '/gemini/v1beta/verify-selected-keys', { keys: batch });
      valid += data.valid_count ?? 0;
      for (const group of data.failed_groups || []) {
        const label = `${group.error_code || 'error'}: ${group.error_message || ''}`;
        groups.set(label, (groups.get(label) || []).concat(group.keys || []));
      }
    } catch (error) {
      groups.set(error.message, (groups.get(error.message) || []).concat(batch));
    }
    bar.value = Math.min(keys.length, i + batch.length);
  }
  const invalid = [...groups.values()].reduce((n, g) => n + g.length, 0);
  status.textContent = `Done: ${valid} valid, ${invalid} invalid.`;
  status.dataset.done = 'true';
  for (const [label, failed] of groups) {
    results.append(el('details', {}, el('summary', {}, `${label} (${failed.length})`),
      el('div', { class: 'mono' }, failed.map((k) => el('div', {}, maskKey(k))))));
  }
  done?.();
}

// ---- the key lists ------------------------------------------------------------------------

class KeyList {
  constructor(section, onChange) {
    this.section = section;
    this.status = section.dataset.status;
    this.onChange = onChange;
    this.page = 1;
    this.totalPages = 1;
    this.keys = [];
    this.selected = new Set();
    this.reveal = false;
    this.q = (selector) => section.querySelector(selector);
    let timer;
    const reload = () => { this.page = 1; this.load().catch(reportError); };
    this.q('[data-search]').addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(reload, 250); });
    this.q('[data-threshold]').addEventListener('change', reload);
    this.q('[data-limit]').addEventListener('change', reload);
    this.q('[data-prev]').addEventListener('click', () => { if (this.page > 1) { this.page--; this.load().catch(reportError); } });
    this.q('[data-next]').addEventListener('click', () => { if (this.page < this.totalPages) { this.page++; this.load().catch(reportError); } });
    this.q('[data-reveal]').addEventListener('click', (e) => {
      this.reveal = !this.reveal;
      e.target.setAttribute('aria-pressed', String(this.reveal));
      e.target.textContent = this.reveal ? 'Hide' : 'Show';
      this.render();
    });
    this.q('[data-select-all]').addEventListener('change', (e) => {
      for (const k of this.keys) e.target.checked ? this.selected.add(k.key) : this.selected.delete(k.key);
      this.render();
    });
    for (const button of section.querySelectorAll('[data-batch]')) {
      button.addEventListener('click', () => this.batch(button.dataset.batch).catch(reportError));
    }
  }

  async load() {
    const params = new URLSearchParams({ status: this.status, page: this.page, limit: this.q('[data-limit]').value });
    const search = this.q('[data-search]').value.trim();
    const threshold = this.q('[data-threshold]').value.trim();
    if (search) params.set('search', search);
    if (threshold) params.set('fail_count_threshold', threshold);
    const { data } = await api('GET', `/api/keys?${params}`);
    this.keys = Object.entries(data.keys || {}).map(([key, failures]) => ({ key, failures }));
    this.totalPages = Math.max(1, data.total_pages || 1);
    this.page = Math.min(this.page, this.totalPages);
    this.q('[data-count]').textContent = formatNumber(data.total_items ?? this.keys.length);
    this.q('[data-page]').textContent = `Page ${this.page} of ${this.totalPages}`;
    this.render();
  }

  render() {
    const body = clear(this.q('tbody'));
    if (!this.keys.length) {
      body.append(el('tr', {}, el('td', { colspan: 4, class: 'empty' }, 'No keys here.')));
    }
    for (const { key, failures } of this.keys) {
      const act = (label, fn, cls = '') => el('button', { class: `small ${cls}`, 'data-key-action': label, onclick: () => fn().catch(reportError) }, label);
      body.append(el('tr', { 'data-key': maskKey(key) },
        el('td', {}, el('input', {
          type: 'checkbox', 'aria-label': `Select ${maskKey(key)}`, checked: this.selected.has(key),
          onchange: (e) => { e.target.checked ? this.selected.add(key) : this.selected.delete(key); this.updateBatch(); },
        })),
        el('td', { class: 'mono' }, this.reveal ? key : maskKey(key)),
        el('td', { class: `num ${failures > 0 ? 'warn' : ''}` }, formatNumber(failures)),
        el('td', { class: 'actions' },
          act('Copy', () => copyText(key, 'Key copied')),
          act('Verify', async () => { await verifyKey(key); await this.onChange(); }),
          act('Reset', async () => { await api('POST', keyPath('reset-fail-count', key)); toast('Failure count reset'); await this.onChange(); }),
          this.status === 'valid'
            ? act('Disable', async () => { await api('POST', keyPath('disable-key', key)); toast('Key disabled'); await this.onChange(); })
            : act('Enable', async () => { await api('POST', keyPath('enable-key', key)); toast('Key enabled'); await this.onChange(); }),
          act('Usage', () => showUsage(key)),
          act('Delete', async () => {
            if (!(await confirmDialog('Delete key', `Remove ${maskKey(key)} from API_KEYS?`, 'Delete', true))) return;
            await api('DELETE', `/api/config/keys/${encodeURIComponent(key)}`);
            this.selected.delete(key);
            toast('Key deleted');
            await this.onChange();
          }, 'danger'))));
    }
    this.updateBatch();
  }

  updateBatch() {
    for (const button of this.section.querySelectorAll('[data-batch]')) button.disabled = this.selected.size === 0;
    const all = this.q('[data-select-all]');
    all.checked = this.keys.length > 0 && this.keys.every((k) => this.selected.has(k.key));
  }

  async batch(action) {
    const keys = [...this.selected];
    if (!keys.length) return;
    if (action === 'copy') return copyText(keys.join('\n'), `${keys.length} keys copied`);
    if (action === 'verify') return verifyMany(keys, () => this.onChange());
    if (action === 'reset') {
      const { data } = await api('POST', '/gemini/v1beta/reset-selected-fail-counts', { keys });
      toast(data.message || 'Reset');
    } else if (action === 'delete') {
      if (!(await confirmDialog('Delete keys', `Remove ${keys.length} keys from API_KEYS?`, 'Delete', true))) return;
      const { data } = await api('POST', '/api/config/keys/delete-selected', { keys });
      toast(data.message || 'Deleted');
      this.selected.clear();
    }
    await this.onChange();
  }
}

// ---- page actions -------------------------------------------------------------------------

function addKeysDialog(refresh) {
  const area = el('textarea', { rows: 10, id: 'add-keys-text', placeholder: 'Paste keys: one per line, comma-separated, or any text that contains them.' });
  const { close } = openDialog('Add keys', el('div', {}, el('p', {}, 'Keys are found in the text, de-duplicated and saved.'), area), [
    { label: 'Cancel', id: 'cancel' },
    { label: 'Add', id: 'add', primary: true, onClick: async () => {
      try {
        const { data } = await api('POST', '/api/config/keys/add', { text: area.value });
        toast(`Added ${data.added_count}, already there ${data.duplicate_count}.`);
        close();
        await refresh();
      } catch (error) { reportError(error); }
    } },
  ]);
  area.focus();
}

async function main() {
  await initPage();
  const lists = [...document.querySelectorAll('.key-list')];
  let keyLists = [];
  const refreshAll = async () => {
    await Promise.all([...keyLists.map((l) => l.load()), loadOverview(), loadAttention()]);
  };
  keyLists = lists.map((section) => new KeyList(section, refreshAll));

  for (const button of document.querySelectorAll('#range [data-range]')) {
    button.addEventListener('click', () => {
      chartRange = button.dataset.range;
      for (const b of document.querySelectorAll('#range [data-range]')) b.setAttribute('aria-pressed', String(b === button));
      loadChart().catch(reportError);
    });
  }
  for (const card of document.querySelectorAll('[data-period]')) {
    card.addEventListener('click', () => showCallDetails(card.dataset.period));
  }
  document.getElementById('attention-status').addEventListener('change', () => loadAttention().catch(reportError));
  document.getElementById('attention-limit').addEventListener('change', () => loadAttention().catch(reportError));
  document.getElementById('add-keys').addEventListener('click', () => addKeysDialog(refreshAll));
  document.getElementById('verify-all').addEventListener('click', async () => {
    try {
      const { data } = await api('GET', '/api/keys/all');
      await verifyMany([...(data.valid_keys || []), ...(data.invalid_keys || [])], refreshAll);
    } catch (error) { reportError(error); }
  });
  document.getElementById('reset-all').addEventListener('click', async () => {
    if (!(await confirmDialog('Reset failure counts', 'Set the failure count of every key to 0?', 'Reset'))) return;
    try {
      const { data } = await api('POST', '/gemini/v1beta/reset-all-fail-counts');
      toast(data.message || 'Reset');
      await refreshAll();
    } catch (error) { reportError(error); }
  });
  document.getElementById('copy-all').addEventListener('click', async () => {
    try {
      const { data } = await api('GET', '/api/keys/all');
      const all = [...(data.valid_keys || []), ...(data.invalid_keys || [])];
      await copyText(all.join('\n'), `${all.length} keys copied`);
    } catch (error) { reportError(error); }
  });

  await Promise.all([refreshAll(), loadChart()]).catch(reportError);
  document.body.dataset.ready = 'true';
  // Live numbers; the key lists stay as they are while someone selects in them.
  setInterval(() => {
    if (document.hidden) return;
    Promise.all([loadOverview(), loadChart(), loadAttention()]).catch(() => {});
  }, 10000);
}

main().catch(reportError);
