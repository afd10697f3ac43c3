// What the signed-in person may do with the case now: each action only where the role may take it and the status
// allows it (the API checks both again and answers 403 or 409 otherwise).
import { session } from '../../session.js';
import { reviewPanel } from './review.js';
import { crisisPanel } from './crisis.js';
import { placementPanel } from './placement.js';
import { closePanel } from './close.js';

const ended = ['closed', 'discharged', 'invalid'];

export function actionPanels(view, context) {
  const coordinating = session.coordinating;
  const mayAcknowledge = coordinating || session.current?.role === 'crisis';
  return [
    view.status === 'emergency' && mayAcknowledge ? crisisPanel(view, context) : null,
    view.status === 'awaiting-review' && coordinating ? reviewPanel(view, context) : null,
    view.status === 'unplaced' && coordinating ? placementPanel(view, context) : null,
    !ended.includes(view.status) && coordinating ? closePanel(view, context) : null,
  ];
}
