import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * Common and breached passwords.
 *
 * Source: the npm package `@zxcvbn-ts/language-common` (MIT), whose `passwords-common`
 * dictionary holds about 49,000 of the most frequent passwords found in public breaches
 * (it contains French classics such as "azerty", "motdepasse", "soleil", "marseille").
 * We add below a short list of our own: French passwords and words that attackers try
 * first against this platform (its name, the networks' names).
 */
const OUR_OWN = [
  // French habits
  'azerty',
  'azertyuiop',
  'azertyuiopqsdfghjklm',
  'azertyuiopqsdf',
  'qsdfghjklm',
  'wxcvbn',
  'motdepasse',
  'mot-de-passe',
  'mot_de_passe',
  'motdepassesecret',
  'monmotdepasse',
  'nouveaumotdepasse',
  'changemoi',
  'changezmoi',
  'jetaime',
  'jetaimemonamour',
  'bonjour',
  'bonjourbonjour',
  'soleil',
  'doudou',
  'loulou',
  'chouchou',
  'nounours',
  'bisous',
  'coucou',
  'poulette',
  'chocolat',
  'princesse',
  'marseille',
  'olympiquedemarseille',
  'allezlom',
  'parisiens',
  'parissaintgermain',
  'psgpsgpsg',
  'liberteegalitefraternite',
  'vivelafrance',
  'france',
  'bienvenue',
  'bienvenue123',
  'secret',
  'confidentiel',
  'utilisateur',
  'administrateur',
  'motdepasseadmin',
  'premiereconnexion',
  // This platform and its networks
  'passerelle',
  'passerellepasserelle',
  'missionlocale',
  'missionslocales',
  'missionlocale2026',
  'unml',
  'unmlunml',
  'citesunies',
  'citesuniesfrance',
  'citesunifrance',
  'cufcufcuf',
  'collectivite',
] as const;

let cache: Set<string> | null = null;

/** The set, lower-cased, built on first use (about 50,000 entries, a few milliseconds). */
export function commonPasswords(): Set<string> {
  if (!cache) {
    cache = new Set<string>();
    for (const p of dictionary['passwords-common'] as string[]) cache.add(p.toLowerCase());
    for (const p of OUR_OWN) cache.add(p);
  }
  return cache;
}
