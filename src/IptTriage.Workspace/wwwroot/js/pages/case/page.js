// The case page for coordinators, supervisors and the crisis team: one read of GET /api/referrals/{id} drawn as
// panels. Each read of the case audits a read of the client panel, so the page reads it only when it opens, after
// an action, and when the person asks (Refresh) — never on a timer, except briefly after an action until the
// workflow has moved the case on.
import { h, replace, announce, time, words, problemBox } from '../../dom.js';
import { api, path } from '../../api.js';
import { every } from '../../router.js';
import { renderNotFound } from '../not-found.js';
import { statusPanel } from './status.js';
import { actionPanels } from './actions.js';
import { assignmentPanel } from './assignment.js';
import { notesPanel } from './notes.js';
import { decisionPanel } from './decision.js';
import { clientPanels } from './client.js';
import { timelinePanel } from './timeline.js';

/** After an action: how often and how many times the case is read again while waiting for the workflow. */
const followInterval = 500;
const followReads = 30;
/** Statuses the workflow passes through on its own: following an action goes on past them to where the case rests. */
const passing = ['received', 'screened', 'placing'];

export async function openCase(main, referralId) {
  const page = new CasePage(main, referralId);
  await page.open();
  return () => page.stop();
}

class CasePage {
  constructor(main, referralId) {
    this.main = main;
    this.referralId = referralId;
    this.view = null;
    /** What the shown case started (its countdown): stopped when it is drawn again or the page closes. */
    this.drawn = new Set();
    /** Following an action: stopped when the page closes. */
    this.following = new Set();
  }

  read() {
    return api.get(path`/api/referrals/${this.referralId}`);
  }

  async open() {
    try {
      this.view = await this.read();
    } catch (error) {
      if (error.status === 404) { renderNotFound(this.main, 'case'); return; }
      replace(this.main, h('h1', { tabindex: -1 }, 'Case'), problemBox(error));
      return;
    }
    this.draw();
  }

  stop() {
    for (const stop of [...this.drawn, ...this.following]) stop();
    this.drawn.clear();
    this.following.clear();
  }

  /** What the panels may call: the case's id, timers that end with this drawing, and the actions' follow-up. */
  get context() {
    return {
      referralId: this.referralId,
      every: (milliseconds, tick) => { this.drawn.add(every(milliseconds, tick)); },
      acted: (message) => this.followAction(message),
      changed: (message, focus) => this.reload(message, focus),
    };
  }

  draw({ result, focus } = {}) {
    for (const stop of this.drawn) stop();
    this.drawn.clear();
    const view = this.view;
    const context = this.context;
    const resultBox = result ? h('div', { class: `alert ${result.kind}`, id: 'case-result', tabindex: -1 }, result.message) : null;
    replace(this.main,
      h('h1', { tabindex: -1 }, `Case ${view.referralId}`),
      h('div', { class: 'case-toolbar' },
        h('p', { class: 'muted' }, 'Read at ', time(new Date().toISOString()), '.'),
        h('button', { type: 'button', class: 'secondary', id: 'case-refresh', onclick: () => this.reload('The case was read again.', '#case-refresh') }, 'Refresh')),
      resultBox,
      h('div', { class: 'case-layout' },
        h('div', { class: 'case-work' },
          statusPanel(view, context),
          actionPanels(view, context),
          assignmentPanel(view, context),
          notesPanel(view, context)),
        h('div', { class: 'case-record' },
          decisionPanel(view),
          clientPanels(view),
          timelinePanel(view))));
    // Focus stays where the person was working (a note, the assignment), or goes to the result at the top.
    if (result) announce(result.message);
    (focus ? this.main.querySelector(focus) : resultBox)?.focus();
  }

  /** Reads the case once more (Refresh, a note, an assignment) and draws it, saying what happened. */
  async reload(message, focus) {
    try {
      this.view = await this.read();
    } catch (error) {
      this.fail(error);
      return;
    }
    this.draw({ result: { kind: 'ok', message }, focus });
  }

  /** An action was accepted (202): the workflow carries it out a moment later, so read the case until its status
   * has moved on to one that waits on something (or give up after a few seconds and say so), then draw it and say
   * where it stands. */
  async followAction(message) {
    const before = this.view.status;
    announce(`${message} Waiting for the case to move on…`);
    const view = await new Promise(resolve => {
      let reads = 0;
      let latest = null;
      const stop = every(followInterval, async () => {
        reads += 1;
        try { latest = await this.read(); } finally {
          const settled = latest && latest.status !== before && !passing.includes(latest.status);
          if (settled || reads >= followReads) { stop(); this.following.delete(stop); resolve(latest); }
        }
      });
      this.following.add(stop);
    });
    if (view) this.view = view;
    const moved = view && view.status !== before;
    this.draw({
      result: moved
        ? { kind: 'ok', message: `${message} The case is now ${words(view.status).toLowerCase()}.` }
        : { kind: 'warn', message: `${message} The case has not moved on yet; use Refresh in a moment.` },
    });
  }

  fail(error) {
    if (error.status === 404) { this.stop(); renderNotFound(this.main, 'case'); return; }
    const box = problemBox(error);
    this.main.querySelector('#case-result')?.remove();
    this.main.querySelector('.case-toolbar')?.after(box);
  }
}
