import type { Deps, SessionInfo } from '../../http/context.js';

/**
 * Where to send the browser after a local sign-out when the session came from ProConnect
 * (the provider's end_session_endpoint with id_token_hint), or null for a plain sign-out.
 * The ProConnect session stores `{ proconnect: { idToken } }` in sessions.data.
 */
export async function proconnectEndSessionUrl(_deps: Deps, _session: SessionInfo): Promise<string | null> {
  return null;
}
