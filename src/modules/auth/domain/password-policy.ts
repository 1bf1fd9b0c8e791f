import { commonPasswords } from './common-passwords.js';

/**
 * Password rules, after the ANSSI's recommendations on authentication by password
 * (guide "Recommandations relatives à l'authentification multifacteur et aux mots de
 * passe", 2021): length matters more than composition rules, so we require a long
 * password, refuse the ones attackers try first, and refuse those built from the
 * account's own identifiers. No rule on character classes (the ANSSI advises against
 * forcing them on their own). Pure functions, no I/O.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
/** Fewer distinct characters than this and the password is a pattern, not a secret. */
const MIN_DISTINCT_CHARACTERS = 5;

export type PasswordIssue = 'too_short' | 'too_long' | 'common' | 'contains_email' | 'too_simple';

/** Length in characters as a person counts them (an emoji is one), after NFKC normalisation. */
export function passwordLength(password: string): number {
  return [...password.normalize('NFKC')].length;
}

/** The forms of a password we look up in the list of common passwords. */
export function commonForms(password: string): string[] {
  const lower = password.normalize('NFKC').toLowerCase();
  const trimEnds = (s: string) => s.replace(/^[\d\W_]+/u, '').replace(/[\d\W_]+$/u, '');
  const lettersDigits = lower.replace(/[^\p{L}\p{N}]/gu, '');
  const unaccented = lettersDigits.normalize('NFD').replace(/\p{M}/gu, '');
  const forms = new Set([lower, trimEnds(lower), lettersDigits, trimEnds(lettersDigits), unaccented]);
  forms.add(trimEnds(unaccented));
  return [...forms].filter((f) => f.length >= 4);
}

/** The parts of an e-mail's local part a password must not contain ("jean.dupont" → jean.dupont, jean, dupont). */
export function emailParts(email: string): string[] {
  const local = email.trim().toLowerCase().split('@')[0] ?? '';
  const parts = new Set<string>();
  if (local.length >= 3) parts.add(local);
  for (const p of local.split(/[._+-]+/)) if (p.length >= 4) parts.add(p);
  return [...parts];
}

/** Every rule the password breaks, in the order a person should fix them; empty when it is acceptable. */
export function checkPassword(password: string, context: { email?: string | null } = {}): PasswordIssue[] {
  const issues: PasswordIssue[] = [];
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) issues.push('too_short');
  if (length > PASSWORD_MAX_LENGTH) issues.push('too_long');
  const list = commonPasswords();
  if (commonForms(password).some((f) => list.has(f))) issues.push('common');
  if (context.email) {
    const lower = password.normalize('NFKC').toLowerCase();
    const compact = lower.replace(/[^\p{L}\p{N}]/gu, '');
    if (
      emailParts(context.email).some(
        (p) => lower.includes(p) || compact.includes(p.replace(/[^\p{L}\p{N}]/gu, '')),
      )
    )
      issues.push('contains_email');
  }
  const distinct = new Set([...password.toLowerCase()]).size;
  if (
    length >= PASSWORD_MIN_LENGTH &&
    (distinct < MIN_DISTINCT_CHARACTERS || /^(.{1,6}?)\1+$/su.test(password))
  )
    issues.push('too_simple');
  return issues;
}

/** French explanation of each rule (the CLI and the API use it; pages use the catalogue). */
export const PASSWORD_ISSUE_FR: Record<PasswordIssue, string> = {
  too_short: `Choisissez un mot de passe d’au moins ${PASSWORD_MIN_LENGTH} caractères.`,
  too_long: `Choisissez un mot de passe de ${PASSWORD_MAX_LENGTH} caractères au plus.`,
  common:
    'Ce mot de passe est trop courant (il figure dans les listes que les attaquants essaient en premier) : choisissez-en un autre.',
  contains_email: 'Le mot de passe ne doit pas contenir votre adresse e-mail ni une partie de celle-ci.',
  too_simple: 'Ce mot de passe est trop répétitif : mélangez davantage de caractères différents.',
};
