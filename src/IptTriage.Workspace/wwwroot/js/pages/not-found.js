// The page for a path that is no page, and for a case or clinic the signed-in person may not see: one answer for
// both, as the API gives one 404 for both.
import { h } from '../dom.js';

export const title = () => 'Not found';

export function render(main) {
  renderNotFound(main);
}

export function renderNotFound(main, what = 'page') {
  document.title = 'Not found — IptTriage';
  main.replaceChildren(
    h('h1', { tabindex: -1 }, 'Not found'),
    h('div', { class: 'panel' },
      h('p', {}, `There is no such ${what}, or it is not one you can see.`),
      h('p', {}, h('a', { href: '/' }, 'Back to your home page'))));
  main.querySelector('h1').focus();
}
