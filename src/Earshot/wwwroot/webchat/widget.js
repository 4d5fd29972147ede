// Earshot web chat widget. A brand embeds it with one tag:
//   <script src="https://EARSHOT/webchat/CHANNEL-ID/widget.js" async></script>
// (optionally data-visitor-token="…" signed by the brand's server for a signed-in customer).
// It draws into a shadow root, so the brand's CSS cannot break it and ours cannot leak. Everything a person wrote
// is set with textContent, never innerHTML: messages are untrusted text.
(() => {
  'use strict';
  const script = document.currentScript;
  if (!script) return;
  const src = new URL(script.src);
  const match = src.pathname.match(/\/webchat\/([^/]+)\/widget\.js$/);
  if (!match) return;
  const channel = match[1];
  const api = `${src.origin}/api/webchat/${encodeURIComponent(channel)}`;
  const key = `earshot-webchat:${channel}`;
  const visitorToken = script.dataset.visitorToken || null;

  const store = {
    get(name) { try { return localStorage.getItem(`${key}:${name}`); } catch { return null; } },
    set(name, value) { try { value === null ? localStorage.removeItem(`${key}:${name}`) : localStorage.setItem(`${key}:${name}`, value); } catch { /* private mode: the chat lasts as long as the page */ } },
  };

  let session = store.get('session');
  let stream = null;
  let cursor = null;
  const shown = new Map();

  // ---- the view ----
  const host = document.createElement('div');
  host.setAttribute('data-earshot-webchat', '');
  const root = host.attachShadow({ mode: 'open' });
  const el = (tag, props = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(props)) {
      if (name === 'text') node.textContent = value;
      else if (name === 'class') node.className = value;
      else node.setAttribute(name, value);
    }
    node.append(...children);
    return node;
  };
  const style = el('style', { text: `
    :host { all: initial; }
    * { box-sizing: border-box; font: 14px/1.4 system-ui, sans-serif; }
    .launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; border: 0; border-radius: 24px;
      padding: 12px 18px; background: #1f4fd1; color: #fff; cursor: pointer; box-shadow: 0 4px 14px rgba(0,0,0,.25); }
    .panel { position: fixed; right: 20px; bottom: 20px; z-index: 2147483001; width: 340px; max-width: calc(100vw - 40px);
      height: 460px; max-height: calc(100vh - 40px); display: flex; flex-direction: column; background: #fff; color: #1b1b1b;
      border-radius: 10px; box-shadow: 0 8px 30px rgba(0,0,0,.3); overflow: hidden; }
    .panel[hidden], .launcher[hidden], form[hidden] { display: none; }
    header { display: flex; align-items: center; justify-content: space-between; padding: 10px 14px; background: #1f4fd1; color: #fff; }
    header h2 { margin: 0; font-weight: 600; font-size: 15px; }
    header button { border: 0; background: none; color: #fff; font-size: 18px; cursor: pointer; }
    .status { margin: 0; padding: 6px 14px; background: #eef2fb; font-size: 13px; }
    .status.offline { background: #fff4dc; }
    .log { flex: 1; overflow-y: auto; padding: 10px 14px; display: flex; flex-direction: column; gap: 8px; }
    .line { max-width: 85%; padding: 7px 10px; border-radius: 10px; white-space: pre-wrap; overflow-wrap: anywhere; }
    .line .who { display: block; font-size: 11px; opacity: .7; }
    .line.visitor { align-self: flex-end; background: #1f4fd1; color: #fff; }
    .line.agent { align-self: flex-start; background: #eceff3; }
    .line.pending { opacity: .6; }
    .line.failed { outline: 2px solid #c0392b; }
    form { display: flex; flex-direction: column; gap: 6px; padding: 10px 14px; border-top: 1px solid #e3e3e3; }
    label { font-size: 12px; }
    input, textarea { width: 100%; padding: 7px; border: 1px solid #b9b9b9; border-radius: 6px; }
    textarea { resize: none; height: 56px; }
    form button { align-self: flex-end; border: 0; border-radius: 6px; padding: 7px 14px; background: #1f4fd1; color: #fff; cursor: pointer; }
    .error { color: #b00020; font-size: 12px; margin: 0; min-height: 1em; }
  ` });
  const launcher = el('button', { class: 'launcher', type: 'button', text: 'Chat with us' });
  const close = el('button', { type: 'button', 'aria-label': 'Close chat', text: '×' });
  const status = el('p', { class: 'status', role: 'status', text: 'Connecting…' });
  const log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation' });
  const email = el('input', { id: 'es-email', type: 'email', autocomplete: 'email', required: '' });
  const name = el('input', { id: 'es-name', type: 'text', autocomplete: 'name', maxlength: '100' });
  const startError = el('p', { class: 'error', role: 'alert' });
  const start = el('form', { class: 'start' },
    el('label', { for: 'es-email', text: 'Your e-mail' }), email,
    el('label', { for: 'es-name', text: 'Your name (optional)' }), name,
    startError, el('button', { type: 'submit', text: 'Start chat' }));
  const message = el('textarea', { id: 'es-message', maxlength: '4000', required: '' });
  const sendError = el('p', { class: 'error', role: 'alert' });
  const compose = el('form', { class: 'compose' },
    el('label', { for: 'es-message', text: 'Message' }), message, sendError, el('button', { type: 'submit', text: 'Send' }));
  const panel = el('section', { class: 'panel', role: 'dialog', 'aria-label': 'Chat' },
    el('header', {}, el('h2', { text: script.dataset.title || 'Chat with us' }), close), status, log, start, compose);
  panel.hidden = true;
  root.append(style, launcher, panel);

  const showStatus = online => {
    status.classList.toggle('offline', !online);
    status.textContent = online
      ? 'We are here. Ask us anything.'
      : 'No one is available right now. Leave a message: it is kept, and we will answer here.';
  };

  const render = line => {
    let node = shown.get(line.id);
    if (!node) {
      node = el('div', { class: `line ${line.from}` }, el('span', { class: 'who' }), el('span', { class: 'text' }));
      shown.set(line.id, node);
      log.append(node);
    }
    node.classList.remove('pending', 'failed');
    node.querySelector('.who').textContent = line.from === 'agent' ? (line.name || 'Support') : 'You';
    node.querySelector('.text').textContent = line.text;
    log.scrollTop = log.scrollHeight;
    return node;
  };

  // ---- talking to Earshot ----
  // randomUUID needs a secure context; a brand page on plain http still has getRandomValues.
  const newId = () => crypto.randomUUID ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');
  const call = (method, path, body) => fetch(`${api}${path}`, {
    method,
    mode: 'cors',
    credentials: 'omit',
    headers: { 'Content-Type': 'application/json', ...(session ? { 'X-Earshot-Visitor': session } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const problem = async response => {
    try { const p = await response.json(); return p.detail || p.title || `error ${response.status}`; } catch { return `error ${response.status}`; }
  };

  const forget = () => {
    session = null;
    store.set('session', null);
    if (stream) { stream.close(); stream = null; }
    shown.clear();
    log.replaceChildren();
  };

  const showForms = () => {
    start.hidden = !!session || !!visitorToken;
    compose.hidden = !session;
  };

  const listen = () => {
    if (stream) stream.close();
    const after = cursor ? `&after=${cursor}` : '';
    stream = new EventSource(`${api}/stream?token=${encodeURIComponent(session)}${after}`);
    stream.addEventListener('line', event => {
      cursor = event.lastEventId || cursor;
      render(JSON.parse(event.data));
    });
    stream.addEventListener('status', event => showStatus(JSON.parse(event.data).online));
    stream.addEventListener('error', () => {
      // EventSource retries by itself (resuming with Last-Event-ID). When it gives up (a refusal, such as an expired
      // session), ask once more: a live session reconnects, a dead one is forgotten and the start form comes back.
      if (stream && stream.readyState === EventSource.CLOSED && session) {
        stream = null;
        setTimeout(async () => {
          if (!session) return;
          if (await resume().catch(() => false)) listen();
          else if (!session) showForms();
          else setTimeout(() => { if (session && !stream) listen(); }, 10000);
        }, 3000);
      }
    });
  };

  const resume = async () => {
    const response = await call('GET', '/messages');
    if (response.status === 401) { forget(); return false; }
    if (!response.ok) { status.textContent = await problem(response); return false; }
    const history = await response.json();
    history.messages.forEach(render);
    showStatus(history.online);
    return true;
  };

  const begin = async body => {
    const response = await call('POST', '/sessions', body);
    if (!response.ok) { startError.textContent = await problem(response); return false; }
    const started = await response.json();
    session = started.session_token;
    store.set('session', session);
    showStatus(started.online);
    return true;
  };

  const open = async () => {
    launcher.hidden = true;
    panel.hidden = false;
    store.set('open', '1');
    if (session && !(await resume())) session = null;
    if (!session && visitorToken) await begin({ visitor_token: visitorToken });
    if (!session) status.textContent = 'Tell us how to reach you, then write your message.';
    showForms();
    if (session) { listen(); message.focus(); } else email.focus();
  };

  const send = async (id, text) => {
    const node = render({ id, from: 'visitor', text });
    node.classList.add('pending');
    // The same id on every attempt: a message that did arrive is stored once.
    for (let attempt = 1; attempt <= 4; attempt++) {
      let response;
      try { response = await call('POST', '/messages', { id, text }); } catch { response = null; }
      if (response && response.ok) {
        node.classList.remove('pending');
        showStatus((await response.json()).online);
        return;
      }
      if (response && response.status === 401) { forget(); showForms(); sendError.textContent = 'Your chat expired; start again.'; return; }
      if (response && response.status < 500 && response.status !== 429) { node.classList.add('failed'); sendError.textContent = await problem(response); return; }
      const wait = Number(response?.headers.get('Retry-After')) * 1000 || attempt * 1500;
      await new Promise(resolve => setTimeout(resolve, wait));
    }
    node.classList.add('failed');
    sendError.textContent = 'Not sent: check your connection and try again.';
  };

  launcher.addEventListener('click', open);
  close.addEventListener('click', () => { panel.hidden = true; launcher.hidden = false; store.set('open', null); });
  start.addEventListener('submit', async event => {
    event.preventDefault();
    startError.textContent = '';
    if (await begin({ email: email.value.trim(), name: name.value.trim() || undefined })) {
      showForms();
      listen();
      message.focus();
    }
  });
  compose.addEventListener('submit', event => {
    event.preventDefault();
    const text = message.value.trim();
    if (!text) return;
    sendError.textContent = '';
    message.value = '';
    send(newId(), text);
  });
  message.addEventListener('keydown', event => {
    if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); compose.requestSubmit(); }
  });

  const mount = () => {
    document.body.append(host);
    if (store.get('open')) open();
  };
  if (document.body) mount(); else document.addEventListener('DOMContentLoaded', mount);
})();
