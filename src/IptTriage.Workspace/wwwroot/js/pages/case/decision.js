// The screening decision exactly as the policy wrote it: outcome and routing, every rule that fired with its reason,
// the scores per instrument, flags, exclusions and problem areas; and the routing now, when a coordinator changed it.
import { h, words } from '../../dom.js';
import { list } from './words.js';
import { pathwayText } from '../../codes.js';

const instruments = {
  phq9: 'PHQ-9', gad7: 'GAD-7', cssrs: 'C-SSRS screener', pqb: 'PQ-B', mdq: 'MDQ', msiBpd: 'MSI-BPD',
  pcPtsd5: 'PC-PTSD-5', auditC: 'AUDIT-C',
};

export function decisionPanel(view) {
  const decision = view.decision;
  return h('section', { class: 'panel', 'aria-labelledby': 'case-decision-heading' },
    h('h2', { id: 'case-decision-heading' }, 'Screening decision'),
    decision ? decisionFacts(decision, view.routing) : h('p', { class: 'muted' }, 'Not screened yet.'));
}

function decisionFacts(decision, routing) {
  return [
    h('dl', { class: 'facts' },
      h('dt', {}, 'Outcome'), h('dd', {}, words(decision.outcome)),
      h('dt', {}, 'Pathway'), h('dd', {}, pathwayText(decision.pathway)),
      decision.modality ? [h('dt', {}, 'Alternative service'), h('dd', {}, words(decision.modality))] : null,
      h('dt', {}, 'Adaptations'), h('dd', {}, list(decision.adaptations)),
      h('dt', {}, 'Urgency'), h('dd', {}, words(decision.urgency)),
      h('dt', {}, 'Policy version'), h('dd', {}, decision.policyVersion ?? '—')),
    routingNow(routing, decision),
    h('h3', {}, 'Rules that fired'),
    decision.reasons?.length
      ? h('ul', { class: 'rules' }, decision.reasons.map(reason => h('li', {}, h('code', {}, reason.rule), ' ', reason.text)))
      : h('p', { class: 'muted' }, 'None.'),
    h('h3', {}, 'Scores'),
    scores(decision.scores),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Flags'), h('dd', {}, list(decision.flags)),
      h('dt', {}, 'Exclusions'), h('dd', {}, list(decision.exclusions)),
      h('dt', {}, 'Problem areas'), h('dd', {}, list(decision.problemAreas))),
    decision.errors?.length
      ? [h('h3', {}, 'Errors in the form'), h('ul', {}, decision.errors.map(error => h('li', {}, h('code', {}, error.path), ' ', error.message)))]
      : null,
  ];
}

/** A coordinator's override shows in the routing, not in the decision, which stays as the policy wrote it. */
function routingNow(routing, decision) {
  if (!routing) return null;
  const changed = routing.pathway !== decision.pathway || (routing.modality ?? null) !== (decision.modality ?? null);
  if (!changed) return null;
  return h('p', { class: 'alert warn' }, h('strong', {}, 'Routed now: '), pathwayText(routing.pathway, routing.modality),
    ' (a coordinator changed the pathway on review).');
}

function scores(byInstrument) {
  const entries = Object.entries(byInstrument ?? {});
  if (!entries.length) return h('p', { class: 'muted' }, 'No instrument was scored.');
  return h('div', { class: 'table-wrap' },
    h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Instrument'), h('th', { scope: 'col' }, 'Result'))),
      h('tbody', {}, entries.map(([instrument, result]) =>
        h('tr', {}, h('th', { scope: 'row' }, instruments[instrument] ?? instrument), h('td', {}, resultWords(result)))))));
}

/** {total: 13, severity: "moderate", item9: 1} → "Total: 13, severity: moderate, item 9: 1". */
function resultWords(result) {
  if (result === null || typeof result !== 'object') return String(result);
  return Object.entries(result).map(([name, value]) => {
    const label = name.replace(/([a-z])([A-Z0-9])/g, '$1 $2').toLowerCase();
    return `${label}: ${typeof value === 'string' ? words(value).toLowerCase() : value}`;
  }).join(', ').replace(/^./, first => first.toUpperCase());
}
