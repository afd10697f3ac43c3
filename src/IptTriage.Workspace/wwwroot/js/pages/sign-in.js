// Sign in with a staff account (POST /api/session). The password is sent once and kept nowhere in the page.
import { h, alertBox, problemBox } from '../dom.js';
import { session } from '../session.js';
import { navigate } from '../router.js';
import { showHeader } from '../app.js';

export const title = () => 'Sign in';

export function render(main) {
  const query = new URLSearchParams(location.search);
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: false });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const messages = h('div', {});
  const submit = h('button', { type: 'submit' }, 'Sign in');
  const form = h('form', { class: 'panel', novalidate: true, onsubmit: async event => {
    event.preventDefault();
    messages.replaceChildren();
    if (!username.value.trim() || !password.value) {
      messages.append(alertBox('error', 'Enter your username and your password.'));
      (username.value.trim() ? password : username).focus();
      return;
    }
    submit.disabled = true;
    try {
      await session.signIn(username.value.trim(), password.value);
      password.value = '';
      showHeader();
      await navigate(safeReturn(query.get('return')), { replace: true });
    } catch (error) {
      password.value = '';
      messages.append(error.status === 401
        ? alertBox('error', 'The username or password is wrong. After several wrong tries the account is locked for a while.')
        : problemBox(error));
      password.focus();
    } finally {
      submit.disabled = false;
    }
  } },
    h('label', { for: 'username' }, 'Username'), username,
    h('label', { for: 'password' }, 'Password'), password,
    h('div', { class: 'actions' }, submit));

  main.append(
    h('h1', { tabindex: -1 }, 'Sign in'),
    query.has('expired') ? alertBox('warn', 'Your session ended. Sign in again to go on where you were.') : null,
    query.has('signed-out') ? alertBox('ok', 'You are signed out.') : null,
    messages,
    form);
}

/** Only a path of this site, never another origin. */
function safeReturn(back) {
  return back && back.startsWith('/') && !back.startsWith('//') ? back : '/';
}
