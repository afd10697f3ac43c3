// The workspace's one way to the API: same origin, the session cookie, the antiforgery token on every request that
// changes something, problem details turned into ApiError.
import { session } from './session.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.title ?? `The server answered ${status}.`);
    this.status = status;
    this.title = problem?.title ?? (status === 0 ? 'The server could not be reached.' : `The server answered ${status}.`);
    this.detail = problem?.detail;
    this.errors = problem?.errors ?? [];
    this.problem = problem;
  }
}

/** Called when the session has ended (a 401): the app shows the sign-in page. */
let onSignedOut = () => {};
export function whenSignedOut(callback) { onSignedOut = callback; }

export async function request(method, path, body, { accept = 'application/json' } = {}) {
  const headers = { Accept: accept };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && session.current?.csrfToken) headers['X-CSRF-TOKEN'] = session.current.csrfToken;
  let response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, null);
  }
  if (response.status === 401 && !path.endsWith('/api/session')) onSignedOut();
  if (!response.ok) throw new ApiError(response.status, await readJson(response));
  if (response.status === 204) return null;
  return accept === 'application/json' ? readJson(response) : response;
}

async function readJson(response) {
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return null;
  try { return await response.json(); } catch { return null; }
}

export const api = {
  get: (path, options) => request('GET', path, undefined, options),
  post: (path, body = {}, options) => request('POST', path, body, options),
  put: (path, body = {}, options) => request('PUT', path, body, options),
  delete: path => request('DELETE', path),
};

/** Path segments from ids: encodeURIComponent each, so an id can never change the route. */
export function path(strings, ...values) {
  return strings.reduce((built, part, i) => built + part + (i < values.length ? encodeURIComponent(values[i]) : ''), '');
}
