import type { TestApp } from '../helpers/app.js';
import type { OrgFixture, UserFixture } from '../helpers/fixtures.js';

/** The kinds of caller every route is tried with. */
export const CALLERS = [
  'anonymous',
  'otherMember',
  'member',
  'orgAdmin',
  'networkAdmin',
  'platformAdmin',
] as const;
export type Caller = (typeof CALLERS)[number];

export const ALL: Caller[] = [...CALLERS];
export const SIGNED_IN: Caller[] = ['otherMember', 'member', 'orgAdmin', 'networkAdmin', 'platformAdmin'];
export const ORG_MEMBERS: Caller[] = ['member', 'orgAdmin', 'networkAdmin', 'platformAdmin'];
export const ORG_ADMINS: Caller[] = ['orgAdmin', 'platformAdmin'];
export const NETWORK_ADMINS: Caller[] = ['networkAdmin', 'platformAdmin'];
export const PLATFORM_ADMINS: Caller[] = ['platformAdmin'];

/**
 * The world every matrix entry runs in: organisation A (a Mission Locale) whose member
 * and admin are `member` and `orgAdmin`; organisation B (a commune) whose member is
 * `otherMember`; a UNML network admin; a platform admin. Modules add what they need
 * through `extend` (an agreement between A and B, say) and read it back by key.
 */
export interface World {
  app: TestApp;
  orgA: OrgFixture;
  orgB: OrgFixture;
  users: Record<Caller, UserFixture | null>;
  /** Extra fixtures made by the modules' `setup` hooks. */
  extra: Record<string, any>;
}

export interface MatrixEntry {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The route exactly as registered (Hono path with :params). */
  path: string;
  /** The concrete URL to call; defaults to `path` (routes without parameters). */
  url?: (w: World) => string;
  /** A body: a form for pages, JSON for /api routes. */
  body?: (w: World) => Record<string, unknown>;
  /** Who is let through the permission layer. Everyone else gets 401/403 (or the sign-in page). */
  allow: Caller[];
  /**
   * Called before each request when the call would consume the fixture (a one-shot
   * action, say): returns a fresh world-dependent URL/body via `extra`.
   */
  fresh?: (w: World, caller: Caller) => Promise<void>;
}

export interface ModuleMatrix {
  module: string;
  /** Fixtures this module's routes need; stored in world.extra. */
  setup?: (w: World) => Promise<void>;
  entries: MatrixEntry[];
}
