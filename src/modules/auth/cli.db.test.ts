import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testConfig } from '../../../tests/helpers/app.js';
import { CliError } from '../../cli/command.js';
import type { Config } from '../../config.js';
import { openDatabase } from '../../db/open.js';
import { sql } from '../../db/sql.js';
import { sha256 } from '../../lib/crypto.js';
import { authCommands } from './cli.js';
import { verifyPassword } from './password.js';

const cmd = (name: string) => authCommands.find((c) => c.name === name)!;

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

describe('CLI: user create, token create (embedded database)', () => {
  let dir: string;
  let config: Config;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'passerelle-auth-cli-'));
    config = testConfig({ DATA_DIR: dir });
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('has help for each command', () => {
    expect(cmd('user create').help).toContain('--email');
    expect(cmd('user create').help).toContain('--admin');
    expect(cmd('token create').help).toContain('--write');
    expect(cmd('token create').help).toContain('dernière ligne');
  });

  it('creates a platform admin, refuses a duplicate and a weak password, then makes tokens', async () => {
    const out = await run(
      'user create',
      [
        '--email',
        'Camille@Exemple.fr',
        '--name',
        'Camille Martin',
        '--password',
        'Une phrase facile à retenir',
        '--admin',
      ],
      config,
    );
    expect(out).toContain('Compte créé : camille@exemple.fr (administrateur de la plateforme)');

    await expect(
      run(
        'user create',
        ['--email', 'camille@exemple.fr', '--name', 'Autre', '--password', 'Une autre phrase assez longue'],
        config,
      ),
    ).rejects.toThrow(new CliError('Un compte existe déjà pour camille@exemple.fr.'));
    await expect(
      run(
        'user create',
        ['--email', 'paul@exemple.fr', '--name', 'Paul', '--password', 'motdepasse123'],
        config,
      ),
    ).rejects.toThrow(/Mot de passe refusé : Ce mot de passe est trop courant/);
    await expect(
      run('user create', ['--email', 'paul@exemple.fr', '--name', 'Paul', '--password', 'court'], config),
    ).rejects.toThrow(/au moins 12 caractères/);
    await expect(run('user create', ['--email', 'paul@exemple.fr'], config)).rejects.toThrow(
      /Option manquante : --name, --password/,
    );

    const read = await run('token create', ['--email', 'camille@exemple.fr'], config);
    const readToken = read.trimEnd().split('\n').at(-1)!;
    expect(readToken).toMatch(/^psl_[\w-]{43}$/);
    const write = await run(
      'token create',
      ['--email', 'camille@exemple.fr', '--write', '--name', 'Synchro'],
      config,
    );
    const writeToken = write.trimEnd().split('\n').at(-1)!;
    expect(writeToken).toMatch(/^psl_[\w-]{43}$/);
    await expect(run('token create', ['--email', 'inconnu@exemple.fr'], config)).rejects.toThrow(
      /Aucun compte pour inconnu@exemple.fr/,
    );

    const db = await openDatabase(config);
    try {
      const u = await db.one<{ global_role: string; password_hash: string; name: string }>(
        sql`SELECT global_role, password_hash, name FROM users WHERE email = 'camille@exemple.fr'`,
      );
      expect(u.global_role).toBe('platform_admin');
      expect(u.name).toBe('Camille Martin');
      expect(await verifyPassword('Une phrase facile à retenir', u.password_hash)).toBe(true);
      expect(await db.many(sql`SELECT 1 FROM users WHERE email = 'paul@exemple.fr'`)).toHaveLength(0);
      const tokens = await db.many<{ name: string; scope: string }>(
        sql`SELECT name, scope FROM api_tokens WHERE token_hash IN (${sha256(readToken)}, ${sha256(writeToken)}) ORDER BY scope`,
      );
      expect(tokens).toEqual([
        { name: 'Ligne de commande', scope: 'read' },
        { name: 'Synchro', scope: 'write' },
      ]);
    } finally {
      await db.close();
    }
  });
});
