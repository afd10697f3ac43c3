// Who works the case (POST …/assignment): assign it to me, to a username, or to nobody. Coordinators and
// supervisors only; whether an account of that username exists is the staff accounts' to say, not this form's.
import { h } from '../../dom.js';
import { api, path } from '../../api.js';
import { session } from '../../session.js';
import { actorWords } from './words.js';
import { field, onSubmit } from './forms.js';

export function assignmentPanel(view, context) {
  if (!session.coordinating) return null;
  const assign = async (assignee, message) => {
    await api.post(path`/api/referrals/${context.referralId}/assignment`, { assignee });
    await context.changed(message, '#case-assignment-heading');
  };
  const mine = view.assignee === session.current.username;
  const quick = onSubmit(
    h('form', { class: 'actions' },
      mine ? null : h('button', { type: 'submit', value: 'me' }, 'Assign to me'),
      view.assignee ? h('button', { type: 'submit', class: 'secondary', value: 'nobody' }, 'Unassign') : null),
    (_, button) => button.value === 'me'
      ? assign('me', 'The case is assigned to you.')
      : assign(null, 'The case is assigned to nobody.'));
  const toSomeone = onSubmit(
    h('form', {},
      field('Assign to a username', h('input', { name: 'assignee', autocomplete: 'off', spellcheck: false, maxlength: 64 })),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, 'Assign'))),
    data => {
      const username = String(data.get('assignee')).trim();
      return assign(username, `The case is assigned to ${username}.`);
    });
  return h('section', { class: 'panel', 'aria-labelledby': 'case-assignment-heading' },
    h('h2', { id: 'case-assignment-heading', tabindex: -1 }, 'Assignment'),
    h('p', {}, 'Assigned to ', h('strong', {}, view.assignee ? actorWords(`user:${view.assignee}`) : 'nobody'), '.'),
    quick.querySelector('button') ? quick : null,
    toSomeone);
}
