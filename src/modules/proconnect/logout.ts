import type { Deps, SessionInfo } from '../../http/context.js';
import { endSessionUrl } from './oidc.js';

/** The ID token a ProConnect session keeps in sessions.data (`{ proconnect: { idToken } }`). */
export function proconnectIdToken(session: SessionInfo | null | undefined): string | null {
  const pc = session?.data?.proconnect as { idToken?: unknown } | undefined;
  return typeof pc?.idToken === 'string' && pc.idToken.length > 0 ? pc.idToken : null;
}

/**
 * Where to send the browser after a local sign-out when the session came from ProConnect
 * (the provider's end_session_endpoint with id_token_hint, state and
 * post_logout_redirect_uri = BASE_URL/), or null for a plain sign-out.
 * The ProConnect session stores `{ proconnect: { idToken } }` in sessions.data.
 * If the provider cannot be reached, the local sign-out still happens (null).
 */
export async function proconnectEndSessionUrl(deps: Deps, session: SessionInfo): Promise<string | null> {
  const idToken = proconnectIdToken(session);
  if (!idToken || !deps.config.PROCONNECT_ENABLED) return null;
  try {
    return await endSessionUrl(deps.config, idToken);
  } catch (err) {
    deps.logger.warn({ err }, 'ProConnect end-session URL unavailable; local sign-out only');
    return null;
  }
}
