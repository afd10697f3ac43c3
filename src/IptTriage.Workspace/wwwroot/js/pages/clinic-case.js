// Placeholder, replaced by the clinic's case page module (render(main, params), like a page).
import { h } from '../dom.js';

export function render(main) {
  main.append(h('h1', { tabindex: -1 }, 'Case'), h('p', {}, 'This page is being built.'));
}
