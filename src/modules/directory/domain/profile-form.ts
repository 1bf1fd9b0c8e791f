import type { FieldErrors } from '../../../http/errors.js';
import { fieldErrors } from '../../../http/validation.js';
import { countryName, parseCountryList, resolveCountry } from './countries.js';
import { type ProfilePatch, type ProfileSnapshot, profilePatchSchema } from './profile.js';

export type FormValues = Record<string, string | string[]>;

const str = (v: FormValues, k: string): string => {
  const x = v[k];
  return (Array.isArray(x) ? x[0] : x) ?? '';
};
const list = (v: FormValues, k: string): string[] => {
  const x = v[k];
  return x === undefined ? [] : Array.isArray(x) ? x : [x];
};

/** The edit form filled with the current profile. */
export function profileToForm(s: ProfileSnapshot): FormValues {
  const out: FormValues = {
    description: s.description ?? '',
    website: s.website ?? '',
    email: s.email ?? '',
    partnershipWanted: s.partnershipWanted ?? '',
    countries: s.countries.map((c) => countryName(c)).join(', '),
    countryGroups: s.countryGroups,
    themes: s.themes,
    partnersKeep: s.partners.map((p) => p.id),
    country: s.country ?? '',
    city: s.city ?? '',
    partnerType: s.partnerType ?? '',
    verified: 'on',
  };
  if (s.openToPartnership) out.openToPartnership = 'on';
  if (s.cufMember) out.cufMember = 'on';
  s.contacts.forEach((c, i) => {
    out[`contacts.${i}.name`] = c.name;
    out[`contacts.${i}.roleTitle`] = c.roleTitle ?? '';
    out[`contacts.${i}.email`] = c.email ?? '';
    out[`contacts.${i}.phone`] = c.phone ?? '';
    out[`contacts.${i}.sharingLevel`] = c.sharingLevel;
  });
  return out;
}

/** How many contact rows the submitted form carries (existing ones plus the blank row). */
export function contactRows(v: FormValues): number {
  let n = 0;
  for (const k of Object.keys(v)) {
    const m = /^contacts\.(\d+)\./.exec(k);
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  return Math.min(n, 21);
}

export interface FormContext {
  kind: string;
  /** The form shows the CUF-membership box (platform admins, local authorities). */
  showsCufMember: boolean;
}

/**
 * The submitted edit form → a profile change, validated with the same schema as the API.
 * Errors are keyed by the form's own field names.
 */
export function formToPatch(
  v: FormValues,
  ctx: FormContext,
): { ok: true; patch: ProfilePatch } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const countries = parseCountryList(str(v, 'countries'));
  if (countries.unknown.length)
    errors.countries = `Pays non reconnu : ${countries.unknown.join(', ')}. Indiquez un nom de pays en français ou un code ISO à deux lettres (par exemple SN).`;

  // Contacts: rows left blank are ignored, rows ticked "remove" are dropped.
  const contactIndex: number[] = [];
  const contacts: unknown[] = [];
  for (let i = 0; i < contactRows(v); i++) {
    const f = (k: string) => str(v, `contacts.${i}.${k}`).trim();
    if (f('remove')) continue;
    if (!f('name') && !f('roleTitle') && !f('email') && !f('phone')) continue;
    contactIndex.push(i);
    contacts.push({
      name: f('name'),
      roleTitle: f('roleTitle'),
      email: f('email'),
      phone: f('phone'),
      sharingLevel: f('sharingLevel') || undefined,
    });
  }

  const partners: unknown[] = list(v, 'partnersKeep').map((id) => ({ id }));
  const np = (k: string) => str(v, `newPartner.${k}`).trim();
  const hasNewPartner = !!(np('name') || np('country') || np('city'));
  if (hasNewPartner) {
    partners.push({
      name: np('name') || undefined,
      country: resolveCountry(np('country')) ?? (np('country') || undefined),
      city: np('city'),
      type: np('type') || null,
    });
  }

  const input: Record<string, unknown> = {
    description: str(v, 'description'),
    website: str(v, 'website'),
    email: str(v, 'email'),
    openToPartnership: !!str(v, 'openToPartnership'),
    partnershipWanted: str(v, 'partnershipWanted'),
    countries: countries.codes,
    countryGroups: list(v, 'countryGroups'),
    themes: list(v, 'themes'),
    contacts,
    partners,
    verified: !!str(v, 'verified'),
  };
  if (ctx.kind === 'foreign_partner') {
    input.country = resolveCountry(str(v, 'country')) ?? (str(v, 'country').trim() || null);
    input.city = str(v, 'city');
    input.partnerType = str(v, 'partnerType') || null;
  }
  if (ctx.showsCufMember) input.cufMember = !!str(v, 'cufMember');

  const parsed = profilePatchSchema.safeParse(input);
  if (!parsed.success) {
    for (const [path, message] of Object.entries(fieldErrors(parsed.error))) {
      const parts = path.split('.');
      let key = path;
      if (parts[0] === 'contacts' && parts.length >= 2) {
        key = `contacts.${contactIndex[Number(parts[1])]}.${parts[2] ?? 'name'}`;
      } else if (parts[0] === 'partners' && parts.length >= 2) {
        const idx = Number(parts[1]);
        const newIdx = partners.length - 1;
        key = hasNewPartner && idx === newIdx ? `newPartner.${parts[2] ?? 'name'}` : 'partnersKeep';
      } else if (parts[0] === 'countries') key = 'countries';
      else if (parts[0] === 'countryGroups') key = 'countryGroups';
      else if (parts[0] === 'themes') key = 'themes';
      if (!(key in errors)) errors[key] = message;
    }
  }
  if (Object.keys(errors).length || !parsed.success) return { ok: false, errors };
  return { ok: true, patch: parsed.data };
}
