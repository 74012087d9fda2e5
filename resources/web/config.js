// The /config page: every setting from /api/config/schema, grouped in tabs, with an editor
// per type, its source and description. Save sends only what changed (PUT /api/config,
// validated all-or-nothing by the server); secrets stay masked unless replaced.
import { api, clear, confirmDialog, el, initPage, reportError, toast } from './admin.js';

const GROUP_TITLES = {
  api: 'API', keys: 'Keys', models: 'Models', media: 'Images and speech', stream: 'Streaming',
  scheduler: 'Scheduler', logging: 'Logging', files: 'Files', admin: 'Admin', database: 'Database',
};
const SOURCE_TITLES = { default: 'default', dotenv: '.env', env: 'environment', environment: 'environment', saved: 'saved' };

let schema = {};
let values = {};
const edits = new Map();  // name -> JSON value to send
let currentGroup = null;

function isStructured(type) {
  return type === 'string_list' || type === 'string_map' || type === 'number_map' || type === 'map_list';
}

function textOf(type, value) {
  if (type === 'string_list') return Array.isArray(value) ? value.join('\n') : '';
  if (isStructured(type)) return JSON.stringify(value ?? (type === 'map_list' ? [] : {}), null, 2);
  return value == null ? '' : String(value);
}

// The editor's text back to a JSON value, or throws with a message for the field.
function valueOf(type, text) {
  switch (type) {
    case 'integer': {
      if (!/^-?\d+$/.test(text.trim())) throw new Error('a whole number');
      return Number.parseInt(text, 10);
    }
    case 'number': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n)) throw new Error('a number');
      return n;
    }
    case 'boolean': return text === 'true';
    case 'string_list': return text.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
    case 'string_map': case 'number_map': case 'map_list': {
      let parsed;
      try { parsed = JSON.parse(text || (type === 'map_list' ? '[]' : '{}')); } catch { throw new Error('valid JSON'); }
      if (type === 'map_list' ? !Array.isArray(parsed) : (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))) {
        throw new Error(type === 'map_list' ? 'a JSON array of objects' : 'a JSON object');
      }
      return parsed;
    }
    default: return text;
  }
}

function editorFor(name, spec) {
  const current = values[name];
  const id = `setting-${name}`;
  if (spec.type === 'boolean') {
    return el('input', { type: 'checkbox', id, checked: current === true, 'data-setting': name });
  }
  if (spec.choices && spec.choices.length) {
    const select = el('select', { id, 'data-setting': name },
      spec.choices.map((c) => el('option', { value: c, selected: String(current).toLowerCase() === c.toLowerCase() }, c)));
    return select;
  }
  if (isStructured(spec.type)) {
    const lines = Math.min(12, Math.max(3, textOf(spec.type, current).split('\n').length + 1));
    return el('textarea', { id, rows: lines, spellcheck: 'false', 'data-setting': name }, textOf(spec.type, current));
  }
  const attrs = { id, 'data-setting': name, value: textOf(spec.type, current), spellcheck: 'false', autocomplete: 'off' };
  if (spec.type === 'integer' || spec.type === 'number') {
    attrs.type = 'number';
    if (spec.type === 'integer') attrs.step = '1';
    else attrs.step = 'any';
    if (spec.minimum !== undefined) attrs.min = spec.minimum;
    if (spec.maximum !== undefined) attrs.max = spec.maximum;
  } else {
    attrs.type = spec.secret ? 'password' : 'text';
  }
  return el('input', attrs);
}

function readEditor(input, spec) {
  if (spec.type === 'boolean') return input.checked ? 'true' : 'false';
  return input.value;
}

function renderField(name, spec) {
  const input = editorFor(name, spec);
  const error = el('div', { class: 'error', role: 'alert', 'data-error': name });
  const field = el('div', { class: 'field', 'data-field': name });
  const onEdit = () => {
    error.textContent = '';
    try {
      const value = valueOf(spec.type, readEditor(input, spec));
      if (JSON.stringify(value) === JSON.stringify(values[name])) edits.delete(name);
      else edits.set(name, value);
    } catch (e) {
      edits.delete(name);
      error.textContent = `${name} must be ${e.message}.`;
    }
    field.classList.toggle('changed', edits.has(name));
    updateDirty();
  };
  input.addEventListener(spec.type === 'boolean' || input.tagName === 'SELECT' ? 'change' : 'input', onEdit);
  const extras = [];
  if (spec.secret && input.type === 'password') {
    extras.push(el('button', { class: 'small', type: 'button', onclick: (e) => {
      const show = input.type === 'password';
      input.type = show ? 'text' : 'password';
      e.target.textContent = show ? 'Hide' : 'Show';
    } }, 'Show'));
  }
  const meta = [SOURCE_TITLES[spec.source] || spec.source];
  if (spec.restart_required) meta.push('restart');
  if (spec.secret) meta.push('secret, shown masked');
  field.append(
    el('div', {}, el('label', { class: 'name', for: input.id }, name), el('div', { class: 'meta', 'data-source': name }, meta.join(' · '))),
    el('div', {}, input, ' ', ...extras),
    el('div', { class: 'help' }, spec.description || ''),
    error);
  return field;
}

function renderGroup(group) {
  currentGroup = group;
  for (const tab of document.querySelectorAll('#tabs button')) tab.setAttribute('aria-selected', String(tab.dataset.group === group));
  const filter = document.getElementById('filter').value.trim().toUpperCase();
  const box = clear(document.getElementById('fields'));
  const names = Object.keys(schema).filter((n) => (filter ? n.includes(filter) || (schema[n].description || '').toUpperCase().includes(filter)
    : schema[n].group === group)).sort();
  if (!names.length) box.append(el('p', { class: 'empty' }, 'No setting matches.'));
  for (const name of names) {
    const field = renderField(name, schema[name]);
    if (edits.has(name)) {
      // Keep an unsaved edit when switching tabs.
      const input = field.querySelector('[data-setting]');
      const value = edits.get(name);
      if (schema[name].type === 'boolean') input.checked = value === true;
      else input.value = textOf(schema[name].type, value);
      field.classList.add('changed');
    }
    box.append(field);
  }
}

function updateDirty() {
  const n = edits.size;
  document.getElementById('dirty').textContent = n ? `${n} unsaved change${n === 1 ? '' : 's'}` : '';
  document.getElementById('save').disabled = n === 0;
  document.getElementById('discard').disabled = n === 0;
}

async function load() {
  const [s, v] = await Promise.all([api('GET', '/api/config/schema'), api('GET', '/api/config')]);
  schema = s.data;
  values = v.data;
  const groups = [...new Set(Object.values(schema).map((x) => x.group))]
    .sort((a, b) => Object.keys(GROUP_TITLES).indexOf(a) - Object.keys(GROUP_TITLES).indexOf(b));
  const tabs = clear(document.getElementById('tabs'));
  for (const group of groups) {
    tabs.append(el('button', { role: 'tab', 'data-group': group, onclick: () => renderGroup(group) }, GROUP_TITLES[group] || group));
  }
  renderGroup(groups.includes(currentGroup) ? currentGroup : groups[0]);
}

async function save() {
  const body = Object.fromEntries(edits);
  try {
    const { headers } = await api('PUT', '/api/config', body);
    const restart = headers.get('X-Restart-Required');
    toast(restart ? `Saved. Restart GemBalance to apply: ${restart}` : `Saved ${edits.size} setting${edits.size === 1 ? '' : 's'}.`);
    edits.clear();
    updateDirty();
    await load();
  } catch (error) {
    // The server names each refused setting: show it next to its field.
    const errors = error.data?.errors || [error.message];
    for (const message of errors) {
      const name = String(message).split(':')[0].trim();
      const box = document.querySelector(`[data-error="${CSS.escape(name)}"]`);
      if (box) box.textContent = message;
    }
    toast(`Nothing saved: ${errors.join('; ')}`, 'error');
  }
}

async function main() {
  await initPage();
  document.getElementById('save').addEventListener('click', save);
  document.getElementById('discard').addEventListener('click', () => { edits.clear(); updateDirty(); renderGroup(currentGroup); });
  document.getElementById('filter').addEventListener('input', () => renderGroup(currentGroup));
  document.getElementById('reset').addEventListener('click', async () => {
    if (!(await confirmDialog('Reset settings', 'Drop every saved setting and use .env and the environment again?', 'Reset', true))) return;
    try {
      await api('POST', '/api/config/reset');
      edits.clear();
      updateDirty();
      await load();
      toast('Settings reset to .env and the environment.');
    } catch (error) { reportError(error); }
  });
  window.addEventListener('beforeunload', (e) => { if (edits.size) e.preventDefault(); });
  await load();
  document.body.dataset.ready = 'true';
}

main().catch(reportError);
