// The case's history, the audit trail oldest first: when, what happened in words, who, and the entry's coded facts in
// words. A person's reason (detail) is shown as they wrote it. Coordinators and supervisors can also download the
// referral as it was sent (GET …/source: a form, or a health record's FHIR request), each download recorded in the trail.
import { h, time, words } from '../../dom.js';
import { path } from '../../api.js';
import { session } from '../../session.js';
import { stepWords, notificationWords, mismatchWords, closeReasonWords, actorWords } from './words.js';
import { pathwayText } from '../../codes.js';

export function timelinePanel(view) {
  const entries = view.audit ?? [];
  return h('section', { class: 'panel', 'aria-labelledby': 'case-timeline-heading' },
    h('h2', { id: 'case-timeline-heading' }, 'Timeline'),
    session.coordinating
      ? h('p', {}, h('a', { href: path`/api/referrals/${view.referralId}/source`, download: '', id: 'case-source' }, 'Download the referral as it was sent'),
        ' ', h('span', { class: 'muted' }, '(each download is recorded here)'))
      : null,
    entries.length
      ? h('ol', { class: 'timeline' }, entries.map(entry))
      : h('p', { class: 'muted' }, 'Nothing has happened yet.'));
}

function entry(item) {
  const facts = factsOf(item);
  return h('li', { class: 'timeline-entry', 'data-step': item.step },
    h('p', { class: 'timeline-head' },
      time(item.at), ' ',
      h('strong', { class: 'timeline-step' }, stepWords(item.step)), ' ',
      h('span', { class: 'timeline-actor' }, 'by ', actorWords(item.actor))),
    facts.length ? h('ul', { class: 'timeline-facts' }, facts.map(fact => h('li', {}, fact))) : null,
    item.detail ? h('blockquote', { class: 'free-text' }, item.detail) : null);
}

function factsOf(item) {
  const facts = [];
  if (item.notificationKind) facts.push(notificationWords(item.notificationKind));
  if (item.reviewChoice) facts.push(`Decision: ${words(item.reviewChoice).toLowerCase()}`);
  if (item.outcome) facts.push(`Outcome: ${words(item.outcome).toLowerCase()}`);
  if (item.pathway) facts.push(`Pathway: ${pathwayText(item.pathway, item.modality)}`);
  if (item.urgency) facts.push(`Urgency: ${words(item.urgency).toLowerCase()}`);
  if (item.clinicId) facts.push(`Clinic: ${item.clinicId}`);
  if (item.dueAt) facts.push(h('span', {}, 'Due: ', time(item.dueAt)));
  if (item.mismatches?.length) facts.push(`Does not match: it ${item.mismatches.map(mismatchWords).join('; it ')}`);
  if (item.assignee) facts.push(`To: ${actorWords(`user:${item.assignee}`)}`);
  if (item.closeReason) facts.push(`Reason: ${closeReasonWords(item.closeReason)}`);
  if (item.dischargeReason) facts.push(`Reason: ${words(item.dischargeReason).toLowerCase()}`);
  if (item.rules?.length) facts.push(h('span', {}, 'Rules: ', item.rules.map((rule, i) => [i ? ', ' : '', h('code', {}, rule)])));
  if (item.policyVersion) facts.push(`Policy ${item.policyVersion}`);
  return facts;
}
