// Closing the case at whatever stage it is (POST …/close) with a coded reason; "other" needs a note, which goes to
// the audit trail only. The API says what is missing; the page shows it beside the field.
import { h } from '../../dom.js';
import { api, path } from '../../api.js';
import { closeReasons, closeReasonWords } from './words.js';
import { field, radios, textarea, onSubmit } from './forms.js';

export function closePanel(view, context) {
  return h('section', { class: 'panel action', 'aria-labelledby': 'case-close-heading' },
    h('h2', { id: 'case-close-heading' }, 'Close the case'),
    h('p', { class: 'hint' }, 'The workflow ends the case wherever it stands: an offer is withdrawn and a place released. The client and referrer are told it is closed, not why.'),
    onSubmit(
      h('form', {},
        radios('Why is the case closed?', 'reason', closeReasons),
        field('Note', textarea('note', { rows: 3 }), 'Required with Other. Kept in the audit trail only.'),
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'danger' }, 'Close the case'))),
      async data => {
        const reason = data.get('reason') ?? '';
        const note = String(data.get('note') ?? '').trim();
        await api.post(path`/api/referrals/${context.referralId}/close`, note ? { reason, note } : { reason });
        await context.acted(`The case was closed (${closeReasonWords(reason)}).`);
      }));
}
