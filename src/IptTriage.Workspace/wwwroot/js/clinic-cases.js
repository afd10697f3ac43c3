// What clinic staff see of a case and do with it, shared by their home page and the case page: the minimum-necessary
// facts, accept or decline an offer, the booking details once placed, and the end of care.
import { h, time, relative, words, alertBox, problemBox, announce } from './dom.js';
import { api, path } from './api.js';
import { codeName, pathwayText } from './codes.js';

let fieldCount = 0;
/** A page-unique element id for a label's `for` (ids are never built from referral ids). */
export const fieldId = name => `${name}-${++fieldCount}`;

/** Where a case stands, said from the clinic's side. */
const clinicStatus = {
  'awaiting-clinic': 'Awaiting your answer',
  placed: 'Placed with your clinic',
  discharged: 'Discharged by your clinic',
  withdrawn: 'No longer with your clinic',
};

/** The offer's or case's facts: what the clinic needs to decide and to plan the sessions, nothing about why. */
export function caseFacts(view) {
  const facts = [
    ['Referral', view.referralId],
    ['Status', clinicStatus[view.status] ?? words(view.status)],
    ['Urgency', view.urgency ? urgencyBadge(view.urgency) : null],
    ['Pathway', view.pathway ? pathwayText(view.pathway, view.modality) : null],
    ['Adaptations', view.adaptations ? (view.adaptations.length ? view.adaptations.map(codeName).join(', ') : 'None') : null],
    ['Respond by', view.respondBy ? [time(view.respondBy), ' ', h('span', { class: 'muted' }, `(${relative(view.respondBy)})`)] : null],
    ['Discharged', view.dischargedAt ? [time(view.dischargedAt), ' ', h('span', { class: 'muted' }, `(${relative(view.dischargedAt)})`)] : null],
  ];
  return h('dl', { class: 'facts' }, facts.filter(([, value]) => value !== null).map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}

export function urgencyBadge(urgency) {
  return h('span', { class: `badge ${urgency}` }, words(urgency));
}

/**
 * Accept or decline an offer (POST /api/referrals/{id}/clinic-response). The workflow acts a moment after the 202, so
 * `onAnswered(accepted, said)` is called for the page to follow the case; until then the form stays shown, disabled.
 */
export function offerForm(referralId, onAnswered) {
  const messages = h('div', {});
  const reasonId = fieldId('decline-reason');
  const reason = h('textarea', { id: reasonId, name: 'reason', maxlength: 2000, 'aria-describedby': `${reasonId}-hint` });
  const accept = h('button', { type: 'button' }, 'Accept');
  const showDecline = h('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false' }, 'Decline…');
  const decline = h('button', { type: 'submit', class: 'danger' }, 'Decline the offer');
  const declineForm = h('form', { class: 'decline', hidden: true, novalidate: true },
    h('label', { for: reasonId }, 'Why your clinic declines'),
    h('p', { class: 'hint', id: `${reasonId}-hint` }, 'Optional. Kept in the case’s audit trail for the coordinators; never sent to the client.'),
    reason,
    h('div', { class: 'actions' }, decline));
  const buttons = [accept, showDecline, decline];

  async function answer(accepted) {
    messages.replaceChildren();
    buttons.forEach(button => { button.disabled = true; });
    const text = reason.value.trim();
    try {
      await api.post(path`/api/referrals/${referralId}/clinic-response`, accepted || !text ? { accept: accepted } : { accept: false, reason: text });
      const said = accepted
        ? `Accepted ${referralId}. The case is placed with your clinic in a moment.`
        : `Declined ${referralId}. The case goes back to the coordinators in a moment.`;
      messages.append(alertBox('ok', said));
      announce(said);
      reason.disabled = true;
      onAnswered?.(accepted, said);
    } catch (error) {
      messages.append(problemBox(error));
      buttons.forEach(button => { button.disabled = false; });
    }
  }

  accept.addEventListener('click', () => answer(true));
  showDecline.addEventListener('click', () => {
    declineForm.hidden = !declineForm.hidden;
    showDecline.setAttribute('aria-expanded', String(!declineForm.hidden));
    if (!declineForm.hidden) reason.focus();
  });
  declineForm.addEventListener('submit', event => { event.preventDefault(); answer(false); });
  return h('div', { class: 'offer-actions' }, messages, h('div', { class: 'actions' }, accept, showDecline), declineForm);
}

const dischargeReasons = [
  ['completed', 'Completed the course of therapy'],
  ['disengaged', 'Stopped attending'],
  ['transferred', 'Transferred to another service'],
  ['other', 'Other (say why below)'],
];

/** The end of care with a coded reason (POST /api/referrals/{id}/discharge); a note is needed with `other`. */
export function dischargeForm(referralId, onDischarged) {
  const messages = h('div', {});
  const group = fieldId('discharge-reason');
  const noteId = fieldId('discharge-note');
  const radios = dischargeReasons.map(([code, text]) => {
    const id = `${group}-${code}`;
    return h('div', { class: 'choice' },
      h('input', { type: 'radio', id, name: group, value: code, required: true }),
      h('label', { for: id }, text));
  });
  const note = h('textarea', { id: noteId, name: 'note', maxlength: 2000, 'aria-describedby': `${noteId}-hint` });
  const submit = h('button', { type: 'submit' }, 'Record discharge');
  const form = h('form', { class: 'discharge', novalidate: true },
    h('fieldset', {}, h('legend', {}, 'Why care ended'), radios),
    h('label', { for: noteId }, 'Note'),
    h('p', { class: 'hint', id: `${noteId}-hint` }, 'Needed when the reason is “Other”. Kept in the audit trail only.'),
    note,
    h('div', { class: 'actions' }, submit),
    messages);

  form.addEventListener('submit', async event => {
    event.preventDefault();
    messages.replaceChildren();
    const chosen = form.querySelector(`input[name="${group}"]:checked`)?.value;
    const text = note.value.trim();
    if (!chosen || (chosen === 'other' && !text)) {
      messages.append(alertBox('error', chosen ? 'Say in the note why care ended.' : 'Choose why care ended.'));
      (chosen ? note : radios[0].querySelector('input')).focus();
      return;
    }
    submit.disabled = true;
    try {
      await api.post(path`/api/referrals/${referralId}/discharge`, text ? { reason: chosen, note: text } : { reason: chosen });
      const said = `Discharge of ${referralId} recorded. Your clinic’s slot is released.`;
      form.replaceChildren(alertBox('ok', said));
      announce(said);
      onDischarged?.(said);
    } catch (error) {
      messages.append(problemBox(error));
      submit.disabled = false;
    }
  });
  return form;
}

/** What the clinic needs to book the client: shown once the case is placed, and only with the client's consent. */
export function bookingDetails(client) {
  if (!client) {
    return alertBox(undefined, h('p', {}, 'The client has not agreed to share their details with the clinic. The coordinators arrange the first contact.'));
  }
  const facts = [
    ['Name', `${client.givenName} ${client.familyName}`],
    ['Preferred language', client.preferredLanguage],
    ['Phone', client.phone ? h('a', { href: `tel:${client.phone}` }, client.phone) : null],
    ['Email', client.email ? h('a', { href: `mailto:${client.email}` }, client.email) : null],
  ];
  return h('dl', { class: 'facts booking' }, facts.filter(([, value]) => value).map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}
