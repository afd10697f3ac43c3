// Every referral, with the list's filters, sort and paging ("More"), a search by referral id, client name or date of
// birth, and a CSV export. The filters are codes and go in this page's URL (so a reload keeps them); a search is
// personal data and never does: it is sent as the body of POST /api/referrals/search, and an export of a search is
// a POST too (its file is made in the browser), while an export without one is a plain link to GET ?format=csv.
import { h, replace, time, words, announce, alertBox, problemBox } from '../dom.js';
import { api, path, request } from '../api.js';
import { countdown } from './coordinator-home.js';
import { codeName, pathwayText } from '../codes.js';

export const title = () => 'All referrals';

const statuses = ['received', 'screened', 'emergency', 'awaiting-review', 'placing', 'awaiting-clinic', 'placed', 'unplaced', 'closed', 'invalid', 'discharged'];
const urgencies = ['emergency', 'urgent', 'routine'];
const pathways = ['ipt', 'ipt-with-medication', 'alternative'];
const sorts = [['received', 'Oldest received first'], ['due', 'Soonest deadline first'], ['urgency', 'Most urgent first']];


export async function render(main) {
  const messages = h('div', {});
  const summary = h('p', { class: 'muted', role: 'status' });
  const results = h('div', {});
  const more = h('button', { type: 'button', class: 'secondary', hidden: true, onclick: () => loadMore() }, 'More');
  const exportLink = h('a', { class: 'button secondary', href: '/api/referrals?format=csv', download: 'referrals.csv' }, 'Export CSV');
  const exportSearch = h('button', { type: 'button', class: 'secondary', hidden: true, onclick: () => exportSearched() }, 'Export CSV');
  const fields = {
    search: h('input', { id: 'f-search', name: 'search', type: 'search', autocomplete: 'off', maxlength: 100, 'aria-describedby': 'f-search-hint' }),
    status: select('f-status', 'status', 'Any status', statuses.map(code => [code, words(code)])),
    urgency: select('f-urgency', 'urgency', 'Any urgency', urgencies.map(code => [code, words(code)])),
    pathway: select('f-pathway', 'pathway', 'Any pathway', pathways.map(code => [code, codeName(code)])),
    clinic: select('f-clinic', 'clinic', 'Any clinic', []),
    assignedTo: h('input', { id: 'f-assigned', name: 'assignedTo', autocomplete: 'off', autocapitalize: 'none', spellcheck: false, 'aria-describedby': 'f-assigned-hint' }),
    overdue: h('input', { id: 'f-overdue', name: 'overdue', type: 'checkbox', class: 'checkbox' }),
    receivedFrom: h('input', { id: 'f-from', name: 'receivedFrom', type: 'date' }),
    receivedTo: h('input', { id: 'f-to', name: 'receivedTo', type: 'date' }),
    sort: select('f-sort', 'sort', null, sorts),
  };
  const submit = h('button', { type: 'submit' }, 'Show referrals');
  const form = h('form', { class: 'panel filters', novalidate: true, role: 'search', 'aria-label': 'Referrals',
    onsubmit: event => { event.preventDefault(); search(); } },
    h('div', { class: 'field wide' }, h('label', { for: 'f-search' }, 'Search'),
      h('p', { class: 'hint', id: 'f-search-hint' }, 'A referral id, a client’s name, or a date of birth (YYYY-MM-DD). It is never put in the address bar.'),
      fields.search),
    h('div', { class: 'filter-grid' },
      field('f-status', 'Status', fields.status),
      field('f-urgency', 'Urgency', fields.urgency),
      field('f-pathway', 'Pathway', fields.pathway),
      field('f-clinic', 'Clinic', fields.clinic),
      h('div', { class: 'field' }, h('label', { for: 'f-assigned' }, 'Assigned to'),
        h('p', { class: 'hint', id: 'f-assigned-hint' }, 'A username, or “me”'), fields.assignedTo),
      field('f-from', 'Received on or after', fields.receivedFrom),
      field('f-to', 'Received on or before', fields.receivedTo),
      field('f-sort', 'Order', fields.sort)),
    h('div', { class: 'check' }, fields.overdue, h('label', { for: 'f-overdue' }, 'Overdue only')),
    h('div', { class: 'actions' }, submit,
      h('button', { type: 'button', class: 'secondary', onclick: () => { form.reset(); search(); } }, 'Clear'),
      exportLink, exportSearch));

  main.append(h('h1', { tabindex: -1 }, 'All referrals'), messages, form, summary, results, h('div', { class: 'actions' }, more));

  let nextCursor = null;
  let shownRows = 0;
  let body = null;

  /** The form's filters as the API's query parameters (dates as UTC days; "on or before" includes that day). */
  function filters() {
    const query = new URLSearchParams();
    for (const name of ['status', 'urgency', 'pathway', 'clinic']) if (fields[name].value) query.set(name, fields[name].value);
    if (fields.sort.value !== 'received') query.set('sort', fields.sort.value); // the list's default order
    if (fields.assignedTo.value.trim()) query.set('assignedTo', fields.assignedTo.value.trim());
    if (fields.overdue.checked) query.set('overdue', 'true');
    if (fields.receivedFrom.value) query.set('receivedFrom', `${fields.receivedFrom.value}T00:00:00Z`);
    if (fields.receivedTo.value) query.set('receivedTo', `${nextDay(fields.receivedTo.value)}T00:00:00Z`);
    return query;
  }

  function fillFrom(query) {
    for (const name of ['status', 'urgency', 'pathway', 'clinic', 'sort']) if (query.get(name)) fields[name].value = query.get(name);
    fields.assignedTo.value = query.get('assignedTo') ?? '';
    fields.overdue.checked = query.get('overdue') === 'true';
    fields.receivedFrom.value = query.get('receivedFrom')?.slice(0, 10) ?? '';
    fields.receivedTo.value = query.get('receivedTo') ? nextDay(query.get('receivedTo').slice(0, 10), -1) : '';
  }

  async function fetchPage(cursor) {
    const query = filters();
    if (cursor) query.set('cursor', cursor);
    const q = fields.search.value.trim();
    return q ? api.post(`/api/referrals/search?${query}`, { q }) : api.get(`/api/referrals?${query}`);
  }

  async function search() {
    messages.replaceChildren();
    const query = filters();
    history.replaceState(null, '', query.size ? `/worklist?${query}` : '/worklist');
    const searching = fields.search.value.trim() !== '';
    exportLink.hidden = searching;
    exportSearch.hidden = !searching;
    exportLink.href = `/api/referrals?${withFormat(query)}`;
    submit.disabled = true;
    try {
      const page = await fetchPage(null);
      shownRows = 0;
      body = h('tbody', {});
      replace(results, page.items.length === 0 ? h('p', { class: 'muted' }, 'No referral matches.') : h('div', { class: 'table-wrap' }, h('table', { class: 'worklist-table', 'data-list': 'worklist' },
        h('caption', { class: 'visually-hidden' }, 'Referrals'),
        h('thead', {}, h('tr', {}, ['Referral', 'Status', 'Urgency', 'Pathway', 'Clinic', 'Received', 'Due', 'Assigned to'].map(text => h('th', { scope: 'col' }, text)))),
        body)));
      append(page);
      announce(summary.textContent);
    } catch (error) {
      replace(results);
      replace(summary);
      more.hidden = true;
      messages.append(problemBox(error));
    } finally {
      submit.disabled = false;
    }
  }

  function append(page) {
    body.append(...page.items.map(row => h('tr', { 'data-referral': row.referralId },
      h('th', { scope: 'row' }, h('a', { href: path`/cases/${row.referralId}` }, row.referralId)),
      h('td', {}, words(row.status)),
      h('td', {}, row.urgency ? h('span', { class: `badge ${row.urgency}` }, words(row.urgency)) : '—'),
      h('td', {}, pathwayText(row.pathway, row.modality)),
      h('td', {}, row.clinicId ?? '—'),
      h('td', {}, time(row.receivedAt)),
      h('td', {}, countdown(row)),
      h('td', {}, row.assignee ?? h('span', { class: 'muted' }, 'No one')))));
    shownRows += page.items.length;
    nextCursor = page.nextCursor ?? null;
    more.hidden = !nextCursor;
    replace(summary, `${shownRows} referral${shownRows === 1 ? '' : 's'} shown${nextCursor ? '; there are more' : ''}.`);
  }

  async function loadMore() {
    more.disabled = true;
    try {
      const before = shownRows;
      const page = await fetchPage(nextCursor);
      append(page);
      announce(`${shownRows - before} more shown.`);
      // The button goes on the last page; the first new row is where reading goes on.
      if (!nextCursor) body.rows[before]?.querySelector('a')?.focus();
    } catch (error) {
      messages.replaceChildren(problemBox(error));
    } finally {
      more.disabled = false;
    }
  }

  /** A search's export is a POST (the search stays out of URLs); its answer becomes the file here. */
  async function exportSearched() {
    exportSearch.disabled = true;
    try {
      const response = await request('POST', `/api/referrals/search?${withFormat(filters())}`, { q: fields.search.value.trim() }, { accept: 'text/csv' });
      const file = URL.createObjectURL(await response.blob());
      const link = h('a', { href: file, download: 'referrals.csv', hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(file), 10000);
      announce('The export is downloaded.');
    } catch (error) {
      messages.replaceChildren(problemBox(error));
    } finally {
      exportSearch.disabled = false;
    }
  }

  fillFrom(new URLSearchParams(location.search));
  try {
    const clinics = await api.get('/api/clinics');
    const chosen = new URLSearchParams(location.search).get('clinic');
    fields.clinic.append(...clinics.map(clinic => h('option', { value: clinic.id }, clinic.name)));
    if (chosen) fields.clinic.value = chosen;
  } catch (error) {
    messages.append(alertBox('warn', 'The clinic list could not be read; the other filters work.'));
  }
  await search();
}

function select(id, name, anyText, options) {
  return h('select', { id, name },
    anyText ? h('option', { value: '' }, anyText) : null,
    options.map(([value, text]) => h('option', { value }, text)));
}

function field(id, label, control) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

function withFormat(query) {
  const copy = new URLSearchParams(query);
  copy.set('format', 'csv');
  return copy;
}

/** YYYY-MM-DD plus (or minus) days, in UTC. */
function nextDay(date, days = 1) {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}
