import type { Translate } from '../../../i18n/i18n.js';

/** "Mission Locale", "Collectivité territoriale · Commune"… */
export function kindLabel(t: Translate, kind: string, level: string | null): string {
  return level ? t(`directory.level.${level}`) : t(`directory.kind.${kind}`);
}

export function fieldLabel(t: Translate, key: string): string {
  const k = `directory.field.${key}`;
  const s = t(k);
  return s === k ? key : s;
}
