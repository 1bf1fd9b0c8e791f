import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../policy/actor.js';
import { parseCountryList, resolveCountry } from './countries.js';
import {
  changedKeys,
  needsVerification,
  type ProfileSnapshot,
  parisDay,
  profilePatchSchema,
} from './profile.js';
import { formToPatch } from './profile-form.js';
import { visibleLevels, visibleSharingLevels } from './sharing.js';

const user = (over: Partial<Extract<Actor, { kind: 'user' }>['user']> = {}, orgs: string[] = []): Actor => ({
  kind: 'user',
  user: { id: 'u', email: 'u@x.fr', name: 'U', globalRole: null, network: null, locale: 'fr', ...over },
  memberships: orgs.map((o) => ({
    organisationId: o,
    organisationName: o,
    organisationKind: 'mission_locale' as const,
    role: 'member' as const,
  })),
  via: 'session',
  tokenScope: null,
});

describe('sharing levels (convention art. 4: confidential data is not shared)', () => {
  it('anonymous visitors see public contacts only', () => {
    expect(visibleSharingLevels({ kind: 'anonymous' }, 'org')).toEqual(['public']);
  });
  it('signed-in users of another organisation see public and partners contacts', () => {
    expect(visibleSharingLevels(user({}, ['other']), 'org')).toEqual(['public', 'partners']);
  });
  it('art. 4: only members of the organisation see its confidential contacts, not network or platform admins', () => {
    expect(visibleSharingLevels(user({}, ['org']), 'org')).toContain('confidential');
    expect(visibleSharingLevels(user({ globalRole: 'network_admin', network: 'cuf' }), 'org')).toEqual([
      'public',
      'partners',
    ]);
    expect(visibleSharingLevels(user({ globalRole: 'platform_admin' }), 'org')).toEqual([
      'public',
      'partners',
    ]);
  });
  it('a connected counterpart sees public and partners contacts; open data sees public ones', () => {
    expect(visibleLevels({ kind: 'counterpart' }, 'org')).toEqual(['public', 'partners']);
    expect(visibleLevels({ kind: 'open_data' }, 'org')).toEqual(['public']);
  });
});

describe('countries', () => {
  it('reads French names with or without accents, and ISO codes', () => {
    expect(resolveCountry('Sénégal')).toBe('SN');
    expect(resolveCountry('senegal')).toBe('SN');
    expect(resolveCountry('ma')).toBe('MA');
    expect(resolveCountry('Japon')).toBe('JP');
    expect(resolveCountry('Atlantide')).toBeNull();
  });
  it('splits a typed list and names what it does not know', () => {
    expect(parseCountryList('Sénégal, MA; Atlantide')).toEqual({
      codes: ['SN', 'MA'],
      unknown: ['Atlantide'],
    });
  });
});

describe('profile rules', () => {
  it('a profile needs verifying 12 months after its last verification, or when never verified', () => {
    expect(needsVerification(null, '2026-01-01')).toBe(true);
    expect(needsVerification('2025-07-04', '2026-07-03')).toBe(false);
    expect(needsVerification('2025-07-04', '2026-07-04')).toBe(true);
  });
  it('the day is the Paris calendar day', () => {
    expect(parisDay(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
  });
  it('the patch schema refuses unknown keys, bad URLs and bad sharing levels, naming the field', () => {
    const r = profilePatchSchema.safeParse({
      website: 'exemple',
      contacts: [{ name: 'A', sharingLevel: 'secret' }],
      bogus: 1,
    });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['website', 'contacts.0.sharingLevel']));
  });
  it('changed keys compare lists by value', () => {
    const base = {
      description: null,
      website: null,
      email: null,
      openToPartnership: false,
      partnershipWanted: null,
      lastVerifiedOn: null,
      cufMember: false,
      country: null,
      city: null,
      partnerType: null,
      countries: ['SN'],
      countryGroups: [],
      themes: [],
      partners: [],
      contacts: [],
    } satisfies ProfileSnapshot;
    expect(changedKeys(base, { ...base, countries: ['SN'] })).toEqual([]);
    expect(changedKeys(base, { ...base, countries: ['SN', 'MA'], themes: ['ecsi'] })).toEqual([
      'countries',
      'themes',
    ]);
  });
});

describe('edit form → patch', () => {
  it('maps errors back to the form’s field names (contacts keep their row number)', () => {
    const r = formToPatch(
      {
        website: 'pas une adresse',
        countries: 'Sénégal, Atlantide',
        'contacts.0.name': 'Awa Diop',
        'contacts.0.sharingLevel': 'public',
        'contacts.1.name': '',
        'contacts.1.email': 'pas-un-email',
        'contacts.1.sharingLevel': 'public',
        'newPartner.name': 'Commune de Dakar-Plateau',
        'newPartner.country': 'Atlantide',
      },
      { kind: 'mission_locale', showsCufMember: false },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(
      ['contacts.1.email', 'contacts.1.name', 'countries', 'newPartner.country', 'website'].sort(),
    );
    expect(r.errors.countries).toContain('Atlantide');
  });
  it('drops blank and removed contact rows, resolves the new partner’s country', () => {
    const r = formToPatch(
      {
        openToPartnership: 'on',
        themes: ['ecsi', 'youth_mobility'],
        'contacts.0.name': 'Awa Diop',
        'contacts.0.sharingLevel': 'confidential',
        'contacts.0.remove': 'on',
        'contacts.1.name': 'Paul Martin',
        'contacts.1.sharingLevel': 'public',
        'contacts.2.name': '',
        'contacts.2.sharingLevel': 'partners',
        'newPartner.name': 'Ville de Saint-Louis',
        'newPartner.country': 'Sénégal',
        verified: 'on',
      },
      { kind: 'mission_locale', showsCufMember: false },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.patch.contacts).toEqual([
      { name: 'Paul Martin', roleTitle: null, email: null, phone: null, sharingLevel: 'public' },
    ]);
    expect(r.patch.partners).toEqual([
      { name: 'Ville de Saint-Louis', country: 'SN', city: null, type: null },
    ]);
    expect(r.patch.openToPartnership).toBe(true);
    expect(r.patch.verified).toBe(true);
  });
});
