// Deciding a review (POST …/review): approve the routing as screened, override it (a pathway from the policy's list
// and, for an alternative, its service), or close the case; a reason is always required and goes to the audit
// trail only.
import { h, problemBox, words } from '../../dom.js';
import { api, path } from '../../api.js';
import { pathwayText } from '../../codes.js';
import { field, radios, select, textarea, onSubmit } from './forms.js';
import { loadPolicy } from './policy.js';

export function reviewPanel(view, context) {
  const screened = pathwayText(view.routing?.pathway, view.routing?.modality);
  const pathway = select('pathway', []);
  const modality = select('modality', []);
  const modalityField = field('Alternative service', modality);
  const override = h('div', { class: 'override', hidden: true }, field('Pathway', pathway), modalityField);
  const showChoices = () => {
    const decision = form.querySelector('input[name=decision]:checked')?.value;
    override.hidden = decision !== 'override';
    modalityField.hidden = pathway.value !== 'alternative';
  };
  pathway.addEventListener('change', showChoices);
  const form = onSubmit(
    h('form', {},
      radios('Decision', 'decision', [
        ['approve', `Approve: place as screened (${screened})`],
        ['override', 'Override: place for another pathway'],
        ['close', 'Close: end the case here'],
      ], { onchange: () => showChoices() }),
      override,
      field('Reason', textarea('reason', { rows: 3 }), 'Required. Up to 2000 characters, kept in the audit trail only.'),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Record the decision'))),
    async data => {
      const decision = data.get('decision') ?? '';
      const body = { decision, reason: String(data.get('reason') ?? '').trim() };
      if (decision === 'override') {
        body.pathway = data.get('pathway');
        if (body.pathway === 'alternative') body.modality = data.get('modality');
      }
      await api.post(path`/api/referrals/${context.referralId}/review`, body);
      const what = { approve: 'approved', override: `overridden: ${pathwayText(body.pathway, body.modality)}`, close: 'decided: close the case' }[decision];
      await context.acted(`The review was ${what}.`);
    });
  const section = h('section', { class: 'panel action', 'aria-labelledby': 'case-review-heading' },
    h('h2', { id: 'case-review-heading' }, 'Decide the review'),
    form);
  loadPolicy().then(policy => {
    pathway.replaceChildren(...policy.pathways.map(code => h('option', { value: code }, pathwayText(code))));
    modality.replaceChildren(...policy.modalities.map(code => h('option', { value: code }, words(code))));
    showChoices();
  }, error => form.before(problemBox(error)));
  return section;
}
