// The case page, /cases/{id}. Coordinators, supervisors and the crisis team (for an emergency; the API answers 404
// for any other case) see the whole case and act on it (case/page.js); clinic staff get the minimum-necessary view
// of clinic-case.js.
import { session } from '../session.js';
import { openCase } from './case/page.js';

export const title = () => 'Case';

export async function render(main, params) {
  if (session.current.role === 'clinic') return (await import('./clinic-case.js')).render(main, params);
  return openCase(main, params.id);
}
