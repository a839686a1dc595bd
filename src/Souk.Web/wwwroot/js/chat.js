// Real-time chat for signed-in people: ONE hub connection per page, kept across enhanced navigations (the document stays).
// WebSockets without negotiation, so any node behind the load balancer can take the socket (no sticky sessions), and
// reconnection that never gives up. On every (re)connect Sync(lastSeen) returns what was missed.
// Pages render everything on the server (and work without this file); here we only add what arrived since: messages are
// fetched as server-rendered fragments (/chat/{id}/messages?after=), so they come in the reader's language and look the same.

let connection = null;
let lastSeen = 0;
let badge = null;
let view = null; // the open conversation page: { id, me, list, ... }
let typingSentAt = 0;
let inboxRefresh = 0;

export async function bindChat() {
  const tab = document.querySelector('[data-chat-badge]');
  if (!tab) return; // signed out: no connection
  document.documentElement.classList.add('chat-js'); // shows the controls that need this file (again after an enhanced navigation)
  badge = {
    unreadMessages: Number(tab.dataset.unreadMessages || 0),
    unreadNotifications: Number(tab.dataset.unreadNotifications || 0),
  };
  bindConversation();
  showState();
  if (!connection) await connect();
  // Into a conversation by enhanced navigation: the tab bar was counted beside the page's own read mark, so it may still
  // count this conversation; Sync answers with the badge as it is now (and marks read what is on the page).
  else if (view && connection.state === 'Connected') await sync();
}

async function connect() {
  if (!window.signalR) await import('/lib/signalr/signalr.min.js'); // UMD: defines window.signalR
  const { HubConnectionBuilder, HttpTransportType, LogLevel } = window.signalR;
  connection = new HubConnectionBuilder()
    .withUrl('/hubs/chat', { skipNegotiation: true, transport: HttpTransportType.WebSockets })
    // Never give up (the default stops after four tries): back off to 30 s, with jitter so a restarted node is not stormed.
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => Math.min(30000, 500 * 2 ** ctx.previousRetryCount) + Math.random() * 1000 })
    .configureLogging(LogLevel.Warning)
    .build();
  connection.on('MessageReceived', (m) => onMessage(m, true));
  connection.on('MessageUpdated', (m) => onMessage(m, false));
  connection.on('ReadReceipt', onReadReceipt);
  connection.on('Typing', onTyping);
  connection.on('Badge', setBadge);
  connection.on('ConversationUpdated', onConversationUpdated);
  connection.onreconnecting(showState);
  connection.onreconnected(() => { showState(); sync(); });
  // Closed for good only when the reconnect loop was stopped (e.g. signed out): start afresh a little later.
  connection.onclose(() => { showState(); setTimeout(start, 5000); });
  setInterval(() => { if (connection.state === 'Connected') connection.invoke('Heartbeat').catch(() => {}); }, 60000);
  await start();
}

async function start() {
  if (connection.state !== 'Disconnected') return;
  try {
    await connection.start();
    showState();
    await sync();
  } catch {
    setTimeout(start, 5000 + Math.random() * 5000);
  }
}

// The connection's state on <html data-chat=…> (styling hooks, and tests wait for "Connected").
function showState() {
  document.documentElement.dataset.chat = connection?.state ?? 'Disconnected';
}

// What was missed while disconnected: messages after the last one this page knows, in pages of at most 200. A page that
// has seen no message yet (lastSeen 0) asks from the far end: it needs only the badge, not everyone's whole history; the
// open conversation fetches what it lacks after its last rendered message anyway.
async function sync() {
  try {
    for (let page = 0; page < 10; page++) {
      const result = await connection.invoke('Sync', lastSeen || Number.MAX_SAFE_INTEGER);
      for (const m of result.messages) lastSeen = Math.max(lastSeen, m.id);
      setBadge(result.badge);
      if (!result.more || result.messages.length === 0) break;
    }
    if (view) {
      queueRender({ id: 0, kind: 'offer' }, true); // also refreshes offer cards that changed meanwhile
      await view.chain;
      await markRead();
    }
    refreshInbox();
  } catch { /* the next reconnect syncs again */ }
}

function onMessage(m, isNew) {
  lastSeen = Math.max(lastSeen, m.id);
  const mine = view && m.sender?.id === view.me;
  if (view && m.conversationId === view.id) {
    queueRender(m, isNew);
    if (isNew && !mine) {
      clearTyping();
      view.chain = view.chain.then(markRead); // once it is on the page
    }
  } else if (isNew && m.sender && m.sender.id !== tabUser() && badge) {
    // The server's count follows with the next Badge push (read, sync); until then count it here.
    setBadge({ unreadMessages: badge.unreadMessages + 1, unreadNotifications: badge.unreadNotifications });
  }
  refreshInbox();
}

function tabUser() {
  return document.querySelector('[data-chat-badge]')?.dataset.me;
}

// ---- the Inbox tab badge: unread messages + unread notifications -------------------------------------------------

function setBadge(counts) {
  if (!counts) return;
  badge = { unreadMessages: counts.unreadMessages, unreadNotifications: counts.unreadNotifications };
  const tab = document.querySelector('[data-chat-badge]');
  if (!tab) return;
  tab.dataset.unreadMessages = String(badge.unreadMessages);
  tab.dataset.unreadNotifications = String(badge.unreadNotifications);
  const total = badge.unreadMessages + badge.unreadNotifications;
  const text = total > 99 ? '99+' : String(total);
  const icon = tab.querySelector('.tab-icon');
  let dot = icon.querySelector('.tab-badge');
  let spoken = tab.querySelector('[data-badge-spoken]');
  if (total <= 0) {
    dot?.remove();
    spoken?.remove();
    return;
  }
  if (!dot) {
    dot = document.createElement('div');
    dot.className = 'tab-badge';
    dot.setAttribute('aria-hidden', 'true');
    icon.append(dot);
  }
  dot.textContent = text;
  if (!spoken) {
    spoken = document.createElement('div');
    spoken.className = 'visually-hidden';
    spoken.dataset.badgeSpoken = '';
    tab.append(spoken);
  }
  spoken.textContent = `(${(tab.dataset.unreadLabel || '{0}').replace('{0}', text)})`;
}

// ---- the Inbox page: its conversation list is re-rendered by the server when something changes ----------------------

function refreshInbox() {
  if (!document.querySelector('[data-chat-list]')) return;
  clearTimeout(inboxRefresh);
  inboxRefresh = setTimeout(async () => {
    const list = document.querySelector('[data-chat-list]');
    if (!list) return;
    const response = await fetch(window.location.href, { headers: { Accept: 'text/html' } }).catch(() => null);
    if (!response?.ok) return;
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html').querySelector('[data-chat-list]');
    if (fresh) list.replaceWith(fresh);
  }, 300);
}

// ---- a conversation page ---------------------------------------------------------------------------------------------

function bindConversation() {
  const root = document.querySelector('[data-chat-conversation]');
  if (!root) {
    view = null;
    return;
  }
  const id = Number(root.dataset.chatConversation);
  const list = root.querySelector('[data-chat-messages]');
  view = { id, root, list, me: root.dataset.me, chain: Promise.resolve(), typingTimer: 0 };
  lastSeen = Math.max(lastSeen, lastRenderedId());
  root.querySelectorAll('[data-js-only]').forEach((el) => { el.hidden = false; });
  scrollToEnd(true);
}

function lastRenderedId() {
  const items = view?.list.querySelectorAll('[data-message-id]');
  return items?.length ? Number(items[items.length - 1].dataset.messageId) : 0;
}

// Fragments render one at a time, in order, so two pushes cannot insert the same message twice.
function queueRender(m, isNew) {
  const current = view;
  current.chain = current.chain.then(() => (isNew ? appendNew(current) : replaceOne(current, m.id))).catch(() => {});
  // A step of an offer (a counter, an accept) changes the older cards of that offer too.
  if (['offer', 'system'].includes(kindName(m.kind))) current.chain = current.chain.then(() => refreshOfferCards(current)).catch(() => {});
}

async function fragment(current, query) {
  const response = await fetch(`/chat/${current.id}/messages?${query}`, { headers: { Accept: 'text/html' } });
  if (!response.ok) return [];
  const template = document.createElement('template');
  template.innerHTML = await response.text();
  return [...template.content.querySelectorAll('[data-message-id]')];
}

async function appendNew(current) {
  if (view !== current) return;
  const after = lastRenderedId();
  const nearEnd = isNearEnd();
  for (const item of await fragment(current, `after=${after}`)) {
    if (current.list.querySelector(`[data-message-id="${item.dataset.messageId}"]`)) continue;
    current.list.querySelector('[data-chat-empty]')?.remove();
    current.list.append(item);
  }
  placeReadMarker();
  if (nearEnd) scrollToEnd(false);
}

async function replaceOne(current, id) {
  const old = current.list.querySelector(`[data-message-id="${id}"]`);
  if (!old) return;
  const [item] = await fragment(current, `ids=${id}`);
  if (item && old.isConnected) old.replaceWith(item);
  placeReadMarker();
}

async function refreshOfferCards(current) {
  const ids = [...current.list.querySelectorAll('[data-offer-id]')].map((el) => el.closest('[data-message-id]').dataset.messageId);
  if (ids.length === 0) return;
  for (const item of await fragment(current, `ids=${ids.join(',')}`)) {
    current.list.querySelector(`[data-message-id="${item.dataset.messageId}"]`)?.replaceWith(item);
  }
}

// The hub sends enums as numbers (MessageKind), the REST API as camelCase names: accept both.
function kindName(kind) {
  return typeof kind === 'number' ? ['text', 'photo', 'item', 'offer', 'system'][kind] : String(kind).toLowerCase();
}

function isNearEnd() {
  const el = document.scrollingElement;
  return el.scrollHeight - el.scrollTop - el.clientHeight < 200;
}

function scrollToEnd(instant) {
  view?.root.querySelector('[data-chat-end]')?.scrollIntoView({ block: 'end', behavior: instant ? 'instant' : 'smooth' });
}

async function markRead() {
  if (!view || document.visibilityState !== 'visible' || connection?.state !== 'Connected') return;
  const last = lastRenderedId();
  if (last > Number(view.root.dataset.readUpTo || 0)) {
    view.root.dataset.readUpTo = String(last);
    await connection.invoke('MarkRead', view.id, last).catch(() => {});
  }
}

document.addEventListener('visibilitychange', () => { markRead(); });

// "Read" under my last message that someone else has read.
function onReadReceipt(receipt) {
  if (!view || receipt.conversationId !== view.id || receipt.userId === view.me) return;
  const before = Number(view.root.dataset.othersRead || 0);
  view.root.dataset.othersRead = String(Math.max(before, receipt.lastReadMessageId));
  placeReadMarker();
}

function placeReadMarker() {
  if (!view) return;
  const upTo = Number(view.root.dataset.othersRead || 0);
  const mine = [...view.list.querySelectorAll(`[data-message-id][data-mine]`)].filter((el) => Number(el.dataset.messageId) <= upTo);
  const target = mine[mine.length - 1];
  const marker = view.list.querySelector('[data-read-marker]');
  if (!target || marker?.closest('[data-message-id]') === target) return;
  marker?.remove();
  const label = document.createElement('p');
  label.className = 'chat-read';
  label.dataset.readMarker = '';
  label.textContent = view.root.dataset.readLabel || '';
  target.querySelector('.chat-bubble-wrap')?.append(label);
}

function onTyping(signal) {
  if (!view || signal.conversationId !== view.id || signal.userId === view.me) return;
  const line = view.root.querySelector('[data-chat-typing]');
  if (!line) return;
  line.textContent = (view.root.dataset.typingLabel || '{0}').replace('{0}', `@${signal.handle}`);
  clearTimeout(view.typingTimer);
  view.typingTimer = setTimeout(clearTyping, 4000);
}

function clearTyping() {
  const line = view?.root.querySelector('[data-chat-typing]');
  if (line) line.textContent = '';
}

function onConversationUpdated(conversationId) {
  if (view && view.id === conversationId) {
    // Members or title changed, or I was removed: the server decides what this page is now.
    if (window.Blazor?.navigateTo) window.Blazor.navigateTo(window.location.pathname, { replaceHistoryEntry: true });
    else window.location.reload();
  }
  refreshInbox();
}

// ---- the composer and message actions (the API; the plain form post is the no-JS path) -------------------------------

function newClientId() {
  return window.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

async function api(method, url, body) {
  const init = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(url, init);
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  if (!response.ok) {
    const fieldErrors = json?.errors ? Object.values(json.errors).flat() : [];
    throw new Error(fieldErrors[0] || json?.detail || json?.title || String(response.status));
  }
  return json;
}

function showError(message) {
  const box = view?.root.querySelector('[data-chat-error]');
  if (!box) return;
  box.textContent = message || '';
  box.hidden = !message;
}

// A message is sent with a client id made once; a retry after a network failure reuses it, so it is never stored twice.
async function send(body) {
  if (!view) return;
  showError('');
  const current = view;
  const message = { clientMessageId: newClientId(), ...body };
  for (let attempt = 0; ; attempt++) {
    try {
      await api('POST', `/api/v1/conversations/${current.id}/messages`, message);
      break;
    } catch (e) {
      if (e instanceof TypeError && attempt < 3) { await new Promise((r) => setTimeout(r, 1000 * (attempt + 1))); continue; }
      showError(e.message);
      return;
    }
  }
  queueRender({ id: 0, kind: body.kind }, true);
  await current.chain;
  scrollToEnd(false);
}

document.addEventListener('submit', async (event) => {
  const form = event.target.closest?.('[data-chat-composer]');
  if (!form || !view) return;
  event.preventDefault();
  event.stopPropagation();
  const input = form.querySelector('[data-chat-text]');
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  await send({ kind: 'text', text });
  input.focus();
}, true);

document.addEventListener('keydown', (event) => {
  const input = event.target.closest?.('[data-chat-text]');
  if (!input) return;
  // Enter sends on a keyboard (Shift+Enter for a new line); phones keep their return key for new lines.
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && window.matchMedia('(pointer: fine)').matches) {
    event.preventDefault();
    input.form.requestSubmit();
  }
});

document.addEventListener('input', (event) => {
  if (!event.target.closest?.('[data-chat-text]') || !view || connection?.state !== 'Connected') return;
  const now = Date.now();
  if (now - typingSentAt < 2000) return;
  typingSentAt = now;
  connection.invoke('Typing', view.id).catch(() => {});
});

document.addEventListener('change', async (event) => {
  const input = event.target.closest?.('[data-chat-photo]');
  if (!input || !view || !input.files?.length) return;
  const status = view.root.querySelector('[data-chat-photo-status]');
  showError('');
  for (const file of input.files) {
    if (status) status.textContent = status.dataset.uploading || '';
    try {
      const form = new FormData();
      form.append('file', file);
      const media = await api('POST', '/api/v1/media', form);
      await send({ kind: 'photo', mediaId: media.id });
    } catch (e) {
      showError(e.message);
    }
  }
  if (status) status.textContent = '';
  input.value = '';
});

document.addEventListener('click', async (event) => {
  const button = event.target.closest?.('[data-chat-action]');
  if (!button || !view) return;
  event.preventDefault();
  const item = button.closest('[data-message-id]');
  const id = item?.dataset.messageId;
  showError('');
  try {
    switch (button.dataset.chatAction) {
      case 'share': {
        button.closest('details')?.removeAttribute('open');
        const body = button.dataset.listingId ? { kind: 'item', listingId: Number(button.dataset.listingId) } : { kind: 'item', productId: Number(button.dataset.productId) };
        await send(body);
        return;
      }
      case 'edit': {
        const text = window.prompt(button.dataset.prompt || '', item.querySelector('[data-message-text]')?.textContent ?? '');
        if (text === null || !text.trim()) return;
        await api('PATCH', `/api/v1/messages/${id}`, { text: text.trim() });
        break;
      }
      case 'delete':
        if (!window.confirm(button.dataset.prompt || '')) return;
        await api('DELETE', `/api/v1/messages/${id}`);
        break;
      case 'report': {
        const reason = window.prompt(button.dataset.prompt || '', '');
        if (reason === null) return;
        await api('POST', `/api/v1/messages/${id}/report`, { reason: reason.trim() });
        const done = item.querySelector('[data-report-done]');
        if (done) done.hidden = false;
        break;
      }
      case 'remove-member':
      case 'leave':
        if (!window.confirm(button.dataset.prompt || '')) return;
        await api('DELETE', `/api/v1/conversations/${view.id}/members/${encodeURIComponent(button.dataset.handle)}`);
        if (button.dataset.chatAction === 'leave') window.location.assign('/inbox');
        return; // the ConversationUpdated push reloads the page
      case 'accept':
      case 'decline':
        await api('POST', `/api/v1/offers/${button.dataset.offerId}/${button.dataset.chatAction}`);
        break;
      default:
        return;
    }
    item?.querySelector('details[open]')?.removeAttribute('open');
    if (id) queueRender({ id: Number(id), kind: 'offer' }, false);
  } catch (e) {
    showError(e.message);
  }
});

// Counter-offer: the amount is typed in major units and sent in minor units of the offer's currency.
document.addEventListener('submit', async (event) => {
  const form = event.target.closest?.('[data-offer-counter]');
  if (!form || !view) return;
  event.preventDefault();
  event.stopPropagation();
  const digits = Number(form.dataset.digits || 2);
  const value = Number(String(form.elements.amount.value).replace(',', '.'));
  showError('');
  if (!Number.isFinite(value) || value <= 0) {
    showError(form.dataset.invalid || '');
    return;
  }
  try {
    await api('POST', `/api/v1/offers/${form.dataset.offerCounter}/counter`, {
      amount: { amount: Math.round(value * 10 ** digits), currency: form.dataset.currency },
    });
    form.closest('details')?.removeAttribute('open');
    queueRender({ id: 0, kind: 'offer' }, true);
  } catch (e) {
    showError(e.message);
  }
}, true);

// A group's owner adds people by handle ("@ann, bob" or one a line).
document.addEventListener('submit', async (event) => {
  const form = event.target.closest?.('[data-chat-add-members]');
  if (!form || !view) return;
  event.preventDefault();
  event.stopPropagation();
  const handles = form.elements.handles.value.split(/[\s,]+/).map((h) => h.replace(/^@/, '')).filter(Boolean);
  if (handles.length === 0) return;
  showError('');
  try {
    await api('POST', `/api/v1/conversations/${view.id}/members`, { handles });
    form.reset();
  } catch (e) {
    showError(e.message);
  }
}, true);
