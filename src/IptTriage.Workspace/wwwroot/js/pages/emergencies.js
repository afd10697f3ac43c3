// The open emergencies' table, shared by the coordinators' home and the crisis team's: time since the alert,
// escalations so far, when the next one goes, and Acknowledge. Rows come from GET /api/worklists, which reads no client panel.
import { h, time, relative, announce } from '../dom.js';
import { api, path } from '../api.js';

/**
 * A table of open emergencies that keeps its rows' identity across refreshes. onChanged() is called after an
 * acknowledgement, so the page refreshes at once; showProblem(error) shows a refused one.
 */
export function emergencyTable({ onChanged, showProblem, caption }) {
  const acknowledged = new Set();
  const body = h('tbody', {});
  const table = h('div', { class: 'table-wrap' }, h('table', { class: 'worklist-table', 'data-list': 'emergencies' },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Referral'), h('th', { scope: 'col' }, 'Alerted'), h('th', { scope: 'col' }, 'Escalations'),
      h('th', { scope: 'col' }, 'Next escalation'), h('th', { scope: 'col' }, 'Assigned to'), h('th', { scope: 'col' }, 'Action'))),
    body));
  const empty = h('p', { class: 'muted' }, 'No open emergencies.');

  async function acknowledge(referralId, button) {
    button.disabled = true;
    button.textContent = 'Acknowledging…';
    try {
      await api.post(path`/api/referrals/${referralId}/crisis-ack`, {});
      acknowledged.add(referralId);
      announce(`Emergency ${referralId} acknowledged.`);
      await onChanged();
    } catch (error) {
      button.disabled = false;
      button.textContent = 'Acknowledge';
      showProblem(error);
      if (error.status === 409) await onChanged();
    }
  }

  function row(emergency) {
    const id = emergency.referralId;
    const action = acknowledged.has(id)
      ? h('span', { class: 'badge ok', 'data-key': `ack-${id}`, tabindex: -1 }, 'Acknowledged')
      : h('button', { type: 'button', class: 'danger', 'data-key': `ack-${id}`, 'aria-label': `Acknowledge emergency ${id}`,
          onclick: event => acknowledge(id, event.currentTarget) }, 'Acknowledge');
    return h('tr', { 'data-referral': id },
      h('th', { scope: 'row' }, h('a', { href: path`/cases/${id}`, 'data-key': `case-${id}` }, id)),
      h('td', {}, emergency.alertedAt ? [since(emergency.alertedAt), h('br'), h('span', { class: 'muted' }, time(emergency.alertedAt))] : h('span', { class: 'muted' }, 'Alerting…')),
      h('td', { class: emergency.escalations > 0 ? 'overdue' : '', 'data-escalations': emergency.escalations },
        emergency.escalations === 0 ? 'None yet' : `${emergency.escalations} to the supervisor`),
      h('td', { 'data-next-escalation': emergency.nextEscalationAt ?? '' }, nextEscalation(emergency.nextEscalationAt)),
      h('td', {}, emergency.assignee ?? h('span', { class: 'muted' }, 'No one')),
      h('td', {}, action));
  }

  return {
    element: h('div', {}, table, empty),
    /** Shows the rows of GET /api/worklists' emergencies; keeps keyboard focus where it was. */
    show(list) {
      const open = new Set(list.items.map(item => item.referralId));
      for (const id of acknowledged) if (!open.has(id)) acknowledged.delete(id);
      keepingFocus(body, () => body.replaceChildren(...list.items.map(row)));
      table.hidden = list.items.length === 0;
      empty.hidden = list.items.length > 0;
    },
  };
}

/** When the supervisor is told next: due now once the time has passed (the workflow is escalating, or the row is a
 * poll behind); none when no escalation is to follow. */
function nextEscalation(iso) {
  if (!iso) return h('span', { class: 'muted' }, 'None to follow');
  const said = relative(iso);
  return [said.startsWith('in ') ? said : 'due now', h('br'), h('span', { class: 'muted' }, time(iso))];
}

/** How long ago something happened; a clock a little behind the server's still says "just now". */
function since(iso) {
  const said = relative(iso);
  return said.startsWith('in ') ? 'just now' : said;
}

/** Re-renders inside container and puts focus back on the element with the same data-key, so a refresh never moves
 * a keyboard user; when that element has gone (its row left the list), focus goes to the container's panel. */
export function keepingFocus(container, rerender) {
  const focused = document.activeElement;
  const key = container.contains(focused) ? focused.dataset?.key : null;
  const hadFocus = container.contains(focused);
  rerender();
  if (!hadFocus) return;
  const again = key ? container.querySelector(`[data-key="${CSS.escape(key)}"]`) : null;
  (again ?? container.closest('[tabindex="-1"]'))?.focus({ preventScroll: true });
}
