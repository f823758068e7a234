/**
 * Cells that count the same records in two metrics (disclosure control v2, rule 4: the same
 * records give the same released value in every metric). Published in the catalogue; the
 * consistency test walks them all. `params` pins a parameter where the cell depends on it.
 */
export interface CellRef {
  metric: string;
  column: string;
  params?: Record<string, string>;
}

export interface SameCells {
  a: CellRef;
  b: CellRef;
  description: string;
}

export const SAME_CELLS: readonly SameCells[] = [
  { a: { metric: 'flow', column: 'dropped' }, b: { metric: 'dropoff', column: 'dropped', params: { by: 'none' } }, description: 'dropped signals' },
  { a: { metric: 'flow', column: 'direct' }, b: { metric: 'dropoff', column: 'direct', params: { by: 'none' } }, description: 'signals straight to the weegploeg' },
  { a: { metric: 'flow', column: 'reached' }, b: { metric: 'dropoff', column: 'reached', params: { by: 'none' } }, description: 'signals that reached the weegploeg' },
  { a: { metric: 'flow', column: 'reached' }, b: { metric: 'leadtime', column: 'reached' }, description: 'signals that reached the weegploeg' },
  {
    a: { metric: 'criteria_coverage', column: 'assessments' },
    b: { metric: 'integrality', column: 'assessments' },
    description: 'weegploeg assessments (integrality rows of stage weegploeg)',
  },
];

export function sameCellsOf(metric: string): SameCells[] {
  return SAME_CELLS.filter((s) => s.a.metric === metric || s.b.metric === metric);
}
