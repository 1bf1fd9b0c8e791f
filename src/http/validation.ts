import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from './context.js';
import { AppError, type FieldErrors } from './errors.js';

// Zod speaks French to our users: every validation message names the rule in French.
z.config(z.locales.fr());

/** Zod issues → { field: message }, the first message per field. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}

/** Reads a submitted form as plain strings (repeated names become arrays). */
export async function readForm(c: Context<AppEnv>): Promise<Record<string, string | string[]>> {
  const body = await c.req.parseBody({ all: true });
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf') continue;
    if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
    else if (typeof v === 'string') out[k] = v;
  }
  return out;
}

export type FormResult<T> =
  | { ok: true; data: T; values: Record<string, string | string[]> }
  | { ok: false; errors: FieldErrors; values: Record<string, string | string[]> };

/** Validates a form; on failure the page re-renders with what the user typed and the errors. */
export async function parseForm<S extends z.ZodType>(
  c: Context<AppEnv>,
  schema: S,
): Promise<FormResult<z.infer<S>>> {
  const values = await readForm(c);
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data, values };
  return { ok: false, errors: fieldErrors(parsed.error), values };
}

/** Validates JSON for API operations written by hand; throws a 422 naming the fields. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError('validation', undefined, fieldErrors(parsed.error));
  return parsed.data;
}

/** Common field shapes with French messages. */
export const fields = {
  email: () =>
    z
      .string({ error: 'Indiquez une adresse e-mail.' })
      .trim()
      .toLowerCase()
      .min(1, 'Indiquez une adresse e-mail.')
      .max(254, 'Adresse e-mail trop longue.')
      .pipe(z.email('Indiquez une adresse e-mail valide, par exemple nom@exemple.fr.')),
  requiredText: (label: string, max = 200) =>
    z
      .string({ error: `Indiquez ${label}.` })
      .trim()
      .min(1, `Indiquez ${label}.`)
      .max(max, `${max} caractères au plus.`),
  isoDate: (label = 'la date') =>
    z
      .string({ error: `Indiquez ${label}.` })
      .regex(/^\d{4}-\d{2}-\d{2}$/, `Indiquez ${label} au format AAAA-MM-JJ.`)
      .refine(
        (s) => {
          const d = new Date(`${s}T00:00:00Z`);
          return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
        },
        `${label[0].toUpperCase()}${label.slice(1)} n'existe pas dans le calendrier.`,
      ),
  uuid: (label = 'l’identifiant') => z.uuid(`${label[0].toUpperCase()}${label.slice(1)} n'est pas valide.`),
};
