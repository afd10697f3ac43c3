// The server's policy as a review's override needs it (GET /api/policy): its version, the workflow's pathways and
// the alternative services a case can be routed to. Read once a session: it changes only when the server restarts.
import { api } from '../../api.js';

let policy = null;

export function loadPolicy() {
  policy ??= api.get('/api/policy').catch(error => { policy = null; throw error; });
  return policy;
}
