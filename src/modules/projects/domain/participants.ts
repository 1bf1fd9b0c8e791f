/**
 * Participants as AGGREGATES ONLY (no record of any young person): counts by age band, sex
 * and situation, for young people and for staff.
 */
export const AUDIENCES = ['young', 'staff'] as const;
export type Audience = (typeof AUDIENCES)[number];
export const AGE_BANDS = ['under_18', '18_25', '26_30', 'over_30'] as const;
export const SEXES = ['female', 'male', 'other'] as const;
export const SITUATIONS = ['neet', 'qpv', 'rural', 'disability'] as const;

export const DIMENSIONS = { age: AGE_BANDS, sex: SEXES, situation: SITUATIONS } as const;
export type Dimension = keyof typeof DIMENSIONS;

export type Counts = Record<Audience, Record<Dimension, Record<string, number>>>;

export const emptyCounts = (): Counts => ({
  young: { age: {}, sex: {}, situation: {} },
  staff: { age: {}, sex: {}, situation: {} },
});

const sum = (r: Record<string, number>) => Object.values(r).reduce((s, n) => s + n, 0);

/** Total of an audience: the age bands, else the sexes (both are full partitions). */
export const totalOf = (c: Counts, a: Audience) => Math.max(sum(c[a].age), sum(c[a].sex));

/**
 * Consistency of the counts, as French messages naming the fields: ages and sexes are two
 * partitions of the same people (equal totals when both are given); a situation never
 * counts more people than the total.
 */
export function checkCounts(c: Counts): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const a of AUDIENCES) {
    const who = a === 'young' ? 'jeunes' : 'professionnels';
    const age = sum(c[a].age);
    const sex = sum(c[a].sex);
    if (age > 0 && sex > 0 && age !== sex)
      errors[`${a}.sex`] =
        `Participants (${who}) : le total par sexe (${sex}) doit égaler le total par âge (${age}).`;
    const total = Math.max(age, sex);
    for (const [k, n] of Object.entries(c[a].situation))
      if (n > total)
        errors[`${a}.situation.${k}`] =
          `Participants (${who}) : une situation ne peut pas compter plus de personnes que le total (${total}).`;
  }
  return errors;
}
