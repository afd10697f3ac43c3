// The coordinators' and supervisors' home: a tab for each worklist — open emergencies, reviews, cases awaiting a
// clinic, unplaced cases, my cases — each with its count, kept up to date by polling (no reload, no focus moved).
// Counts and emergencies come from GET /api/worklists, the other tabs from the referral list (codes only): nothing
// here reads a case, so polling never reads (or audits) a client panel. The chosen tab is a code in the URL (?tab=).
import { h, replace, time, relative, words, announce, problemBox } from '../dom.js';
import { api, path } from '../api.js';
import { pathwayText } from '../codes.js';
import { everyShowingProblems } from '../router.js';
import { emergencyTable, keepingFocus } from './emergencies.js';

export const title = () => 'Worklists';

/** How often the page asks again: the "within a few seconds" of a new emergency. */
export const refreshEvery = 4000;

const RowLimit = 100;

/** Each tab: its code (the URL's ?tab=), its label, the count it shows, and the list query behind it. */
const tabs = [
  { code: 'emergencies', label: 'Emergencies', count: w => w.emergencies },
  { code: 'reviews', label: 'Reviews', count: w => w.reviews, query: 'status=awaiting-review&sort=due', columns: ['urgency', 'pathway', 'due', 'assignee'] },
  { code: 'awaiting-clinic', label: 'Awaiting clinic', count: w => w.awaitingClinic, query: 'status=awaiting-clinic&sort=due', columns: ['clinic', 'urgency', 'respondBy', 'assignee'] },
  { code: 'unplaced', label: 'Unplaced', count: w => w.unplaced, query: 'status=unplaced&sort=urgency', columns: ['urgency', 'pathway', 'received', 'assignee'] },
  { code: 'mine', label: 'My cases', count: w => w.mine, query: 'assignedTo=me&sort=due', columns: ['status', 'urgency', 'due'] },
];

const headings = { urgency: 'Urgency', pathway: 'Pathway', due: 'Due', respondBy: 'Respond by', clinic: 'Clinic', received: 'Received', assignee: 'Assigned to', status: 'Status' };

export async function render(main) {
  let current = tabs.find(tab => tab.code === new URLSearchParams(location.search).get('tab')) ?? tabs[0];
  let knownEmergencies = null;
  const messages = h('div', {});
  const pollProblem = h('div', {});
  const panel = h('section', { id: 'worklist-panel', role: 'tabpanel', tabindex: -1, class: 'panel tab-panel' });
  const buttons = tabs.map((tab, index) => h('button', {
    type: 'button', role: 'tab', id: `tab-${tab.code}`, class: 'tab', 'aria-controls': 'worklist-panel', 'data-tab': tab.code,
    onclick: () => choose(tab),
    onkeydown: event => moveBetweenTabs(event, index),
  }, h('span', { class: 'tab-label' }, tab.label), ' ', h('span', { class: 'tab-count', 'data-count': tab.code }, '…')));
  const emergencies = emergencyTable({ caption: 'Open emergencies', onChanged: () => refresh(), showProblem });

  main.append(
    h('h1', { tabindex: -1 }, 'Worklists'),
    messages,
    pollProblem,
    h('div', { role: 'tablist', 'aria-label': 'Worklists', class: 'tabs' }, buttons),
    panel);

  function showProblem(error) { replace(messages, problemBox(error)); }

  function moveBetweenTabs(event, index) {
    const step = { ArrowRight: 1, ArrowLeft: -1, Home: -index, End: tabs.length - 1 - index }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const next = (index + step + tabs.length) % tabs.length;
    choose(tabs[next]);
    buttons[next].focus();
  }

  async function choose(tab) {
    current = tab;
    const query = new URLSearchParams(location.search);
    query.set('tab', tab.code);
    history.replaceState(null, '', `${location.pathname}?${query}`);
    markTabs();
    replace(panel, h('p', { class: 'loading' }, 'Loading…'));
    try {
      await refresh();
    } catch (error) {
      showProblem(error);
    }
  }

  function markTabs() {
    buttons.forEach((button, i) => {
      const selected = tabs[i] === current;
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
    });
    panel.setAttribute('aria-labelledby', `tab-${current.code}`);
  }

  async function refresh() {
    const shown = current;
    const worklists = await api.get('/api/worklists');
    showCounts(worklists);
    noticeNewEmergencies(worklists.emergencies.items);
    if (current !== shown) return;
    if (shown.code === 'emergencies') {
      showPanel(shown, () => [h('h2', {}, 'Open emergencies'), emergencies.element], () => emergencies.show(worklists.emergencies));
      return;
    }
    const page = await api.get(`/api/referrals?${shown.query}&limit=${RowLimit}`);
    if (current !== shown) return;
    showPanel(shown, null, () => keepingFocus(panel, () => replace(panel, h('h2', {}, shown.label), listTable(shown, page))));
  }

  /** The emergencies tab keeps its table element (and its acknowledged rows) between refreshes. */
  function showPanel(tab, build, update) {
    if (build && panel.dataset.showing !== tab.code) replace(panel, build());
    panel.dataset.showing = build ? tab.code : '';
    update();
  }

  function showCounts(worklists) {
    for (const tab of tabs) {
      const count = tab.count(worklists);
      const cell = main.querySelector(`[data-count="${tab.code}"]`);
      if (!count) { replace(cell, ''); continue; }
      replace(cell, h('span', { class: 'badge' }, String(count.count)),
        count.overdue ? [' ', h('span', { class: 'badge overdue-badge' }, `${count.overdue} overdue`)] : null);
    }
  }

  /** New emergencies are said politely, once each; the first load is not news. */
  function noticeNewEmergencies(items) {
    const ids = new Set(items.map(item => item.referralId));
    if (knownEmergencies) {
      const arrived = [...ids].filter(id => !knownEmergencies.has(id));
      if (arrived.length === 1) announce(`New emergency: ${arrived[0]}. It waits for acknowledgement.`);
      else if (arrived.length > 1) announce(`${arrived.length} new emergencies wait for acknowledgement.`);
    }
    knownEmergencies = ids;
  }

  markTabs();
  replace(panel, h('p', { class: 'loading' }, 'Loading…'));
  try {
    await refresh();
  } catch (error) {
    showProblem(error);
  }
  return everyShowingProblems(refreshEvery, refresh, pollProblem);
}

function listTable(tab, page) {
  if (page.items.length === 0) return h('p', { class: 'muted' }, 'Nothing here.');
  return [
    h('div', { class: 'table-wrap' }, h('table', { class: 'worklist-table', 'data-list': tab.code },
      h('caption', { class: 'visually-hidden' }, tab.label),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Referral'), tab.columns.map(column => h('th', { scope: 'col' }, headings[column])))),
      h('tbody', {}, page.items.map(row => h('tr', { 'data-referral': row.referralId },
        h('th', { scope: 'row' }, h('a', { href: path`/cases/${row.referralId}`, 'data-key': `case-${row.referralId}` }, row.referralId)),
        tab.columns.map(column => h('td', {}, cell(column, row)))))))),
    page.nextCursor ? h('p', {}, `The first ${RowLimit} are shown. `, h('a', { href: `/worklist?${tab.query}` }, 'See them all on the referral list')) : null,
  ];
}

function cell(column, row) {
  switch (column) {
    case 'urgency': return row.urgency ? h('span', { class: `badge ${row.urgency}` }, words(row.urgency)) : '—';
    case 'pathway': return pathwayText(row.pathway, row.modality);
    case 'due': case 'respondBy': return countdown(row);
    case 'clinic': return row.clinicId ?? '—';
    case 'received': return time(row.receivedAt);
    case 'assignee': return row.assignee ?? h('span', { class: 'muted' }, 'No one');
    case 'status': return words(row.status);
    default: return '';
  }
}

/** A deadline as a countdown ("in 3 h 5 min"), or how long overdue, highlighted; the exact time beside it. */
export function countdown(row) {
  if (!row.dueAt) return h('span', { class: 'muted' }, '—');
  return h('span', { class: row.overdue ? 'overdue' : '', 'data-due': row.dueAt },
    row.overdue ? `Overdue, due ${relative(row.dueAt)}` : `Due ${relative(row.dueAt)}`, h('br'), h('span', { class: 'muted' }, time(row.dueAt)));
}
