/** Who is making a request. Built once per request by the session middleware. */
export type OrgKind =
  | 'unml'
  | 'cuf'
  | 'regional_association'
  | 'mission_locale'
  | 'local_authority'
  | 'foreign_partner';
export type MembershipRole = 'member' | 'admin';
export type GlobalRole = 'network_admin' | 'platform_admin';

export interface Membership {
  organisationId: string;
  organisationName: string;
  organisationKind: OrgKind;
  role: MembershipRole;
}

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  globalRole: GlobalRole | null;
  network: 'unml' | 'cuf' | null;
  locale: 'fr' | 'en';
}

export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      user: SignedInUser;
      memberships: Membership[];
      /** How the request was authenticated: a browser session or a personal API token. */
      via: 'session' | 'token';
      /** For API tokens: what the token may do. Sessions may do what the user may do. */
      tokenScope: 'read' | 'write' | null;
    };

export const ANONYMOUS: Actor = { kind: 'anonymous' };

export function isPlatformAdmin(a: Actor): boolean {
  return a.kind === 'user' && a.user.globalRole === 'platform_admin';
}

/** Network admins are national staff of UNML or CUF; platform admins may do what they do. */
export function isNetworkAdmin(a: Actor): boolean {
  return (
    a.kind === 'user' && (a.user.globalRole === 'network_admin' || a.user.globalRole === 'platform_admin')
  );
}

export function membershipOf(a: Actor, organisationId: string): Membership | undefined {
  return a.kind === 'user' ? a.memberships.find((m) => m.organisationId === organisationId) : undefined;
}
