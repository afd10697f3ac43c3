// Placeholder, replaced by the page's own module.
import { h } from '../dom.js';

export const title = () => 'Cases';

export function render(main) {
  main.append(h('h1', { tabindex: -1 }, 'Cases'), h('p', {}, 'This page is being built.'));
}
