import { describe, expect, it } from 'vitest';
import { relayTargets } from './relay.js';

describe('relays (art. 3 : chaque réseau facilite la mise en lien et la prise de contact)', () => {
  it('art. 3 : a local authority without member is relayed to CUF national staff', () => {
    expect(relayTargets('local_authority', true)).toEqual([{ network: 'cuf', regional: false }]);
  });
  it('art. 3 : a Mission Locale to UNML, and to its regional association when one is known', () => {
    expect(relayTargets('mission_locale', true)).toEqual([
      { network: 'unml', regional: false },
      { network: 'unml', regional: true },
    ]);
    expect(relayTargets('mission_locale', false)).toEqual([{ network: 'unml', regional: false }]);
  });
  it('a regional association to UNML; each national network to the other; foreign partners to none', () => {
    expect(relayTargets('regional_association', false)).toEqual([{ network: 'unml', regional: false }]);
    expect(relayTargets('unml', false)).toEqual([{ network: 'cuf', regional: false }]);
    expect(relayTargets('cuf', false)).toEqual([{ network: 'unml', regional: false }]);
    expect(relayTargets('foreign_partner', false)).toEqual([]);
  });
});
