import type { Context } from 'hono';
import type { AppEnv } from '../http/context.js';
import { type Actor, isNetworkAdmin, isPlatformAdmin, membershipOf } from './actor.js';

/**
 * The one permission layer. Every route declares a Policy; the registrar applies it
 * before the handler runs, and the authorisation-matrix test walks every route with every
 * kind of caller. Handlers never decide access on their own: when a decision depends on
 * data (a party to an agreement, say), the module exports a policy built with `check`.
 */
export type Decision = 'allow' | 'deny';

export interface Policy {
  /** Short description shown in the matrix test output and docs. */
  readonly name: string;
  decide(actor: Actor, c: Context<AppEnv>): Decision | Promise<Decision>;
}

const allowIf = (b: boolean): Decision => (b ? 'allow' : 'deny');

export const policies = {
  /** Anyone, signed in or not. */
  public: { name: 'public', decide: () => 'allow' } as Policy,

  /** Only visitors who are not signed in (sign-in form, for instance) — others are allowed too, pages redirect. */
  signedIn: { name: 'signedIn', decide: (a) => allowIf(a.kind === 'user') } as Policy,

  networkAdmin: { name: 'networkAdmin', decide: (a) => allowIf(isNetworkAdmin(a)) } as Policy,

  platformAdmin: { name: 'platformAdmin', decide: (a) => allowIf(isPlatformAdmin(a)) } as Policy,

  /** Any member of the organisation named by the route parameter, or a network admin. */
  orgMember(param = 'id'): Policy {
    return {
      name: `orgMember(:${param})`,
      decide: (a, c) => allowIf(isNetworkAdmin(a) || !!membershipOf(a, c.req.param(param) ?? '')),
    };
  },

  /** An admin of the organisation named by the route parameter, or a platform admin. */
  orgAdmin(param = 'id'): Policy {
    return {
      name: `orgAdmin(:${param})`,
      decide: (a, c) =>
        allowIf(isPlatformAdmin(a) || membershipOf(a, c.req.param(param) ?? '')?.role === 'admin'),
    };
  },

  /** A decision that needs data: `check('agreementParty', async (a, c) => …)`. */
  check(name: string, decide: (actor: Actor, c: Context<AppEnv>) => boolean | Promise<boolean>): Policy {
    return { name, decide: async (a, c) => allowIf(await decide(a, c)) };
  },
};

/** Token-scope rule: a read-only API token may only read. Applied with every policy. */
export function tokenScopeAllows(actor: Actor, method: string): boolean {
  if (actor.kind !== 'user' || actor.via !== 'token') return true;
  const reading = method === 'GET' || method === 'HEAD';
  return reading || actor.tokenScope === 'write';
}
