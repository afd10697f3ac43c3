// The home page the role decides: coordinators' and supervisors' worklists, the crisis team's emergencies, a
// clinic's cases.
import { session } from '../session.js';

const homes = {
  coordinator: () => import('./coordinator-home.js'),
  supervisor: () => import('./coordinator-home.js'),
  crisis: () => import('./crisis-home.js'),
  clinic: () => import('./clinic-home.js'),
};

let home;

export const title = () => home?.title() ?? 'Home';

export async function render(main, params) {
  home = await homes[session.current.role]();
  document.title = `${home.title()} — IptTriage`;
  return home.render(main, params);
}
