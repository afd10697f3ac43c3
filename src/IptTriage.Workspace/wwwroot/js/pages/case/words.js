// The case page's codes in words. A code the page does not know falls back to words(code), so a step added to the
// API later still reads as something rather than nothing.
import { words } from '../../dom.js';
import { session } from '../../session.js';

const steps = {
  'screened': 'Screened',
  'invalid': 'The form was invalid',
  'emergency': 'Emergency: the crisis team was alerted',
  'crisis-acknowledged': 'The emergency was acknowledged',
  'unacknowledged-emergency': 'The emergency was not acknowledged in time: escalated',
  'review-requested': 'A review was asked for',
  'review-decided': 'The review was decided',
  'review-reason': 'Reason for the review decision',
  'offered': 'Offered to a clinic',
  'offered-manually': 'Offered to a clinic chosen by hand',
  'unplaced': 'No clinic could take the case',
  'clinic-accepted': 'The clinic accepted',
  'clinic-declined': 'The clinic declined',
  'clinic-timed-out': 'The clinic did not answer in time',
  'clinic-response-reason': "The clinic's reason",
  'clinic-full': 'The chosen clinic was full: no offer made',
  'placed-manually': 'Placed by hand',
  'placement-override-reason': 'Reason for placing with a clinic that does not match',
  'notified': 'Notice sent',
  'notification-skipped': 'Notice not sent',
  'notification-failed': 'Notice could not be sent',
  'crisis-ack-submitted': 'Acknowledgement submitted (simulated)',
  'review-submitted': 'Review decision submitted (simulated)',
  'placement-submitted': 'Placement submitted (simulated)',
  'clinic-response-submitted': "Clinic's answer submitted (simulated)",
  'discharge-submitted': 'End of care submitted (simulated)',
  'resubmitted': 'A corrected form replaced the invalid one',
  'assigned': 'Assigned',
  'unassigned': 'Unassigned',
  'case-note-added': 'A case note was added',
  'contacts-exported': 'Contact details exported',
  'source-read': 'The referral as it was sent was downloaded',
  'case-closed': 'The case was closed',
  'close-note': 'Note on closing',
  'care-ended': 'Care ended',
  'discharge-note': 'Note on the end of care',
};

const notifications = {
  'client-received': 'To the client: the referral was received',
  'client-crisis-resources': 'To the client: where to get help now',
  'client-next-steps': 'To the client: next steps',
  'client-case-closed': 'To the client: the case was closed',
  'referrer-received': 'To the referrer: the referral was received',
  'referrer-outcome': 'To the referrer: the outcome',
  'referrer-case-closed': 'To the referrer: the case was closed',
  'crisis-team-alert': 'To the crisis team: an emergency',
  'supervisor-escalation': 'To the supervisor: an escalation',
  'coordinator-review-requested': 'To the coordinators: a review is needed',
  'coordinator-review-reminder': 'To the coordinators: a reminder of the review',
  'coordinator-unplaced': 'To the coordinators: the case could not be placed',
  'coordinator-invalid-form': 'To the coordinators: the form was invalid',
  'coordinator-delivery-failed': 'To the coordinators: an email could not be delivered',
  'coordinator-phone-client': 'To the coordinators: phone the client',
  'clinic-case-offered': 'To the clinic: a case is offered',
  'clinic-case-withdrawn': 'To the clinic: the offer is withdrawn',
};

/** Why a clinic does not match a case, naming none of the client's facts. */
const mismatches = {
  'pathway': 'does not offer the case’s IPT pathway',
  'modality': 'does not offer the alternative service the case needs',
  'adaptation': 'lacks an adaptation the case needs',
  'region': 'does not serve the client’s region and offers no telehealth',
  'language': 'does not speak the client’s language',
  'age': 'does not see clients of the client’s age',
  'capacity': 'has no free place',
};

export const closeReasons = [
  ['withdrawn', 'Withdrawn (the client or referrer withdrew)'],
  ['duplicate', 'Duplicate of another referral'],
  ['moved-away', 'Moved away'],
  ['referred-elsewhere', 'Referred elsewhere'],
  ['other', 'Other (say why in the note)'],
];

export const stepWords = step => steps[step] ?? words(step);

export const notificationWords = kind => notifications[kind] ?? words(kind);

export const mismatchWords = code => mismatches[code] ?? words(code);

export const closeReasonWords = code => words(code).toLowerCase();

/** Codes as a sentence-case list: ['ipt-a', 'ipt-ed'] → "Ipt a, Ipt ed"; none → "None". */
export const list = codes => (codes?.length ? codes.map(words).join(', ') : 'None');

/** Who acted: the signed-in person by their username ("alice (you)"), a key by its name, the system as such. */
export function actorWords(actor) {
  if (!actor) return '—';
  if (actor === 'system') return 'System';
  const [kind, ...rest] = actor.split(':');
  const name = rest.join(':');
  if (kind === 'user') return name === session.current?.username ? `${name} (you)` : name;
  if (kind === 'key') return `API key ${name}`;
  if (kind === 'cli') return `${name} at the server’s command line`;
  return actor;
}

/** What each status waits on, as the label of its deadline. */
export function deadlineLabel(status) {
  switch (status) {
    case 'emergency': return 'Next escalation';
    case 'awaiting-review': return 'Review due';
    case 'awaiting-clinic': return 'Clinic to answer by';
    default: return 'Due';
  }
}
