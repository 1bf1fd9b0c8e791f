/**
 * Rules shared by the members page forms and the members API (issue 10, "Every action
 * has its API"): one schema, the same French messages in both.
 */
import { z } from 'zod';
import { fields } from '../../http/validation.js';

export const memberRole = () =>
  z.enum(['member', 'admin'], { error: 'Choisissez un rôle : membre ou administrateur.' });

/** Invite a colleague: e-mail and role. */
export const inviteForm = z.object({ email: fields.email(), role: memberRole() });
/** Change a member's role. */
export const roleForm = z.object({ role: memberRole() });
