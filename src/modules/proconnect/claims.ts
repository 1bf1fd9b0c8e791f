import { z } from 'zod';

/**
 * The scopes Passerelle asks ProConnect for (REFERENCE.md §4, default set since August
 * 2024). `phone` and `custom` are left out on purpose: Passerelle does not need them
 * (data minimisation).
 */
export const PROCONNECT_SCOPES = [
  'openid',
  'given_name',
  'usual_name',
  'email',
  'uid',
  'siret',
  'idp_id',
  'roles',
  'organization_label',
] as const;

const optionalText = z
  .string()
  .trim()
  .max(300)
  .optional()
  .nullable()
  .transform((v) => v || null);

/** The userinfo claims Passerelle reads, validated (the JWT signature is checked before). */
export const proConnectClaimsSchema = z.object({
  sub: z.string().min(1).max(255),
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  given_name: optionalText,
  usual_name: optionalText,
  uid: optionalText,
  idp_id: optionalText,
  organization_label: optionalText,
  // A SIRET is 14 digits; ProConnect may send it with spaces. Anything else is ignored.
  siret: z
    .string()
    .optional()
    .nullable()
    .transform((v) => {
      const digits = (v ?? '').replace(/\s/g, '');
      return /^[0-9]{14}$/.test(digits) ? digits : null;
    }),
  // agent_public, agent_public_etat, agent_public_territorial — or empty.
  roles: z
    .union([z.array(z.string().max(100)), z.string().max(100)])
    .optional()
    .nullable()
    .transform((v) => (v == null ? [] : [v].flat().filter(Boolean))),
});

export type ProConnectClaims = z.infer<typeof proConnectClaimsSchema>;

/** "Camille Dupont"; the e-mail when the provider sent no name at all. */
export function displayName(claims: ProConnectClaims): string {
  const name = [claims.given_name, claims.usual_name].filter(Boolean).join(' ').trim();
  return (name || claims.email).slice(0, 200);
}
