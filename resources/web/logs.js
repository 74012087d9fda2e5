// The /logs page: the error log with filters, paging, details, and deletion.
import { api, clear, confirmDialog, el, formatTime, initPage, openDialog, reportError, toast } from './admin.js';

const state = { page: 1, total: 0, ascending: false, filters: {}, rows: [], selected: new Set(), loads: 0 };

function limit() {
  return Number(document.getElementById('limit').value);
}

function pages() {
  return Math.max(1, Math.ceil(state.total / limit()));
}

async function load() {
  const params = new URLSearchParams({
    limit: String(limit()), offset: String((state.page - 1) * limit()),
    sort_by: 'id', sort_order: state.ascending ? 'asc' : 'desc',
  });
  for (const [name, value] of Object.entries(state.filters)) if (value !== '') params.set(name, value);
  const { data } = await api('GET', `/api/logs/errors?${params}`);
  state.total = data.total ?? 0;
  state.rows = data.logs || [];
  if (state.page > pages()) {
    state.page = pages();
    if (state.total > 0) return load();
  }
  render();
}

function render() {
  const body = clear(document.getElementById('rows'));
  if (!state.rows.length) {
    body.append(el('tr', {}, el('td', { colspan: 8, class: 'empty' }, state.total ? 'No rows on this page.' : 'No errors logged. Good.')));
  }
  for (const row of state.rows) {
    body.append(el('tr', { 'data-id': row.id },
      el('td', {}, el('input', {
        type: 'checkbox', 'aria-label': `Select error ${row.id}`, checked: state.selected.has(row.id),
        onchange: (e) => { e.target.checked ? state.selected.add(row.id) : state.selected.delete(row.id); updateSelection(); },
      })),
      el('td', { class: 'num' }, row.id),
      el('td', { class: 'mono' }, row.gemini_key || ''),
      el('td', {}, row.error_type || ''),
      el('td', { class: 'num' }, row.error_code ?? ''),
      el('td', {}, row.model_name || ''),
      el('td', {}, formatTime(row.request_time)),
      el('td', { class: 'actions' },
        el('button', { class: 'small', 'data-details': row.id, onclick: () => showDetails(row.id).catch(reportError) }, 'Details'),
        el('button', { class: 'small danger', onclick: () => deleteOne(row.id).catch(reportError) }, 'Delete'))));
  }
  document.getElementById('total').textContent = `${state.total.toLocaleString()} error${state.total === 1 ? '' : 's'}`;
  document.getElementById('page').textContent = `Page ${state.page} of ${pages()}`;
  document.getElementById('goto').max = String(pages());
  document.getElementById('sort-id').textContent = state.ascending ? 'ID ↑' : 'ID ↓';
  updateSelection();
  document.body.dataset.loads = String(++state.loads);  // each finished load, for tests and tools
}

function updateSelection() {
  document.getElementById('delete-selected').disabled = state.selected.size === 0;
  document.getElementById('select-all').checked = state.rows.length > 0 && state.rows.every((r) => state.selected.has(r.id));
}

async function showDetails(id) {
  const { data } = await api('GET', `/api/logs/errors/${id}/details`);
  const item = (label, value) => [el('dt', {}, label), el('dd', {}, value ?? '')];
  openDialog(`Error ${id}`, el('div', { id: 'error-details' },
    el('dl', {},
      item('Key', el('span', { class: 'mono' }, data.gemini_key || '')),
      item('Type', data.error_type), item('Status', data.error_code ?? ''),
      item('Model', data.model_name), item('Time', formatTime(data.request_time))),
    el('h4', {}, 'Upstream answer'),
    el('pre', { class: 'detail', 'data-field': 'error_log' }, data.error_log || '(empty)'),
    el('h4', {}, 'Request'),
    el('pre', { class: 'detail', 'data-field': 'request_msg' },
      data.request_msg ?? 'Not recorded (set ERROR_LOG_RECORD_REQUEST_BODY to keep request bodies).')));
}

async function deleteOne(id) {
  if (!(await confirmDialog('Delete error', `Delete error ${id}?`, 'Delete', true))) return;
  await api('DELETE', `/api/logs/errors/${id}`);
  state.selected.delete(id);
  toast('Deleted');
  await load();
}

function readFilters() {
  const form = document.getElementById('filters');
  const data = new FormData(form);
  const filters = {};
  for (const [name, value] of data.entries()) {
    const text = String(value).trim();
    if (!text) continue;
    // datetime-local is the browser's local time: sent as epoch milliseconds, unambiguous.
    filters[name] = name.endsWith('_date') ? String(new Date(text).getTime()) : text;
  }
  return filters;
}

async function main() {
  await initPage();
  const reload = () => load().catch(reportError);
  document.getElementById('filters').addEventListener('submit', (e) => {
    e.preventDefault();
    state.filters = readFilters();
    state.page = 1;
    reload();
  });
  document.getElementById('filters').addEventListener('reset', () => {
    state.filters = {};
    state.page = 1;
    setTimeout(reload, 0);
  });
  document.getElementById('refresh').addEventListener('click', reload);
  document.getElementById('limit').addEventListener('change', () => { state.page = 1; reload(); });
  document.getElementById('prev').addEventListener('click', () => { if (state.page > 1) { state.page--; reload(); } });
  document.getElementById('next').addEventListener('click', () => { if (state.page < pages()) { state.page++; reload(); } });
  document.getElementById('goto').addEventListener('change', (e) => {
    const page = Number(e.target.value);
    if (Number.isInteger(page) && page >= 1 && page <= pages()) { state.page = page; reload(); }
  });
  document.getElementById('sort-id').addEventListener('click', () => { state.ascending = !state.ascending; reload(); });
  document.getElementById('select-all').addEventListener('change', (e) => {
    for (const row of state.rows) e.target.checked ? state.selected.add(row.id) : state.selected.delete(row.id);
    render();
  });
  document.getElementById('delete-selected').addEventListener('click', async () => {
    const ids = [...state.selected];
    if (!(await confirmDialog('Delete errors', `Delete ${ids.length} selected errors?`, 'Delete', true))) return;
    try {
      await api('DELETE', '/api/logs/errors', { ids });
      state.selected.clear();
      toast(`Deleted ${ids.length}`);
      await load();
    } catch (error) { reportError(error); }
  });
  document.getElementById('delete-all').addEventListener('click', async () => {
    if (!(await confirmDialog('Delete all errors', 'Delete every row of the error log?', 'Delete all', true))) return;
    try {
      await api('DELETE', '/api/logs/errors/all');
      state.selected.clear();
      toast('Error log cleared');
      await load();
    } catch (error) { reportError(error); }
  });
  await load();
  document.body.dataset.ready = 'true';
}

main().catch(reportError);
