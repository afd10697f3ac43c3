// Placeholder, replaced by the page's own module; clinic staff get their own view of a case (clinic-case.js).
import { h } from '../dom.js';
import { session } from '../session.js';

export const title = () => 'Case';

export async function render(main, params) {
  if (session.current?.role === 'clinic') return (await import('./clinic-case.js')).render(main, params);
  main.append(h('h1', { tabindex: -1 }, 'Case'), h('p', {}, 'This page is being built.'));
  return undefined;
}
