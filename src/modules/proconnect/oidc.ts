import * as oidc from 'openid-client';
import type { Config } from '../../config.js';
import { randomToken } from '../../lib/crypto.js';
import { PROCONNECT_SCOPES, type ProConnectClaims, proConnectClaimsSchema } from './claims.js';

/**
 * The OpenID Connect side of ProConnect, with openid-client v6: discovery (cached per
 * issuer and client), authorization URL with PKCE + state + nonce, code exchange with
 * ID-token validation (signature RS256, issuer, audience, expiry, nonce), userinfo as a
 * signed JWT whose signature is verified (`enableNonRepudiationChecks`), end-session URL.
 */

export const redirectUri = (config: Config) => `${config.BASE_URL}/connexion/proconnect/retour`;

/** Why a ProConnect exchange failed, as the pages explain it. */
export type FailureKind = 'unavailable' | 'refused' | 'rejected';

export class ProConnectFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ProConnectFailure';
  }
}

/** Discovery answers are reused for a day, then asked again (metadata rarely changes; keys are refetched by openid-client on an unknown kid). */
const DISCOVERY_TTL_MS = 24 * 3600_000;
const cache = new Map<string, { at: number; pending: Promise<oidc.Configuration> }>();

/** http is accepted only for a provider on this machine (tests, local development). */
function isLoopback(url: URL) {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/** The provider's configuration, discovered once per issuer and client, then reused. */
export async function proConnectConfiguration(config: Config): Promise<oidc.Configuration> {
  const issuer = new URL(config.PROCONNECT_ISSUER ?? '');
  const key = `${issuer.href}|${config.PROCONNECT_CLIENT_ID}`;
  const cached = cache.get(key);
  let pending = cached && Date.now() - cached.at < DISCOVERY_TTL_MS ? cached.pending : undefined;
  if (!pending) {
    const insecure = issuer.protocol === 'http:';
    if (insecure && !isLoopback(issuer)) {
      throw new ProConnectFailure('unavailable', 'PROCONNECT_ISSUER must use https outside this machine');
    }
    pending = oidc.discovery(
      issuer,
      config.PROCONNECT_CLIENT_ID ?? '',
      {
        client_secret: config.PROCONNECT_CLIENT_SECRET,
        id_token_signed_response_alg: 'RS256',
        // ProConnect answers userinfo as a JWT signed with RS256 (REFERENCE.md §4).
        userinfo_signed_response_alg: 'RS256',
      },
      oidc.ClientSecretBasic(config.PROCONNECT_CLIENT_SECRET ?? ''),
      {
        timeout: 10,
        execute: insecure
          ? [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks]
          : [oidc.enableNonRepudiationChecks],
      },
    );
    const entry = { at: Date.now(), pending };
    cache.set(key, entry);
    // A failed discovery is not cached: the next attempt asks again.
    pending.catch(() => {
      if (cache.get(key) === entry) cache.delete(key);
    });
  }
  try {
    return await pending;
  } catch (cause) {
    throw new ProConnectFailure('unavailable', 'discovery failed', { cause });
  }
}

/** ProConnect wants state and nonce of at least 32 characters: 32 random bytes → 43. */
export const newState = () => randomToken(32);
export const newNonce = () => randomToken(32);

export async function authorizationUrl(
  config: Config,
  checks: { state: string; nonce: string; verifier: string },
): Promise<URL> {
  const configuration = await proConnectConfiguration(config);
  return oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri(config),
    scope: PROCONNECT_SCOPES.join(' '),
    state: checks.state,
    nonce: checks.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(checks.verifier),
    code_challenge_method: 'S256',
    // ProConnect requires an acr request or accepts none; we ask for nothing specific.
  });
}

export const newVerifier = () => oidc.randomPKCECodeVerifier();

/**
 * Exchanges the code and reads the identity. `callbackQuery` is the query string the
 * provider sent back; the redirect URI is rebuilt from BASE_URL (not from the request,
 * which a proxy may have rewritten).
 */
export async function completeAuthorization(
  config: Config,
  callbackQuery: string,
  checks: { state: string; nonce: string; verifier: string },
): Promise<{ claims: ProConnectClaims; idToken: string }> {
  const configuration = await proConnectConfiguration(config);
  const currentUrl = new URL(`${redirectUri(config)}${callbackQuery}`);
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: checks.verifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
  } catch (cause) {
    throw classify(cause);
  }
  const idClaims = tokens.claims();
  if (!idClaims || !tokens.id_token) throw new ProConnectFailure('rejected', 'no ID token');
  let userinfo: Record<string, unknown>;
  try {
    userinfo = await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
  } catch (cause) {
    throw classify(cause);
  }
  const parsed = proConnectClaimsSchema.safeParse(userinfo);
  if (!parsed.success) {
    throw new ProConnectFailure('rejected', `userinfo claims invalid: ${parsed.error.message}`);
  }
  return { claims: parsed.data, idToken: tokens.id_token };
}

/** Network failures → unavailable; refused consent → refused; everything else → rejected. */
function classify(cause: unknown): ProConnectFailure {
  if (cause instanceof oidc.AuthorizationResponseError) {
    return new ProConnectFailure(cause.error === 'access_denied' ? 'refused' : 'rejected', cause.error, {
      cause,
    });
  }
  const unreachable =
    (cause instanceof TypeError && cause.message === 'fetch failed') ||
    (cause instanceof Error && ['TimeoutError', 'AbortError'].includes(cause.name)) ||
    (cause instanceof oidc.ClientError && cause.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM');
  if (unreachable) return new ProConnectFailure('unavailable', (cause as Error).message, { cause });
  return new ProConnectFailure('rejected', cause instanceof Error ? cause.message : String(cause), { cause });
}

/** The provider's logout URL for this ID token (REFERENCE.md §4: id_token_hint is required). */
export async function endSessionUrl(config: Config, idToken: string): Promise<string> {
  const configuration = await proConnectConfiguration(config);
  return oidc
    .buildEndSessionUrl(configuration, {
      id_token_hint: idToken,
      state: newState(),
      post_logout_redirect_uri: `${config.BASE_URL}/`,
    })
    .toString();
}
