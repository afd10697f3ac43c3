// The case page as a clinic sees it (case.js hands clinic staff to this module): the minimum-necessary view of
// GET /api/referrals/{id}, answering an offer, the booking details once placed, and the end of care. A case the
// clinic was never offered answers 404 like one that does not exist, and gets the same Not found page.
import { h, replace, alertBox, problemBox, announce, words } from '../dom.js';
import { api, path } from '../api.js';
import { every } from '../router.js';
import { renderNotFound } from './not-found.js';
import { caseFacts, offerForm, dischargeForm, bookingDetails } from '../clinic-cases.js';

const followEvery = 2000;

export const title = () => 'Case';

export async function render(main, { id }) {
  let view;
  try {
    view = await api.get(path`/api/referrals/${id}`);
  } catch (error) {
    if (error.status === 404) { renderNotFound(main, 'case'); return undefined; }
    main.append(h('h1', { tabindex: -1 }, 'Case'), problemBox(error));
    return undefined;
  }

  const body = h('div', {});
  main.append(h('h1', { tabindex: -1 }, 'Case'), body);
  let stop = null;
  show(view);

  function show(current) {
    view = current;
    replace(body, h('section', { class: 'panel', 'aria-labelledby': 'facts-heading' },
      h('h2', { id: 'facts-heading' }, 'The referral'),
      caseFacts(current)),
    ...sections(current));
  }

  function sections(current) {
    switch (current.status) {
      case 'awaiting-clinic':
        return [h('section', { class: 'panel', 'aria-labelledby': 'answer-heading' },
          h('h2', { id: 'answer-heading' }, 'Your answer'),
          offerForm(current.referralId, () => follow('awaiting-clinic')))];
      case 'placed':
        return [
          h('section', { class: 'panel', 'aria-labelledby': 'booking-heading' },
            h('h2', { id: 'booking-heading' }, 'Booking the client'),
            bookingDetails(current.client)),
          h('section', { class: 'panel', 'aria-labelledby': 'discharge-heading' },
            h('h2', { id: 'discharge-heading' }, 'The end of care'),
            dischargeForm(current.referralId, () => follow('placed')))];
      case 'discharged':
        return [alertBox(undefined, 'Your clinic recorded the end of care for this case.')];
      default:
        return [alertBox(undefined, 'This case is no longer with your clinic: the offer was declined, lapsed or withdrawn, or the case went elsewhere.')];
    }
  }

  /** After an action the workflow moves the case a moment later: read it until it has moved, then show it. */
  function follow(from) {
    stop?.();
    stop = every(followEvery, async () => {
      const next = await api.get(path`/api/referrals/${id}`);
      if (next.status === from) return;
      stop();
      show(next);
      announce(`The case is now ${words(next.status).toLowerCase()}.`);
    });
  }

  return () => stop?.();
}
