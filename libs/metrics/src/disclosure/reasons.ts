/** The reasons a value is sent as null (METRICS.md "Disclosure control, version 2"). */
export const REASON = {
  countBelowK: 'count below k',
  denominatorBelowK: 'denominator below k',
  fewerThanKUnits: 'fewer than k units',
  fromSuppressed: 'computed from a suppressed count',
  fewerPeers: 'fewer than 3 peer regions with a value',
} as const;
