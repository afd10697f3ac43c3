// Coordinators' clinics page: each clinic of the directory with its slots used and its effective capacity
// (GET /api/clinics), who it takes, a capacity edit with an optional reason (PUT /api/clinics/{id}/capacity), and the
// clinic's own audit trail on request (GET /api/clinics/{id}).
import { h, replace, time, words, announce, alertBox, problemBox } from '../dom.js';
import { api, path } from '../api.js';
import { codeName } from '../codes.js';

export const title = () => 'Clinics';

export async function render(main) {
  const list = h('div', { class: 'clinic-cards' });
  main.append(
    h('h1', { tabindex: -1 }, 'Clinics'),
    h('p', { class: 'hint' }, 'Slots in use count the cases offered to or placed with a clinic. No new case is offered to a clinic with no free slot.'),
    list);
  let clinics;
  try {
    clinics = await api.get('/api/clinics');
  } catch (error) {
    list.append(problemBox(error));
    return;
  }
  for (const clinic of clinics) list.append(clinicCard(clinic));
}

function clinicCard(clinic) {
  const headingId = `clinic-${clinic.id}`;
  const usage = h('dd', {});
  const facts = h('dl', { class: 'facts' },
    h('dt', {}, 'Slots in use'), usage,
    h('dt', {}, 'Ages'), h('dd', {}, ageRange(clinic)),
    h('dt', {}, 'Pathways'), h('dd', {}, list(clinic.pathways)),
    clinic.modalities?.length ? [h('dt', {}, 'Other services'), h('dd', {}, list(clinic.modalities))] : null,
    clinic.adaptations?.length ? [h('dt', {}, 'Adaptations'), h('dd', {}, list(clinic.adaptations))] : null,
    h('dt', {}, 'Serves'), h('dd', {}, [list(clinic.regions, 'No region'), clinic.telehealth ? ' · telehealth' : '']),
    h('dt', {}, 'Languages'), h('dd', {}, (clinic.languages ?? []).join(', ') || '—'));
  const card = h('article', { class: 'panel clinic-card', 'aria-labelledby': headingId },
    h('h2', { id: headingId }, clinic.name, ' ', h('span', { class: 'muted clinic-id' }, clinic.id)),
    facts,
    capacityForm(clinic, updated => showUsage(updated)),
    auditDetails(clinic));
  function showUsage(current) {
    replace(usage,
      h('span', { class: 'usage' }, `${current.inUse} of ${current.capacity}`),
      ' ',
      h('span', { class: current.free > 0 ? 'muted' : 'overdue' }, current.free > 0 ? `(${current.free} free)` : '(full)'),
      current.directoryCapacity !== undefined && current.directoryCapacity !== current.capacity
        ? h('span', { class: 'muted' }, ` · the directory says ${current.directoryCapacity}`) : null);
  }
  showUsage(clinic);
  return card;
}

function ageRange({ minAge, maxAge }) {
  if (minAge != null && maxAge != null) return `${minAge} to ${maxAge}`;
  if (minAge != null) return `${minAge} and over`;
  if (maxAge != null) return `Up to ${maxAge}`;
  return 'Any age';
}

function list(codes, empty = 'None') {
  return codes?.length ? codes.map(codeName).join(', ') : empty;
}

function capacityForm(clinic, onChanged) {
  const capacityId = `capacity-${clinic.id}`;
  const reasonId = `capacity-reason-${clinic.id}`;
  // Text with a numeric keyboard, not type=number: a browser's number field drops what is not a number silently.
  const capacity = h('input', { id: capacityId, name: 'capacity', type: 'text', inputmode: 'numeric', autocomplete: 'off', required: true, value: String(clinic.capacity), class: 'narrow' });
  const reason = h('textarea', { id: reasonId, name: 'reason', maxlength: 2000, 'aria-describedby': `${reasonId}-hint` });
  const submit = h('button', { type: 'submit' }, 'Save capacity');
  const messages = h('div', {});
  const form = h('form', { novalidate: true },
    h('label', { for: capacityId }, `Capacity of ${clinic.name}`),
    capacity,
    h('label', { for: reasonId }, 'Reason'),
    h('p', { class: 'hint', id: `${reasonId}-hint` }, 'Optional. Kept in the clinic’s audit trail.'),
    reason,
    h('div', { class: 'actions' }, submit),
    messages);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    messages.replaceChildren();
    const value = capacity.value.trim();
    if (!/^\d+$/.test(value) || Number(value) > 10000) {
      messages.append(alertBox('error', 'Capacity must be a whole number from 0 to 10,000.'));
      capacity.setAttribute('aria-invalid', 'true');
      capacity.focus();
      return;
    }
    capacity.removeAttribute('aria-invalid');
    submit.disabled = true;
    try {
      const text = reason.value.trim();
      const answer = await api.put(path`/api/clinics/${clinic.id}/capacity`, text ? { capacity: Number(value), reason: text } : { capacity: Number(value) });
      const said = !answer.changed
        ? `The capacity of ${clinic.name} was already ${answer.capacity}; nothing changed.`
        : `The capacity of ${clinic.name} is now ${answer.capacity} (was ${answer.previousCapacity}).`
          + (answer.slotsFreed > 0 ? ` ${answer.slotsFreed} slot${answer.slotsFreed === 1 ? '' : 's'} freed for new cases.` : '');
      messages.append(alertBox(answer.overCapacity ? 'warn' : 'ok', h('p', {}, said), answer.note ? h('p', {}, answer.note) : null));
      announce(said);
      reason.value = '';
      onChanged({ ...clinic, capacity: answer.capacity, inUse: answer.inUse, free: answer.free, directoryCapacity: clinic.directoryCapacity });
    } catch (error) {
      messages.append(problemBox(error));
    } finally {
      submit.disabled = false;
    }
  });
  return h('details', { class: 'capacity-edit' }, h('summary', {}, 'Change capacity'), form);
}

function auditDetails(clinic) {
  const body = h('div', {});
  const details = h('details', { class: 'clinic-audit' }, h('summary', {}, 'Capacity history'), body);
  details.addEventListener('toggle', async () => {
    if (!details.open) return;
    replace(body, h('p', { class: 'muted' }, 'Loading…'));
    try {
      const { audit } = await api.get(path`/api/clinics/${clinic.id}`);
      replace(body, audit.length ? auditTable(audit) : h('p', { class: 'muted' }, 'The capacity has not been changed here.'));
    } catch (error) {
      replace(body, problemBox(error));
    }
  });
  return details;
}

function auditTable(audit) {
  // A wide table scrolls in its own box, which keyboard users reach with Tab.
  return h('div', { class: 'table-wrap', role: 'region', 'aria-label': 'Capacity history', tabindex: 0 }, h('table', {},
    h('caption', { class: 'visually-hidden' }, 'Changes to the clinic, oldest first'),
    h('thead', {}, h('tr', {}, ['When', 'What', 'Who', 'From', 'To', 'In use', 'Reason'].map(name => h('th', { scope: 'col' }, name)))),
    h('tbody', {}, audit.map(entry => h('tr', {},
      h('td', {}, time(entry.at)), h('td', {}, words(entry.step)), h('td', {}, entry.actor),
      h('td', {}, entry.capacityFrom ?? '—'), h('td', {}, entry.capacityTo ?? '—'), h('td', {}, entry.inUse ?? '—'),
      h('td', {}, entry.detail ?? h('span', { class: 'muted' }, '—')))))));
}
