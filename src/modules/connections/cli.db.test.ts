import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testConfig } from '../../../tests/helpers/app.js';
import { CliError } from '../../cli/command.js';
import type { Config } from '../../config.js';
import { migrate } from '../../db/migrate.js';
import { openDatabase } from '../../db/open.js';
import { sql } from '../../db/sql.js';
import { connectionsCommands } from './cli.js';

const cmd = (name: string) => connectionsCommands.find((c) => c.name === name)!;

async function run(name: string, args: string[], config: Config): Promise<string> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => {
    out += String(chunk);
    return true;
  });
  try {
    await cmd(name).run(args, config);
  } finally {
    spy.mockRestore();
  }
  return out;
}

describe('CLI: matches, connections sweep, connections digest (embedded database)', () => {
  let dir: string;
  let config: Config;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'passerelle-connections-cli-'));
    config = testConfig({ DATA_DIR: dir });
    const db = await openDatabase(config);
    await migrate(db);
    await db.run(sql`INSERT INTO regions (code, name) VALUES ('84', 'Auvergne-Rhône-Alpes')`);
    await db.run(sql`INSERT INTO departements (code, name, region_code) VALUES ('01', 'Ain', '84')`);
    await db.run(sql`INSERT INTO communes (insee, name, departement_code, region_code, population)
      VALUES ('01001', 'Alpha', '01', '84', 1000)`);
    await db.run(
      sql`INSERT INTO organisations (kind, name, code) VALUES ('mission_locale', 'Mission Locale Alpha', '01001S00')`,
    );
    await db.run(sql`INSERT INTO organisations (kind, level, name, code, cuf_member)
      VALUES ('local_authority', 'commune', 'Alpha', '01001', true)`);
    await db.run(sql`INSERT INTO organisation_communes (organisation_id, commune_insee, coverage)
      SELECT id, '01001', 'declared' FROM organisations`);
    await db.close();
  }, 60_000);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('matches: the authorities of a Mission Locale, with their reasons (text and JSON)', async () => {
    const out = await run('matches', ['01001S00'], config);
    expect(out).toContain('Mission Locale Alpha : 1 suggestion(s)');
    expect(out).toContain(
      'Elle est membre de Cités Unies France, le réseau des collectivités engagées à l’international. Son territoire couvre 100 % de la population du vôtre.',
    );
    const json = JSON.parse(await run('matches', ['01001S00', '--json'], config));
    expect(json).toEqual([
      expect.objectContaining({
        name: 'Alpha',
        score: 12 + 20,
        group: 'suggested',
        reasons: expect.arrayContaining([
          'Elle est membre de Cités Unies France, le réseau des collectivités engagées à l’international.',
        ]),
      }),
    ]);
  }, 30_000);

  it('matches: unknown organisation or country → a plain French error', async () => {
    await expect(run('matches', ['99999S00'], config)).rejects.toThrow(CliError);
    await expect(run('matches', ['01001S00', '--country=ZZ'], config)).rejects.toThrow('Pays inconnu');
  }, 30_000);

  it('sweep and digest run and say what they did', async () => {
    expect(await run('connections sweep', [], config)).toBe('0 rappel(s), 0 expiration(s).\n');
    expect(await run('connections digest', [], config)).toBe(
      '0 nouveauté(s), 0 lettre(s) mise(s) en file.\n',
    );
  }, 30_000);
});
