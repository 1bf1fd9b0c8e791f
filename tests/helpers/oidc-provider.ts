import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/**
 * A REAL OpenID Connect provider (panva's `oidc-provider`) on 127.0.0.1 with a random
 * port, shaped like ProConnect (REFERENCE.md §4): authorization-code flow with PKCE,
 * RS256-signed ID tokens, userinfo answered as an RS256-signed JWT, ProConnect scopes and
 * claims (given_name, usual_name, email, uid, siret, idp_id, roles, organization_label),
 * RP-initiated logout at its end_session_endpoint.
 *
 * There is no login form: the interaction endpoint signs in the identity chosen with
 * `signInAs` (or refuses consent after `refuseNext`) and hands back to the provider,
 * which then really issues the code and the tokens. A browser test can use it as is
 * (Chromium follows the redirects); a browser-less test follows them with `browser()`.
 */

/** The claims a ProConnect identity provider returns. */
export interface ProConnectIdentity {
  sub: string;
  given_name: string;
  usual_name: string;
  email: string;
  uid: string;
  siret?: string;
  idp_id?: string;
  organization_label?: string;
  roles?: string[];
}

export interface TestOidcProvider {
  /** Issuer URL, e.g. http://127.0.0.1:40123 */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** A second client whose userinfo is plain JSON (not signed): Passerelle must refuse it. */
  unsignedUserinfoClientId: string;
  /** PROCONNECT_* variables for createTestApp({ env }) / loadConfig. */
  env(overrides?: Record<string, string>): Record<string, string>;
  /** The identity the next interactions sign in. */
  signInAs(identity: ProConnectIdentity): void;
  /** The next interaction answers error=access_denied (the user refused). */
  refuseNext(): void;
  /** A cookie-keeping, redirect-following visitor of the provider (a fresh provider session). */
  browser(): ProviderBrowser;
  /** How many interactions ran (a reused provider session skips them). */
  interactions: number;
  close(): Promise<void>;
}

export interface ProviderBrowser {
  /**
   * Starts at `url` (the authorization URL) and follows the provider's redirects until
   * one leaves the provider for an URL starting with `returnTo`; returns that URL.
   */
  follow(url: string, returnTo: string): Promise<string>;
}

export const PROCONNECT_SCOPE_CLAIMS: Record<string, string[]> = {
  openid: ['sub'],
  given_name: ['given_name'],
  usual_name: ['usual_name'],
  email: ['email'],
  uid: ['uid'],
  siret: ['siret'],
  idp_id: ['idp_id'],
  roles: ['roles'],
  organization_label: ['organization_label'],
  phone: ['phone_number'],
  custom: ['custom'],
};

export async function startOidcProvider(opts: {
  /** Passerelle's base URL (the redirect and post-logout URIs are derived from it). */
  baseUrl: string;
}): Promise<TestOidcProvider> {
  let handler: ((req: any, res: any) => void) | null = null;
  const server: Server = createServer((req, res) => {
    if (!handler) {
      res.statusCode = 503;
      res.end();
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig', kid: 'test-rs256' };

  const accounts = new Map<string, ProConnectIdentity>();
  let current: ProConnectIdentity | null = null;
  let refuse = false;
  const clientId = 'passerelle-test';
  const clientSecret = randomBytes(24).toString('base64url');
  const unsignedUserinfoClientId = 'passerelle-test-json-userinfo';
  const base = opts.baseUrl.replace(/\/$/, '');
  const clientCommon = {
    client_secret: clientSecret,
    redirect_uris: [`${base}/connexion/proconnect/retour`],
    post_logout_redirect_uris: [`${base}/`],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'RS256',
  };

  const provider = new Provider(issuer, {
    clients: [
      { ...clientCommon, client_id: clientId, userinfo_signed_response_alg: 'RS256' },
      { ...clientCommon, client_id: unsignedUserinfoClientId },
    ],
    jwks: { keys: [jwk] },
    claims: PROCONNECT_SCOPE_CLAIMS,
    scopes: Object.keys(PROCONNECT_SCOPE_CLAIMS),
    features: {
      devInteractions: { enabled: false },
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    pkce: { required: () => true },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx: unknown, sub: string) {
      const identity = accounts.get(sub);
      if (!identity) return undefined;
      return {
        accountId: sub,
        async claims() {
          return { ...identity, roles: identity.roles ?? [] };
        },
      };
    },
  });

  const state = { interactions: 0 };
  // The interaction endpoint: auto-login as `current`, auto-consent, or refusal.
  provider.use(async (ctx: any, next: () => Promise<void>) => {
    if (ctx.method !== 'GET' || !/^\/interaction\/[\w-]+$/.test(ctx.path)) return next();
    state.interactions++;
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    let result: Record<string, unknown>;
    if (refuse) {
      refuse = false;
      result = { error: 'access_denied', error_description: 'L’usager a refusé la connexion.' };
    } else if (details.prompt.name === 'login') {
      if (!current) throw new Error('oidc-provider helper: call signInAs() before signing in');
      result = { login: { accountId: current.sub } };
    } else {
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
      const missing = details.prompt.details;
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
        grant.addResourceScope(indicator, (scopes as string[]).join(' '));
      }
      result = { consent: { grantId: await grant.save() } };
    }
    ctx.respond = false;
    await provider.interactionFinished(ctx.req, ctx.res, result, { mergeWithLastSubmission: true });
  });
  handler = provider.callback();

  return {
    issuer,
    clientId,
    clientSecret,
    unsignedUserinfoClientId,
    get interactions() {
      return state.interactions;
    },
    env: (overrides = {}) => ({
      PROCONNECT_ENABLED: 'true',
      PROCONNECT_ISSUER: issuer,
      PROCONNECT_CLIENT_ID: clientId,
      PROCONNECT_CLIENT_SECRET: clientSecret,
      ...overrides,
    }),
    signInAs(identity) {
      accounts.set(identity.sub, identity);
      current = identity;
    },
    refuseNext() {
      refuse = true;
    },
    browser() {
      const jar = new Map<string, string>();
      return {
        async follow(start, returnTo) {
          let url = start;
          for (let hop = 0; hop < 12; hop++) {
            if (url.startsWith(returnTo)) return url;
            if (!url.startsWith(issuer)) throw new Error(`left the provider for an unexpected URL: ${url}`);
            const headers: Record<string, string> = {};
            if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
            const res = await fetch(url, { redirect: 'manual', headers });
            for (const c of res.headers.getSetCookie()) {
              const [pair] = c.split(';');
              const i = pair.indexOf('=');
              const value = pair.slice(i + 1);
              if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(pair.slice(0, i));
              else jar.set(pair.slice(0, i), value);
            }
            const location = res.headers.get('location');
            if (!location) {
              throw new Error(
                `provider answered ${res.status} without a redirect: ${(await res.text()).slice(0, 500)}`,
              );
            }
            url = new URL(location, url).href;
          }
          throw new Error('too many redirects at the provider');
        },
      };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
