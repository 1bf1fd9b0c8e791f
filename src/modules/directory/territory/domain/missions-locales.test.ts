import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';
import { isValidSiret, maybeJson, notAMissionLocale, parseImilo, tidyName } from './missions-locales.js';

describe('Missions Locales sources', () => {
  it('tidies I-Milo names', () => {
    expect(tidyName('13-ML BERRE L ETANG')).toBe("Mission Locale Berre l'Etang");
    expect(tidyName('MISSION LOCALE LISIEUX NORMANDIE')).toBe('Mission Locale Lisieux Normandie');
    expect(tidyName('ml jeunes nimes metropole')).toBe('Mission Locale Jeunes Nimes Metropole');
    expect(tidyName('Mission Locale de Marseille')).toBe('Mission Locale de Marseille');
    expect(tidyName('976-ML Mayotte')).toBe('Mission Locale Mayotte');
  });

  it('recognises rows of the I-Milo list that are not Missions Locales', () => {
    expect(notAMissionLocale('ML de la Courneuve temporaire pour Fusion', '93')).toMatch(/temporaire/);
    expect(notAMissionLocale('ML_SUE', null)).toMatch(/technique/);
    expect(notAMissionLocale('13-ML MARSEILLE', '13')).toBeNull();
  });

  it('checks SIRET keys (Luhn; La Poste apart)', () => {
    expect(isValidSiret('43012526000017')).toBe(true);
    expect(isValidSiret('43012526000018')).toBe(false);
    expect(isValidSiret('4301252600001')).toBe(false);
    expect(isValidSiret('35600000000015')).toBe(true); // La Poste: digit sum multiple of 5
  });

  it('reads nested Annuaire values sent as JSON text', () => {
    expect(maybeJson('[{"a":1}]')).toEqual([{ a: 1 }]);
    expect(maybeJson([{ a: 1 }])).toEqual([{ a: 1 }]);
    expect(maybeJson('texte')).toBe('texte');
    expect(maybeJson('')).toBeNull();
  });

  it('parses CSV with quotes, semicolons and CRLF, keeping line numbers', () => {
    const r = parseCsv('a;b\r\n"x;1";"il dit ""oui"""\r\n\r\n"multi\nligne";2\n');
    expect(r.header).toEqual(['a', 'b']);
    expect(r.records).toEqual([
      { line: 2, values: ['x;1', 'il dit "oui"'] },
      { line: 4, values: ['multi\nligne', '2'] },
    ]);
  });

  it('reports malformed I-Milo ids, duplicates and unreadable JSON', () => {
    const r = parseImilo([
      {
        name: 'l.json',
        content: JSON.stringify([
          {
            id: '13201S00',
            nom_officiel: '13-ML MARSEILLE',
            nom_usuel: 'Mission Locale de Marseille',
            code_departement: '13',
          },
          { id: '13201S00', nom_officiel: '13-ML MARSEILLE', code_departement: '13' },
          { id: 'ABC', nom_officiel: 'X', code_departement: '13' },
        ]),
      },
      { name: 'cassé.json', content: '[{"id": ' },
    ]);
    expect(r.candidates).toHaveLength(1);
    expect(r.candidates[0]).toMatchObject({
      seatCode: '13201',
      name: 'Mission Locale de Marseille',
      imiloId: '13201S00',
    });
    expect(r.rejected.map((x) => `${x.file} ${x.where}`)).toEqual([
      'l.json enregistrement 2',
      'l.json enregistrement 3',
      'cassé.json fichier',
    ]);
  });
});
