// Building pages without innerHTML: every value the API returns becomes a text node, never markup.

/** h('a', { href: '/x', class: 'badge', onclick: fn }, 'text', child, [more]) */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else if (name in element && typeof value !== 'string') element[name] = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** Says something to screen-reader users without moving their focus. */
export function announce(message) {
  const announcer = document.getElementById('announcer');
  announcer.textContent = '';
  // A new text node after a tick, so the same message twice is read twice.
  setTimeout(() => { announcer.textContent = message; }, 50);
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A time as people read it, in a <time> element carrying the ISO value. */
export function time(iso) {
  if (!iso) return h('span', { class: 'muted' }, '—');
  return h('time', { datetime: iso }, dateTime.format(new Date(iso)));
}

/** "in 2 h 5 min" or "15 min ago", from now. */
export function relative(iso, now = Date.now()) {
  // The sign from the time itself: a moment past is "ago" though it rounds to no minutes.
  const milliseconds = new Date(iso).getTime() - now;
  const span = formatMinutes(Math.round(Math.abs(milliseconds) / 60000));
  return milliseconds >= 0 ? `in ${span}` : `${span} ago`;
}

function formatMinutes(minutes) {
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days`;
}

/** A code from the API as words: "awaiting-clinic" → "Awaiting clinic". */
export function words(code) {
  if (!code) return '—';
  const text = String(code).replaceAll('-', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** An alert box: kind is 'error', 'ok', 'warn' or undefined. Errors are role=alert so they are read at once. */
export function alertBox(kind, ...children) {
  return h('div', { class: `alert ${kind ?? ''}`.trim(), role: kind === 'error' ? 'alert' : 'status' }, ...children);
}

/** The problem an API call failed with, as an alert listing each field error. */
export function problemBox(error) {
  return alertBox('error',
    h('p', {}, h('strong', {}, error.title ?? 'Something went wrong.'), error.detail ? ` ${error.detail}` : ''),
    error.errors?.length ? h('ul', {}, error.errors.map(e => h('li', {}, e.path ? `${e.path}: ` : '', e.message))) : null);
}
