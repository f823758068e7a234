export { logGamma, gammaP, gammaPInverse, betaI, normalQuantile } from './gamma';
export { chiSquareQuantile, poissonExactInterval, binomialCdf } from './distributions';
export { percentileInterpolated, percentileInterpolatedOfCounts, percentileNearestRank } from './percentile';
