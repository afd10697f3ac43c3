// Clinic staff's home: the offers awaiting the clinic's answer, the cases placed with it and those it discharged in the
// last 30 days (GET /api/clinic/cases), polled so a new offer appears without a reload. The list carries no client
// details: those are read (and each read audited) only when someone opens a placed case's booking details.
import { h, replace, announce, alertBox, problemBox } from '../dom.js';
import { api, path } from '../api.js';
import { every } from '../router.js';
import { caseFacts, offerForm, dischargeForm, bookingDetails } from '../clinic-cases.js';

const refreshEvery = 5000;

export const title = () => 'Cases';

export async function render(main) {
  const problem = h('div', {});
  // What was last done here: an answered card leaves the list at the next refresh, so its confirmation is kept here.
  const notice = h('div', { id: 'notice', tabindex: -1 });
  const offers = h('div', { class: 'case-cards', id: 'offers' });
  const placed = h('div', { class: 'case-cards', id: 'placed' });
  const offersEmpty = h('p', { class: 'muted' }, 'No offer awaits your answer.');
  const placedEmpty = h('p', { class: 'muted' }, 'No case is placed with your clinic.');
  const discharged = h('div', { class: 'case-cards', id: 'discharged' });
  const dischargedEmpty = h('p', { class: 'muted' }, 'Your clinic has discharged no case in the last 30 days.');
  // Each status the list carries: the section its cards go in, the line shown while it is empty, and its card.
  const sections = {
    'awaiting-clinic': { list: offers, empty: offersEmpty, card: offerCard },
    placed: { list: placed, empty: placedEmpty, card: placedCard },
    discharged: { list: discharged, empty: dischargedEmpty, card: dischargedCard },
  };
  main.append(
    h('h1', { tabindex: -1 }, 'Cases'),
    problem,
    notice,
    h('section', { 'aria-labelledby': 'offers-heading' },
      h('h2', { id: 'offers-heading' }, 'Offers awaiting your answer'),
      h('p', { class: 'hint' }, 'Accept or decline each offer before its respond-by time; after it, the offer lapses and the case goes to the coordinators.'),
      offersEmpty, offers),
    h('section', { 'aria-labelledby': 'placed-heading' },
      h('h2', { id: 'placed-heading' }, 'Placed with your clinic'),
      placedEmpty, placed),
    h('section', { 'aria-labelledby': 'discharged-heading' },
      h('h2', { id: 'discharged-heading' }, 'Recently discharged'),
      h('p', { class: 'hint' }, 'The cases your clinic discharged in the last 30 days, most recent first.'),
      dischargedEmpty, discharged));

  // Cards are kept by referral and status, so a refresh adds and removes cards but never rebuilds one someone may
  // be typing a reason in.
  const cards = new Map();
  const done = said => {
    replace(notice, alertBox('ok', said));
    notice.focus();
    refresh().catch(() => {});
  };
  let known = null;

  async function refresh() {
    let rows;
    try {
      rows = await api.get('/api/clinic/cases');
      problem.replaceChildren();
    } catch (error) {
      replace(problem, problemBox(error));
      throw error;
    }
    const wanted = new Map(rows.map(row => [`${row.referralId} ${row.status}`, row]));
    for (const [key, card] of cards) {
      if (!wanted.has(key)) { card.remove(); cards.delete(key); }
    }
    const arrived = [];
    for (const [key, row] of wanted) {
      if (cards.has(key)) continue;
      const section = sections[row.status];
      if (!section) continue;
      const { list } = section;
      const card = section.card(row, done);
      cards.set(key, card);
      const next = [...wanted.keys()].slice([...wanted.keys()].indexOf(key) + 1).map(later => cards.get(later)).find(later => later?.parentElement === list);
      list.insertBefore(card, next ?? null);
      if (known && row.status === 'awaiting-clinic' && !known.has(row.referralId)) arrived.push(row);
    }
    known = new Set(rows.map(row => row.referralId));
    for (const { list, empty } of Object.values(sections)) empty.hidden = list.childElementCount > 0;
    if (arrived.length) announce(arrived.length === 1 ? 'A new offer has arrived.' : `${arrived.length} new offers have arrived.`);
  }

  try { await refresh(); } catch { /* shown in the problem box; polling tries again */ }
  return every(refreshEvery, refresh);
}

/** `done(said)`: the page keeps the confirmation, since the card leaves the list once the workflow has acted. */
function offerCard(row, done) {
  return h('article', { class: 'panel case-card', 'aria-label': `Offer ${row.referralId}` },
    h('h3', {}, h('a', { href: path`/cases/${row.referralId}` }, `Offer ${row.referralId}`)),
    caseFacts(row),
    offerForm(row.referralId, (_, said) => done(said)));
}

function placedCard(row, done) {
  const booking = h('div', { class: 'booking-slot' });
  const show = h('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false' }, 'Show booking details');
  show.addEventListener('click', async () => {
    if (show.getAttribute('aria-expanded') === 'true') {
      booking.replaceChildren();
      show.setAttribute('aria-expanded', 'false');
      show.textContent = 'Show booking details';
      return;
    }
    show.disabled = true;
    try {
      // Each read of the client's details is audited: read when someone asks, never in the poll.
      const view = await api.get(path`/api/referrals/${row.referralId}`);
      replace(booking, view.status === 'placed' ? bookingDetails(view.client) : alertBox('warn', 'This case is no longer placed with your clinic.'));
      show.setAttribute('aria-expanded', 'true');
      show.textContent = 'Hide booking details';
    } catch (error) {
      replace(booking, problemBox(error));
    } finally {
      show.disabled = false;
    }
  });
  const discharge = h('details', { class: 'discharge-details' },
    h('summary', {}, 'Record the end of care'),
    dischargeForm(row.referralId, done));
  return h('article', { class: 'panel case-card', 'aria-label': `Case ${row.referralId}` },
    h('h3', {}, h('a', { href: path`/cases/${row.referralId}` }, `Case ${row.referralId}`)),
    caseFacts(row),
    h('div', { class: 'actions' }, show),
    booking,
    discharge);
}

/** A discharge the clinic recorded: the case and when, to confirm it was taken; nothing more is done with it here. */
function dischargedCard(row) {
  return h('article', { class: 'panel case-card', 'aria-label': `Discharged ${row.referralId}` },
    h('h3', {}, h('a', { href: path`/cases/${row.referralId}` }, `Discharged ${row.referralId}`)),
    caseFacts(row));
}
