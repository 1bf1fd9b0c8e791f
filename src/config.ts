import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/**
 * The whole configuration of Passerelle, parsed once at start from the environment.
 * Every variable is documented in `.env.example`; a bad value stops the start with a
 * message naming the variable.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'oui', 'non'])
  .transform((v) => ['true', '1', 'yes', 'oui'].includes(v));

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  BASE_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'doit commencer par postgres:// ou postgresql://')
    .optional(),
  SESSION_SECRET: z.string().min(32, 'au moins 32 caractères').optional(),
  DEMO: bool.default(true),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'doit commencer par smtp:// ou smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Passerelle <ne-pas-repondre@passerelle.localhost>'),
  PROCONNECT_ENABLED: bool.default(false),
  PROCONNECT_ISSUER: z.url().optional(),
  PROCONNECT_CLIENT_ID: z.string().optional(),
  PROCONNECT_CLIENT_SECRET: z.string().optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  WORKER: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Addresses of the reverse proxies in front of Passerelle, comma-separated (e.g.
   * "127.0.0.1,::1"). Only a request arriving from one of them has its client address read
   * from X-Forwarded-For; empty (the default) = never trust that header.
   */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every((x) => isIP(x) !== 0), 'liste d’adresses IP séparées par des virgules'),
  BODY_LIMIT_KB: z.coerce
    .number()
    .int()
    .min(16)
    .max(50 * 1024)
    .default(1024),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config extends Omit<RawConfig, 'SESSION_SECRET' | 'BASE_URL'> {
  SESSION_SECRET: string;
  BASE_URL: string;
  /** Which database the process talks to. */
  database: 'pglite' | 'postgresql';
}

export class ConfigError extends Error {
  constructor(public readonly issues: string[]) {
    super(`Configuration invalide :\n${issues.map((i) => `  - ${i}`).join('\n')}`);
  }
}

/** Parses the environment. Throws ConfigError naming each faulty variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k in configSchema.shape && v !== undefined && v !== ''),
  );
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')} : ${i.message}`));
  }
  const raw = parsed.data;
  if (raw.PROCONNECT_ENABLED) {
    const missing = (
      ['PROCONNECT_ISSUER', 'PROCONNECT_CLIENT_ID', 'PROCONNECT_CLIENT_SECRET'] as const
    ).filter((k) => !raw[k]);
    if (missing.length) {
      throw new ConfigError(missing.map((k) => `${k} : obligatoire quand PROCONNECT_ENABLED=true`));
    }
  }
  const dataDir = resolve(raw.DATA_DIR);
  const database = raw.DATABASE_URL ? 'postgresql' : 'pglite';
  return {
    ...raw,
    DATA_DIR: dataDir,
    database,
    BASE_URL: (raw.BASE_URL ?? `http://localhost:${raw.PORT}`).replace(/\/$/, ''),
    SESSION_SECRET: raw.SESSION_SECRET ?? embeddedSecret(dataDir, database),
  };
}

/**
 * In embedded mode the session secret is generated once and kept in the data folder, so
 * that sessions and signed links survive a restart. With PostgreSQL it must be given.
 */
function embeddedSecret(dataDir: string, database: 'pglite' | 'postgresql'): string {
  if (database === 'postgresql') {
    throw new ConfigError(['SESSION_SECRET : obligatoire avec DATABASE_URL (au moins 32 caractères)']);
  }
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
