/**
 * A tiny tagged template that turns `sql\`select … where id = ${id}\`` into a
 * parameterised query. Values are always sent as parameters, never spliced into the text;
 * `raw` and `join` build trusted fragments (identifiers chosen by code, lists of values).
 */
export class Sql {
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
  ) {}

  /** Text with $1…$n placeholders and the matching values. */
  toQuery(): { text: string; values: unknown[] } {
    const values: unknown[] = [];
    const text = this.render(values);
    return { text, values };
  }

  private render(values: unknown[]): string {
    let out = this.strings[0] ?? '';
    for (let i = 0; i < this.values.length; i++) {
      const v = this.values[i];
      if (v instanceof Sql) out += v.render(values);
      else if (v instanceof Raw) out += v.text;
      else {
        values.push(v);
        out += `$${values.length}`;
      }
      out += this.strings[i + 1] ?? '';
    }
    return out;
  }
}

class Raw {
  constructor(readonly text: string) {}
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  return new Sql(strings, values);
}

/** A trusted fragment inserted as is (identifiers, keywords). Never user input. */
sql.raw = (text: string): Sql => new Sql([text], []);

/** Joins fragments or values with a separator: `sql.join(ids, sql\`, \`)`. */
sql.join = (items: readonly unknown[], separator: Sql = new Sql([', '], [])): Sql => {
  if (items.length === 0) return new Sql([''], []);
  const strings: string[] = [''];
  const values: unknown[] = [];
  items.forEach((item, i) => {
    if (i > 0) {
      values.push(separator);
      strings.push('');
    }
    values.push(item);
    strings.push('');
  });
  return new Sql(strings, values);
};

/** An empty fragment, handy for optional clauses. */
sql.empty = new Sql([''], []);

export { Raw };
