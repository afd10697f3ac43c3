// Where the case stands: its status, urgency, times and the deadline it waits on, counted down on the page's own
// clock (no read of the case: the countdown is arithmetic on the dueAt already shown).
import { h, time, relative, words } from '../../dom.js';
import { deadlineLabel, actorWords } from './words.js';

export function statusPanel(view, context) {
  const urgency = view.routing?.urgency;
  const countdown = view.dueAt ? h('span', { class: 'countdown' }) : null;
  if (countdown) {
    const tick = () => showCountdown(countdown, view.dueAt);
    tick();
    context.every(30_000, tick);
  }
  return h('section', { class: 'panel', 'aria-labelledby': 'case-status-heading' },
    h('h2', { id: 'case-status-heading' }, 'Where the case stands'),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Status'), h('dd', {}, h('span', { class: 'badge status' }, words(view.status))),
      h('dt', {}, 'Urgency'), h('dd', {}, urgency ? h('span', { class: `badge ${urgency}` }, words(urgency)) : '—'),
      view.dueAt ? [h('dt', {}, deadlineLabel(view.status)), h('dd', {}, time(view.dueAt), ' ', countdown)] : null,
      h('dt', {}, 'Clinic'), h('dd', {}, view.clinicId ?? 'None yet'),
      h('dt', {}, 'Assigned to'), h('dd', {}, view.assignee ? actorWords(`user:${view.assignee}`) : 'Nobody'),
      h('dt', {}, 'Received'), h('dd', {}, time(view.receivedAt)),
      h('dt', {}, 'Last change'), h('dd', {}, time(view.updatedAt))));
}

function showCountdown(element, dueAt) {
  const overdue = new Date(dueAt).getTime() < Date.now();
  element.className = overdue ? 'countdown overdue' : 'countdown';
  element.textContent = overdue ? `(overdue: due ${relative(dueAt)})` : `(${relative(dueAt)})`;
}
