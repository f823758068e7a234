/** SQL text helpers for identifiers and literals the validator itself controls. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function sqlList(values: readonly string[]): string {
  return values.map(quoteLiteral).join(', ');
}
