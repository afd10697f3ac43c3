// Who is signed in: GET /api/session ({username, displayName, role, clinicId, csrfToken, signOutUrl?}).
import { request } from './api.js';

export const session = {
  /** The signed-in person, or null. */
  current: null,

  /** Reads the session; null when no one is signed in. */
  async load() {
    try {
      this.current = await request('GET', '/api/session');
    } catch (error) {
      if (error.status !== 401) throw error;
      this.current = null;
    }
    return this.current;
  },

  async signIn(username, password) {
    await request('POST', '/api/session', { username, password });
    return this.load();
  },

  /** Ends the session here; where sign-in is the platform's (Azure), its sign-out page ends it there too. */
  async signOut() {
    const signOutUrl = this.current?.signOutUrl;
    if (signOutUrl) { this.current = null; location.assign(signOutUrl); return; }
    // The antiforgery token goes with the request, so the session is forgotten only after it.
    try { await request('DELETE', '/api/session'); } catch (error) { if (error.status !== 401) throw error; }
    this.current = null;
  },

  /** coordinator and supervisor work the same worklists; a supervisor also acts in a coordinator's place. */
  get coordinating() { return ['coordinator', 'supervisor'].includes(this.current?.role); },
};
