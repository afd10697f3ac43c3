// Acknowledging an open emergency (POST …/crisis-ack): it stops the escalations; the workflow then places the case.
import { h } from '../../dom.js';
import { api, path } from '../../api.js';
import { onSubmit } from './forms.js';

export function crisisPanel(view, context) {
  return h('section', { class: 'panel action emergency', 'aria-labelledby': 'case-crisis-heading' },
    h('h2', { id: 'case-crisis-heading' }, 'Acknowledge the emergency'),
    h('p', {}, 'Acknowledge once someone from the crisis team has taken the case on: the escalations stop.'),
    onSubmit(h('form', {}, h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'danger' }, 'Acknowledge'))),
      async () => {
        await api.post(path`/api/referrals/${context.referralId}/crisis-ack`, {});
        await context.acted('The emergency was acknowledged.');
      }));
}
