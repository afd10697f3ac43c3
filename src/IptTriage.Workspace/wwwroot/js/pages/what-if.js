// Trying a policy (issue 15): a candidate policy file, uploaded or pasted, re-screens the stored referrals beside the
// server's policy (POST /api/policy/what-if); the page shows the counts, the decisions before and after, the rules
// that start or stop firing, and each changed referral with a link to its case. Nothing stored changes.
import { h, replace, words, announce, alertBox, problemBox } from '../dom.js';
import { api, path } from '../api.js';
import { codeName, pathwayText } from '../codes.js';

export const title = () => 'Try a policy';

export function render(main) {
  const file = h('input', { id: 'policy-file', name: 'policy-file', type: 'file', accept: '.json,application/json', 'aria-describedby': 'policy-file-hint' });
  const text = h('textarea', { id: 'policy-text', name: 'policy-text', class: 'code', spellcheck: 'false', rows: 10, 'aria-describedby': 'policy-text-hint' });
  const from = h('input', { id: 'received-from', name: 'received-from', type: 'datetime-local', class: 'narrow' });
  const to = h('input', { id: 'received-to', name: 'received-to', type: 'datetime-local', class: 'narrow' });
  const submit = h('button', { type: 'submit' }, 'Try this policy');
  const messages = h('div', {});
  const report = h('div', { id: 'report' });

  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    text.value = await chosen.text();
    announce('The policy file is read into the text box.');
  });

  const form = h('form', { class: 'panel', novalidate: true },
    h('label', { for: 'policy-file' }, 'Candidate policy file'),
    h('p', { class: 'hint', id: 'policy-file-hint' }, 'A complete policy file in JSON, up to 64 KiB (see the policy file documentation).'),
    file,
    h('label', { for: 'policy-text' }, 'Or paste the policy file'),
    h('p', { class: 'hint', id: 'policy-text-hint' }, 'Choosing a file fills this box; you may edit it before trying it.'),
    text,
    h('fieldset', {},
      h('legend', {}, 'Referrals received (optional, times in UTC)'),
      h('div', { class: 'field-row' },
        h('div', {}, h('label', { for: 'received-from' }, 'From (inclusive)'), from),
        h('div', {}, h('label', { for: 'received-to' }, 'Before'), to))),
    h('div', { class: 'actions' }, submit),
    messages);

  form.addEventListener('submit', async event => {
    event.preventDefault();
    messages.replaceChildren();
    const candidate = readCandidate(text.value);
    if (candidate.error) {
      messages.append(alertBox('error', candidate.error));
      text.focus();
      return;
    }
    const query = new URLSearchParams();
    if (from.value) query.set('receivedFrom', utc(from.value));
    if (to.value) query.set('receivedTo', utc(to.value));
    submit.disabled = true;
    replace(report, h('p', { class: 'muted', role: 'status' }, 'Screening the stored referrals under both policies…'));
    try {
      const answer = await api.post(`/api/policy/what-if${query.size ? `?${query}` : ''}`, candidate.policy);
      if (!answer?.summary) {
        replace(report, alertBox('error', 'The report ended before its summary: the server failed part-way. Try again.'));
        return;
      }
      replace(report, showReport(answer));
      announce(`${answer.summary.changed} of ${answer.summary.forms} decisions would change.`);
      report.querySelector('h2')?.focus();
    } catch (error) {
      report.replaceChildren();
      messages.append(problemBox(error));
    } finally {
      submit.disabled = false;
    }
  });

  main.append(
    h('h1', { tabindex: -1 }, 'Try a policy'),
    h('p', {}, 'See which stored referrals a changed policy would decide differently: each is screened again from its form, as it arrived, under the server’s policy and under yours. Nothing stored changes.'),
    form,
    report);
}

/** The box's text as a policy object, or what is wrong with it (the server checks the rest, naming JSON paths). */
function readCandidate(source) {
  if (!source.trim()) return { error: 'Choose a policy file or paste one.' };
  try {
    const policy = JSON.parse(source);
    if (policy === null || typeof policy !== 'object' || Array.isArray(policy)) return { error: 'The policy file must be a JSON object.' };
    return { policy };
  } catch (error) {
    return { error: `The policy file is not valid JSON: ${error.message}` };
  }
}

/** A datetime-local value, read as UTC (the page says so), as ISO 8601. */
function utc(value) {
  return new Date(`${value}Z`).toISOString();
}

function showReport({ changes, summary }) {
  return h('div', {},
    h('section', { class: 'panel', 'aria-labelledby': 'summary-heading' },
      h('h2', { id: 'summary-heading', tabindex: -1 }, 'Summary'),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Current policy'), h('dd', {}, summary.currentPolicy),
        h('dt', {}, 'Candidate policy'), h('dd', {}, summary.candidatePolicy),
        h('dt', {}, 'Referrals screened'), h('dd', { 'data-count': 'forms' }, String(summary.forms)),
        h('dt', {}, 'Invalid forms'), h('dd', { 'data-count': 'invalid' }, String(summary.invalid)),
        h('dt', {}, 'Decisions changed'), h('dd', { 'data-count': 'changed' }, String(summary.changed)))),
    h('section', { class: 'panel', 'aria-labelledby': 'changes-heading' },
      h('h2', { id: 'changes-heading' }, 'Referrals decided differently'),
      changes.length ? changesTable(changes) : h('p', { class: 'muted' }, 'No stored referral would be decided differently.')),
    h('section', { class: 'panel', 'aria-labelledby': 'cross-heading' },
      h('h2', { id: 'cross-heading' }, 'Decisions before and after'),
      crossTable(summary.crossTable)),
    h('section', { class: 'panel', 'aria-labelledby': 'rules-heading' },
      h('h2', { id: 'rules-heading' }, 'Rules that start or stop firing'),
      summary.rules.length ? rulesTable(summary.rules) : h('p', { class: 'muted' }, 'Every rule fires for the same referrals as before.')));
}

function table(caption, headings, rows) {
  // A wide table scrolls in its own box, which keyboard users reach with Tab.
  return h('div', { class: 'table-wrap', role: 'region', 'aria-label': caption, tabindex: 0 }, h('table', {},
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, headings.map(name => h('th', { scope: 'col' }, name)))),
    h('tbody', {}, rows)));
}

function decision(d) {
  const service = pathwayText(d.pathway, d.modality);
  return `${words(d.outcome)}, ${d.pathway ? service : 'no pathway'}, ${words(d.urgency)}`;
}

/** The codes (adaptations, exclusions, flags) the candidate adds and drops. */
function codesMoved(before, after) {
  const codes = d => new Set([...(d.adaptations ?? []), ...(d.exclusions ?? []), ...(d.flags ?? [])]);
  const was = codes(before);
  const now = codes(after);
  const moved = [...[...now].filter(code => !was.has(code)).map(code => `+${code}`), ...[...was].filter(code => !now.has(code)).map(code => `−${code}`)];
  return moved.length ? moved.join(' ') : '—';
}

function changesTable(changes) {
  return table('Each referral whose decision would change',
    ['Referral', 'Before', 'After', 'Codes gained / lost', 'Rules started', 'Rules stopped'],
    changes.map(change => h('tr', {},
      h('th', { scope: 'row' }, h('a', { href: path`/cases/${change.referralId}` }, change.referralId)),
      h('td', {}, decision(change.before)),
      h('td', {}, decision(change.after)),
      h('td', {}, codesMoved(change.before, change.after)),
      h('td', {}, change.rulesStarted.join(', ') || '—'),
      h('td', {}, change.rulesStopped.join(', ') || '—'))));
}

function crossTable(rows) {
  return table('Referrals by outcome, pathway, service and urgency, under each policy',
    ['Outcome', 'Pathway', 'Service', 'Urgency', 'Before', 'After', 'Change'],
    rows.map(row => {
      const change = row.after - row.before;
      return h('tr', { class: change ? 'moved' : undefined },
        h('td', {}, words(row.outcome)), h('td', {}, row.pathway ? codeName(row.pathway) : '—'), h('td', {}, row.modality ? codeName(row.modality) : '—'), h('td', {}, words(row.urgency)),
        h('td', {}, String(row.before)), h('td', {}, String(row.after)),
        h('td', {}, change > 0 ? `+${change}` : change < 0 ? `−${-change}` : '0'));
    }));
}

function rulesTable(rules) {
  return table('Rules whose firing changes',
    ['Rule', 'Fired before', 'Fired after', 'Starts', 'Stops'],
    rules.map(rule => h('tr', {},
      h('th', { scope: 'row' }, rule.rule),
      h('td', {}, String(rule.firedBefore)), h('td', {}, String(rule.firedAfter)),
      h('td', {}, String(rule.started)), h('td', {}, String(rule.stopped)))));
}
