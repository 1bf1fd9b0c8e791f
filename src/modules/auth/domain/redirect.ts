/**
 * Where to go after signing in (`?suite=`): only a path of this site. A value must start
 * with exactly one "/" (so "//evil.example" and "/\evil.example", which browsers read as
 * other hosts, are refused), hold no control character, and not lead back to the sign-in
 * page itself. Anything else gives the fallback.
 */
export function safeNext(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  let parsed: URL;
  try {
    parsed = new URL(value, 'http://passerelle.invalid');
  } catch {
    return fallback;
  }
  if (parsed.host !== 'passerelle.invalid') return fallback;
  if (parsed.pathname === '/connexion' || parsed.pathname === '/deconnexion') return fallback;
  return parsed.pathname + parsed.search + parsed.hash;
}
