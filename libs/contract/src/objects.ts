/**
 * Objects of one shape built in one step: a function holding one object literal with the
 * given field names, so every object it makes has its fields in the same order and V8 creates
 * it with its final shape (assigning fields one by one by name costs a keyed store each).
 * The names are only ever used as quoted property keys (JSON string literals), never as code;
 * the value expressions come from the caller's own code, never from data.
 */

/**
 * True when `names` can be the fields of one object literal: plain identifiers, none of them
 * `__proto__` (a literal takes that as the prototype), none twice, at most 64 of them.
 */
export function literalFieldNames(names: readonly string[]): boolean {
  return names.length <= 64 && new Set(names).size === names.length && names.every((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n) && n !== '__proto__');
}

/**
 * A function of `params` returning `{ name0: valueExpr(0), name1: valueExpr(1), ... }` (after
 * the `prelude` statements, the caller's own code), or undefined when the names cannot be
 * literal fields (`literalFieldNames`): the caller then builds its objects field by field.
 */
export function objectLiteralFactory<F extends (...args: never[]) => Record<string, unknown>>(
  names: readonly string[],
  params: readonly string[],
  valueExpr: (index: number) => string,
  prelude = '',
): F | undefined {
  if (!literalFieldNames(names)) return undefined;
  const fields = names.map((n, i) => `${JSON.stringify(n)}: ${valueExpr(i)}`).join(', ');
  return new Function(...params, `${prelude}\nreturn { ${fields} };`) as F;
}
