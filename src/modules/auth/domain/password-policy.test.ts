import { describe, expect, it } from 'vitest';
import { commonPasswords } from './common-passwords.js';
import {
  checkPassword,
  commonForms,
  emailParts,
  PASSWORD_ISSUE_FR,
  passwordLength,
} from './password-policy.js';

describe('password policy (ANSSI-style)', () => {
  it('accepts a long, uncommon passphrase', () => {
    expect(checkPassword('Un-mot-de-passe-solide-42', { email: 'jean.dupont@exemple.fr' })).toEqual([]);
    expect(checkPassword('Passerelle-demo-2026', { email: 'admin@demo.passerelle.localhost' })).toEqual([]);
    expect(checkPassword('cheval correct agrafe pile')).toEqual([]);
  });

  it('refuses fewer than 12 characters, and counts characters as a person does', () => {
    expect(checkPassword('Xq7#pL2$wZ9')).toContain('too_short'); // 11
    expect(checkPassword('Xq7#pL2$wZ9!')).toEqual([]); // 12
    expect(passwordLength('ééééé')).toBe(5);
    expect(passwordLength('🙂🙂🙂')).toBe(3);
    expect(checkPassword('🙂a🙂b🙂c🙂d🙂e🙂')).toContain('too_short');
  });

  it('refuses more than 128 characters', () => {
    const long = 'Zk9!'.repeat(32); // 128
    expect(checkPassword(long)).not.toContain('too_long');
    expect(checkPassword(`${long}x`)).toContain('too_long');
  });

  it('refuses common and breached passwords, including French ones, whatever the case', () => {
    for (const p of ['azertyuiop', 'motdepasse', 'AZERTYUIOP', 'qwertyuiop', 'iloveyou', 'marseille']) {
      expect(checkPassword(p), p).toContain('common');
    }
    expect(checkPassword('motdepasse123')).toContain('common');
    expect(checkPassword('Motdepasse2026!')).toContain('common');
    expect(checkPassword('Mot-de-passe-2026')).toContain('common');
    expect(checkPassword('azerty123456')).toContain('common');
    expect(checkPassword('123456789012')).toContain('common');
    expect(checkPassword('Passerelle2026!')).toContain('common');
    expect(checkPassword('Missionlocale!!2026')).toContain('common');
    expect(checkPassword('Cités-Unies-France')).toContain('common');
  });

  it('loads the package list (tens of thousands of entries) plus our own French additions', () => {
    const list = commonPasswords();
    expect(list.size).toBeGreaterThan(40_000);
    expect(list.has('123456')).toBe(true);
    expect(list.has('motdepasse')).toBe(true);
    expect(list.has('passerelle')).toBe(true);
  });

  it('looks up the password without its digits and symbols around it', () => {
    expect(commonForms('Azerty-2026!')).toEqual(
      expect.arrayContaining(['azerty-2026!', 'azerty', 'azerty2026']),
    );
  });

  it('refuses a password containing the e-mail’s local part or a long piece of it', () => {
    expect(checkPassword('jean.dupont-2026-zx', { email: 'jean.dupont@exemple.fr' })).toContain(
      'contains_email',
    );
    expect(checkPassword('JeanDupont!Zx9q', { email: 'jean.dupont@exemple.fr' })).toContain('contains_email');
    expect(checkPassword('Dupont-et-ses-vaches', { email: 'jean.dupont@exemple.fr' })).toContain(
      'contains_email',
    );
    expect(checkPassword('Un-mot-de-passe-solide', { email: 'jo@exemple.fr' })).toEqual([]);
    expect(emailParts('Jean.Dupont+ml@Exemple.fr')).toEqual(['jean.dupont+ml', 'jean', 'dupont']);
  });

  it('refuses repetitive patterns', () => {
    expect(checkPassword('aaaaaaaaaaaaaaaa')).toContain('too_simple');
    expect(checkPassword('abababababababab')).toContain('too_simple');
    expect(checkPassword('xY7!xY7!xY7!xY7!')).toContain('too_simple');
    expect(checkPassword('xY7!qR3#xY7!qR3#zz')).toEqual([]);
  });

  it('explains every rule in French', () => {
    for (const msg of Object.values(PASSWORD_ISSUE_FR)) expect(msg).toMatch(/mot de passe|Choisissez/);
    expect(PASSWORD_ISSUE_FR.too_short).toContain('12');
  });
});
