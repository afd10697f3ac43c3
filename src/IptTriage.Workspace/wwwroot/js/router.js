// Pages by path (history API). A page is { title, render(main, params) } and render may return a function that
// stops what it started (polling). Titles never carry personal data or ids.

import { replace, problemBox } from './dom.js';

const routes = [];
let stopCurrent = null;
let renderToken = 0;
let guard = () => null;

/** guard(pathAndQuery) answers where to go instead (a sign-in page), or null to render the path. */
export function setGuard(check) { guard = check; }

/** pattern: '/cases/:id' */
export function route(pattern, load) {
  const names = [];
  const regex = new RegExp('^' + pattern.replace(/:([a-zA-Z]+)/g, (_, name) => { names.push(name); return '([^/]+)'; }) + '/?$');
  routes.push({ regex, names, load });
}

export function navigate(to, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', to); else history.pushState(null, '', to);
  return render();
}

/** Renders the page for the current location; unknown paths get the not-found page. */
export async function render() {
  const token = ++renderToken;
  stopCurrent?.();
  stopCurrent = null;
  const redirect = guard(location.pathname + location.search);
  if (redirect) history.replaceState(null, '', redirect);
  const main = document.getElementById('main');
  const match = find(location.pathname) ?? find('/not-found');
  const page = await match.load();
  if (token !== renderToken) return;
  document.title = `${page.title(match.params)} — IptTriage`;
  markCurrentNav();
  main.replaceChildren();
  const stop = await page.render(main, match.params);
  if (token !== renderToken) { stop?.(); return; }
  stopCurrent = stop ?? null;
  // Focus the new page's heading, so keyboard and screen-reader users start at the top of what changed.
  (main.querySelector('h1') ?? main).focus?.({ preventScroll: false });
}

function find(pathname) {
  for (const { regex, names, load } of routes) {
    const found = regex.exec(pathname);
    if (found) return { load, params: Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1])])) };
  }
  return null;
}

function markCurrentNav() {
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.pathname === location.pathname) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
}

/** Same-origin links move within the app; downloads, new tabs and modified clicks are left to the browser. */
export function interceptLinks() {
  document.addEventListener('click', event => {
    const link = event.target.closest?.('a[href]');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (link.origin !== location.origin || link.hasAttribute('download') || link.target || link.pathname.startsWith('/api/')) return;
    event.preventDefault();
    navigate(link.pathname + link.search);
  });
  addEventListener('popstate', () => render());
}

/** Polls while the page is shown and visible; returns the function that stops it. */
export function every(milliseconds, refresh) {
  let stopped = false;
  const tick = async () => {
    if (stopped) return;
    if (document.visibilityState === 'visible') {
      try { await refresh(); } catch { /* the next tick tries again; refresh shows its own errors */ }
    }
    if (!stopped) timer = setTimeout(tick, milliseconds);
  };
  let timer = setTimeout(tick, milliseconds);
  return () => { stopped = true; clearTimeout(timer); };
}

/** every(), showing a failed refresh's problem in `problems` until a refresh succeeds again (a 401 is the sign-in
 * page's to handle). */
export function everyShowingProblems(milliseconds, refresh, problems) {
  return every(milliseconds, async () => {
    try {
      await refresh();
      problems.replaceChildren();
    } catch (error) {
      if (error.status !== 401) replace(problems, problemBox(error));
      throw error;
    }
  });
}
