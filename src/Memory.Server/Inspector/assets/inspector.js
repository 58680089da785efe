// The inspector: a read-mostly view of one user's memory through the public API, with the caller's own key.
// Every value from the server is untrusted text (memories are whatever agents and users wrote), so the page builds the
// DOM with createElement and text nodes only, never by parsing markup; the server's Content-Security-Policy forbids
// inline script as a second wall.
'use strict';

const state = { key: '', tenant: 'default', user: '', memoryCursor: null, operationCursor: null };

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (name === 'className') node.className = value;
    else if (name === 'onclick') node.addEventListener('click', value);
    else node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function table(headings, rows) {
  return el('table', {}, el('thead', {}, el('tr', {}, ...headings.map(h => el('th', {}, h)))), el('tbody', {}, ...rows));
}

function date(value) {
  return value ? String(value).replace('T', ' ').replace(/\.\d+/, '').replace('+00:00', 'Z') : '';
}

function say(message, isError) {
  const status = document.getElementById('status');
  status.textContent = message;
  status.className = isError ? 'error' : '';
}

function userPath(suffix) {
  return `/api/users/${encodeURIComponent(state.user)}${suffix}`;
}

// One call to the API; a problem+json answer becomes an Error whose message is the server's own title and detail.
async function api(method, path, body) {
  const headers = { 'x-tenant-id': state.tenant, 'Accept': 'application/json' };
  if (state.key) headers['x-functions-key'] = state.key;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = payload && (payload.detail || payload.title);
    throw new Error(`${response.status}: ${detail || response.statusText}`);
  }
  return payload;
}

async function run(action) {
  say('Loading…');
  try {
    await action();
    say('');
  } catch (error) {
    say(error.message, true);
  }
}

// Empties the element and fills it with the given nodes; absent (null) parts are left out, not written as "null".
function fill(id, ...nodes) {
  const node = document.getElementById(id);
  node.replaceChildren(...nodes.filter(part => part !== null && part !== undefined));
  return node;
}

// Memories, by kind, with event dates and the supersession chain; a click shows the memory's history.
async function loadMemories(more) {
  const list = more ? document.getElementById('memory-list') : fill('memory-list');
  if (!more) { fill('memory-detail'); state.memoryCursor = null; }
  const query = new URLSearchParams({ pageSize: '100' });
  if (document.getElementById('include-superseded').checked) query.set('includeSuperseded', 'true');
  if (more && state.memoryCursor) query.set('cursor', state.memoryCursor);
  const page = await api('GET', userPath(`/memories?${query}`));
  state.memoryCursor = page.nextCursor;
  document.getElementById('memories-more').hidden = !page.nextCursor;
  const byKind = new Map();
  for (const memory of page.items) {
    if (!byKind.has(memory.kind)) byKind.set(memory.kind, []);
    byKind.get(memory.kind).push(memory);
  }
  if (page.items.length === 0 && !more) list.append(el('p', {}, 'No memories for this user.'));
  for (const [kind, memories] of byKind) {
    list.append(el('h2', {}, `${kind} (${memories.length})`), table(
      ['event date', 'text', 'speaker', 'standing', 'id'],
      memories.map(memory => el('tr', { className: 'clickable' + (memory.supersededBy ? ' superseded' : ''), 'data-memory': memory.id, onclick: () => run(() => showMemory(memory)) },
        el('td', {}, date(memory.validFrom)),
        el('td', { className: 'text' }, memory.text),
        el('td', {}, memory.speaker || ''),
        el('td', {}, memory.supersededBy ? el('span', {}, 'superseded by ', memoryLink(memory.supersededBy)) : (memory.expiresAt ? `expires ${date(memory.expiresAt)}` : 'current')),
        el('td', {}, memory.id)))));
  }
}

function memoryLink(id) {
  return el('a', { className: 'link', onclick: event => { event.stopPropagation(); run(() => showMemoryById(id)); } }, id);
}

async function showMemoryById(id) {
  await showMemory(await api('GET', userPath(`/memories/${encodeURIComponent(id)}`)));
}

async function showMemory(memory) {
  const history = await api('GET', userPath(`/memories/${encodeURIComponent(memory.id)}/history`));
  fill('memory-detail',
    el('h2', {}, `Memory ${memory.id}`),
    el('p', { className: 'text' }, memory.text),
    el('p', {}, `kind ${memory.kind} · source ${memory.source} · confidence ${memory.confidence} · importance ${memory.importance}`,
      memory.sessionId ? ` · session ${memory.sessionId}` : '', memory.operationId ? ` · operation ${memory.operationId}` : ''),
    memory.supersededBy ? el('p', {}, 'Superseded by ', memoryLink(memory.supersededBy)) : null,
    el('h2', {}, 'History'),
    table(['at', 'change', 'before', 'after', 'actor', 'reason'], history.events.map(event => el('tr', {},
      el('td', {}, date(event.at)), el('td', {}, event.op), el('td', { className: 'text' }, event.before || ''),
      el('td', { className: 'text' }, event.after || ''), el('td', {}, event.actor), el('td', { className: 'text' }, event.reason || '')))));
}

// Operations, newest first, with progress; a click shows what each decision did.
async function loadOperations(more) {
  const list = more ? document.getElementById('operation-list') : fill('operation-list');
  if (!more) { fill('operation-detail'); state.operationCursor = null; }
  const query = new URLSearchParams({ pageSize: '50' });
  const status = document.getElementById('operation-status').value;
  if (status) query.set('status', status);
  if (more && state.operationCursor) query.set('cursor', state.operationCursor);
  const page = await api('GET', userPath(`/operations?${query}`));
  state.operationCursor = page.nextCursor;
  document.getElementById('operations-more').hidden = !page.nextCursor;
  if (page.items.length === 0 && !more) { list.append(el('p', {}, 'No operations for this user.')); return; }
  list.append(table(['created', 'status', 'progress', 'decisions', 'id'], page.items.map(operation => el('tr', { className: 'clickable', 'data-operation': operation.id, onclick: () => showOperation(operation) },
    el('td', {}, date(operation.createdAt)), el('td', {}, operation.status),
    el('td', {}, operation.progress ? `${operation.progress.step} ${operation.progress.done}/${operation.progress.total}` : ''),
    el('td', {}, operation.decisions.length), el('td', {}, operation.id)))));
}

function showOperation(operation) {
  fill('operation-detail',
    el('h2', {}, `Operation ${operation.id}: ${operation.status}`),
    operation.error ? el('p', { className: 'text' }, `Error: ${operation.error.title}: ${operation.error.detail}`) : null,
    table(['action', 'fact', 'memory', 'supersedes', 'reason'], operation.decisions.map(decision => el('tr', {},
      el('td', {}, decision.action), el('td', { className: 'text' }, decision.fact),
      el('td', {}, decision.memoryId ? memoryLinkTo(decision.memoryId) : ''),
      el('td', {}, decision.supersededMemoryId ? memoryLinkTo(decision.supersededMemoryId) : ''),
      el('td', { className: 'text' }, decision.reason || '')))));
}

function memoryLinkTo(id) {
  return el('a', { className: 'link', onclick: () => { select('memories'); run(() => showMemoryById(id)); } }, id);
}

// Search with the score explained: each numeric component of `explanation` drawn as a bar.
async function search(query) {
  const response = await api('POST', userPath('/search'), { query, topK: 10, explain: true });
  const results = fill('search-results');
  if (response.results.length === 0) { results.append(el('p', {}, 'Nothing found.')); return; }
  response.results.forEach((result, index) => {
    const components = Object.entries(result.explanation || {}).filter(([, value]) => typeof value === 'number');
    results.append(el('aside', { className: 'result' },
      el('h2', {}, `${index + 1}. score ${result.score.toFixed(3)} · ${result.memory.kind} · ${date(result.memory.validFrom)}`),
      el('p', { className: 'text' }, result.memory.text),
      ...components.map(([name, value]) => el('div', { className: 'component' },
        el('span', {}, name), el('span', {}, isShare(name, value) ? bar(value) : ''),
        el('span', {}, Number.isInteger(value) ? value : value.toFixed(4))))));
  });
}

// Parts of a score (0..1) get a bar; ranks, weights and maxima are shown as numbers only.
function isShare(name, value) {
  return value >= 0 && value <= 1 && !/(Rank|Weight|Maximum)$/.test(name);
}

// Widths go through the CSSOM: a style attribute would be inline style, which the Content-Security-Policy refuses.
function bar(value) {
  const node = el('span', { className: 'bar' });
  node.style.width = `${Math.round(Math.min(Math.abs(value), 1) * 100) / 10}rem`;
  return node;
}

// The context block exactly as an agent would receive it, with its token estimate.
async function previewContext(query, maxTokens) {
  const body = { maxTokens };
  if (query) body.query = query;
  const response = await api('POST', userPath('/context'), body);
  document.getElementById('context-summary').textContent =
    `${response.estimatedTokens} tokens of ${maxTokens}, ${response.memories.length} memories${response.truncated ? ', truncated to fit' : ''}.`;
  document.getElementById('context-block').textContent = response.context;
}

async function loadAudit() {
  const response = await api('GET', '/api/audit?limit=100');
  const list = fill('audit-list');
  if (response.records.length === 0) { list.append(el('p', {}, 'No audit records for this tenant.')); return; }
  list.append(table(['started', 'completed', 'action', 'outcome', 'user', 'actor', 'detail'], response.records.map(record => el('tr', {},
    el('td', {}, date(record.startedAt)), el('td', {}, date(record.completedAt)), el('td', {}, record.action), el('td', {}, record.outcome),
    el('td', {}, record.userId), el('td', {}, record.actor), el('td', { className: 'text' }, record.detail || '')))));
}

// The tenant's users (GET /api/users: read role over the whole tenant; a key bound to one user is refused and the page says
// so), up to ten pages, as the picker's choices. Choosing one opens it.
async function loadUsers() {
  readScope();
  const users = [];
  let cursor = null;
  for (let pages = 0; pages < 10; pages++) {
    const query = new URLSearchParams({ pageSize: '100' });
    if (cursor) query.set('cursor', cursor);
    const page = await api('GET', `/api/users?${query}`);
    users.push(...page.items.map(item => item.userId));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  const summary = users.length === 0 ? 'no users yet' : `${users.length}${cursor ? ' (first ones; type others)' : ''} users: pick one`;
  fill('user-picker', el('option', { value: '' }, summary), ...users.map(user => el('option', { value: user }, user)));
  document.getElementById('user-picker-label').hidden = false;
}

function readScope() {
  state.key = document.getElementById('key').value.trim();
  state.tenant = document.getElementById('tenant').value.trim() || 'default';
}

function select(tab) {
  for (const button of document.querySelectorAll('#tabs button')) button.classList.toggle('active', button.dataset.tab === tab);
  for (const section of document.querySelectorAll('section.tab')) section.hidden = section.id !== tab;
}

function requireUser() {
  if (!state.user) throw new Error('Enter a user id and press Open first.');
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('scope').addEventListener('submit', event => {
    event.preventDefault();
    readScope();
    state.user = document.getElementById('user').value.trim();
    select('memories');
    run(() => loadMemories(false));
  });
  for (const button of document.querySelectorAll('#tabs button')) {
    button.addEventListener('click', () => {
      select(button.dataset.tab);
      if (button.dataset.tab === 'operations') run(() => { requireUser(); return loadOperations(false); });
    });
  }
  document.getElementById('include-superseded').addEventListener('change', () => run(() => { requireUser(); return loadMemories(false); }));
  document.getElementById('memories-more').addEventListener('click', () => run(() => loadMemories(true)));
  document.getElementById('operation-status').addEventListener('change', () => run(() => loadOperations(false)));
  document.getElementById('operations-more').addEventListener('click', () => run(() => loadOperations(true)));
  document.getElementById('search-form').addEventListener('submit', event => {
    event.preventDefault();
    run(() => { requireUser(); return search(document.getElementById('search-query').value); });
  });
  document.getElementById('context-form').addEventListener('submit', event => {
    event.preventDefault();
    run(() => { requireUser(); return previewContext(document.getElementById('context-query').value, Number(document.getElementById('context-budget').value) || 1000); });
  });
  document.getElementById('audit-load').addEventListener('click', () => run(loadAudit));
  document.getElementById('users-load').addEventListener('click', () => run(loadUsers));
  document.getElementById('user-picker').addEventListener('change', event => {
    if (!event.target.value) return;
    document.getElementById('user').value = event.target.value;
    document.getElementById('scope').requestSubmit();
  });
});
