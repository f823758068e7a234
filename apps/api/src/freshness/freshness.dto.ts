/** How fresh the served data is (GET /v1/freshness). */
export interface FreshnessDto {
  /** Latest `received_at` of any signal in the served snapshot (YYYY-MM-DD). */
  dataThrough: string | null;
  /** Latest `produced_at` of a delivered batch in the snapshot (YYYY-MM-DD). */
  lastDelivery: string | null;
  /** When the served snapshot was built (ISO timestamp). */
  snapshotBuiltAt: string | null;
}
