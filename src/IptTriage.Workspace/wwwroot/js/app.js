// The workspace: who is signed in decides the navigation and the home page; every page is a module of pages/.
import { h, replace } from './dom.js';
import { whenSignedOut } from './api.js';
import { session } from './session.js';
import { route, render, navigate, interceptLinks, setGuard } from './router.js';

const page = name => () => import(`./pages/${name}.js`);

route('/sign-in', page('sign-in'));
route('/', page('home'));
route('/worklist', page('worklist'));
route('/cases/:id', page('case'));
route('/clinics', page('clinics'));
route('/policy/what-if', page('what-if'));
route('/not-found', page('not-found'));

/** Where each role may go from the header. */
const navigation = {
  coordinator: [['/', 'Home'], ['/worklist', 'All referrals'], ['/clinics', 'Clinics'], ['/policy/what-if', 'Try a policy']],
  supervisor: [['/', 'Home'], ['/worklist', 'All referrals'], ['/clinics', 'Clinics'], ['/policy/what-if', 'Try a policy']],
  crisis: [['/', 'Emergencies']],
  clinic: [['/', 'Cases']],
};

export function showHeader() {
  const person = session.current;
  const links = person ? navigation[person.role] ?? [] : [];
  replace(document.getElementById('nav'), links.length ? h('ul', {}, links.map(([href, text]) => h('li', {}, h('a', { href }, text)))) : null);
  replace(document.getElementById('who'), person ? [
    h('span', {}, person.displayName, h('span', { class: 'visually-hidden' }, ', signed in as '), ' ', h('span', { class: 'badge' }, person.role)),
    h('button', { type: 'button', class: 'secondary', onclick: signOut }, 'Sign out'),
  ] : null);
}

async function signOut() {
  await session.signOut();
  showHeader();
  navigate('/sign-in?signed-out', { replace: true });
}

/** A 401 mid-work: the session ended (idle, disabled, password reset). Sign in again, then come back here. */
whenSignedOut(() => {
  if (location.pathname === '/sign-in') return;
  const back = location.pathname + location.search;
  // Where the platform signs people in (Azure: Entra ID through the Static Web App), sign in there again.
  if (session.current?.signOutUrl) { location.assign(`/.auth/login/aad?post_login_redirect_uri=${encodeURIComponent(back)}`); return; }
  session.current = null;
  showHeader();
  navigate(`/sign-in?expired&return=${encodeURIComponent(back)}`, { replace: true });
});

/** Every page but sign-in needs a session; the page asked for is where sign-in returns to. */
setGuard(back => {
  if (session.current || location.pathname === '/sign-in') return null;
  return back === '/' ? '/sign-in' : `/sign-in?return=${encodeURIComponent(back)}`;
});

async function start() {
  interceptLinks();
  await session.load();
  showHeader();
  await render();
}

start();
