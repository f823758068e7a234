/**
 * What no JSON body may hold, checked once for every route before validation: nesting deeper
 * than 32 (the DTO machinery recurses), NUL characters and lone surrogates (PostgreSQL text
 * cannot store them), and numbers JSON.parse turned into Infinity. Iterative, so a hostile
 * depth cannot overflow the stack here. Returns where the problem is, or null.
 */
const MAX_DEPTH = 32;
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function findJsonBodyProblem(body: unknown): string | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: body, path: '$', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) return `${path}: text with a NUL character or invalid Unicode (a lone surrogate)`;
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) return `${path}: number out of range`;
    } else if (value !== null && typeof value === 'object') {
      if (depth >= MAX_DEPTH) return `${path}: nested deeper than ${MAX_DEPTH} levels`;
      for (const [k, v] of Object.entries(value)) {
        if (UNSTORABLE.test(k)) return `${path}: a key with a NUL character or invalid Unicode`;
        stack.push({ value: v, path: Array.isArray(value) ? `${path}[${k}]` : `${path}.${k.slice(0, 40)}`, depth: depth + 1 });
      }
    }
  }
  return null;
}
