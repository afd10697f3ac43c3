// Placing an unplaced case by hand (POST …/placement): the clinics that match it with a free place first, in the
// order automatic placement would offer them, then the others, each with why it does not match (GET
// …/placement-options). Choosing one that does not match needs a reason, which goes to the audit trail only.
import { h, problemBox } from '../../dom.js';
import { api, path } from '../../api.js';
import { mismatchWords } from './words.js';
import { field, textarea, onSubmit, fieldProblem } from './forms.js';

export function placementPanel(view, context) {
  const body = h('div', {}, h('p', { class: 'muted' }, 'Finding the clinics that could take the case…'));
  api.get(path`/api/referrals/${context.referralId}/placement-options`)
    .then(options => body.replaceChildren(placementForm(options, context)), error => body.replaceChildren(problemBox(error)));
  return h('section', { class: 'panel action', 'aria-labelledby': 'case-placement-heading' },
    h('h2', { id: 'case-placement-heading' }, 'Place the case by hand'),
    h('p', { class: 'hint' }, 'No clinic took the case. Choose one: it is offered the case and answers as for any offer.'),
    body);
}

function placementForm(options, context) {
  const matching = options.clinics.filter(clinic => clinic.matches);
  const others = options.clinics.filter(clinic => !clinic.matches);
  const reason = field('Reason for choosing a clinic that does not match', textarea('overrideReason', { rows: 3 }),
    'Required for a clinic that does not match. Kept in the audit trail only.');
  reason.hidden = true;
  const chosen = () => options.clinics.find(clinic => clinic.clinicId === form.querySelector('input[name=clinicId]:checked')?.value);
  const showReason = () => { reason.hidden = !(chosen() && !chosen().matches); };
  const form = onSubmit(
    h('form', {},
      h('fieldset', { class: 'field choices', 'data-field': 'clinicId' },
        h('legend', {}, 'Clinic'),
        h('h3', {}, 'Match the case, with a free place'),
        matching.length ? matching.map(clinic => choice(clinic, showReason)) : h('p', { class: 'muted' }, 'None.'),
        h('h3', {}, 'Do not match'),
        others.length ? others.map(clinic => choice(clinic, showReason)) : h('p', { class: 'muted' }, 'None.')),
      reason,
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Offer the case to this clinic'))),
    async data => {
      const clinic = chosen();
      if (!clinic) throw fieldProblem('clinicId', 'is required: choose a clinic');
      const overrideReason = String(data.get('overrideReason') ?? '').trim();
      if (!clinic.matches && !overrideReason) throw fieldProblem('overrideReason', 'is required');
      await api.post(path`/api/referrals/${context.referralId}/placement`,
        clinic.matches ? { clinicId: clinic.clinicId } : { clinicId: clinic.clinicId, overrideReason });
      await context.acted(`The case was offered to ${clinic.name}.`);
    });
  return form;
}

let choiceCount = 0;

function choice(clinic, onchange) {
  const id = `case-clinic-${++choiceCount}`;
  const why = clinic.mismatches.length
    ? h('ul', { class: 'mismatches', id: `${id}-why` }, clinic.mismatches.map(code => h('li', {}, `It ${mismatchWords(code)}.`)))
    : null;
  return h('div', { class: 'choice clinic-choice' },
    h('input', { type: 'radio', id, name: 'clinicId', value: clinic.clinicId, onchange, 'aria-describedby': why ? why.id : null }),
    h('label', { for: id }, clinic.name, ' ', h('span', { class: 'muted' }, `(${clinic.clinicId}) · ${clinic.free} of ${clinic.capacity} places free`)),
    why);
}
