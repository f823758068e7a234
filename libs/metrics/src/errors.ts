/** Typed metric errors; the API maps them to 404 / 403 / 400. */
export class MetricNotFoundError extends Error {
  override readonly name = 'MetricNotFoundError';
  constructor(readonly metric: string) {
    super(`Unknown metric '${metric}'`);
  }
}

export class MetricForbiddenError extends Error {
  override readonly name = 'MetricForbiddenError';
  constructor(message: string) {
    super(message);
  }
}

export class MetricParamError extends Error {
  override readonly name = 'MetricParamError';
  /** The request field that is wrong (`from`, `regions`, `k`, `params.by`, ...). */
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
