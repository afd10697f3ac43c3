// The crisis team's home: the open emergencies, oldest first, with the time since each alert and the escalations to
// the supervisor so far, and Acknowledge. Kept up to date by polling GET /api/worklists (which reads no client
// panel); a new emergency is announced politely and focus stays where it is.
import { h, replace, announce, problemBox } from '../dom.js';
import { api } from '../api.js';
import { everyShowingProblems } from '../router.js';
import { emergencyTable } from './emergencies.js';
import { refreshEvery } from './coordinator-home.js';

export const title = () => 'Emergencies';

export async function render(main) {
  let known = null;
  const messages = h('div', {});
  const pollProblem = h('div', {});
  const count = h('p', { class: 'lead', 'data-count': 'emergencies' });
  const panel = h('section', { class: 'panel', tabindex: -1, 'aria-labelledby': 'open-emergencies' });
  const table = emergencyTable({ caption: 'Open emergencies', onChanged: () => refresh(), showProblem: error => replace(messages, problemBox(error)) });
  replace(panel, h('h2', { id: 'open-emergencies' }, 'Open emergencies'), count, table.element);
  main.append(h('h1', { tabindex: -1 }, 'Emergencies'), messages, pollProblem, panel);

  async function refresh() {
    const { emergencies } = await api.get('/api/worklists');
    replace(count, emergencies.count === 1 ? '1 emergency waits for acknowledgement.' : `${emergencies.count} emergencies wait for acknowledgement.`);
    table.show(emergencies);
    const ids = new Set(emergencies.items.map(item => item.referralId));
    if (known) {
      const arrived = [...ids].filter(id => !known.has(id));
      if (arrived.length === 1) announce(`New emergency: ${arrived[0]}.`);
      else if (arrived.length > 1) announce(`${arrived.length} new emergencies.`);
    }
    known = ids;
  }

  try {
    await refresh();
  } catch (error) {
    replace(messages, problemBox(error));
  }
  return everyShowingProblems(refreshEvery, refresh, pollProblem);
}
