/**
 * Series colours with at least 3:1 contrast against white (WCAG 1.4.11) that stay apart for
 * the common colour-vision deficiencies; suppressed values are drawn hatched grey.
 */
export const SERIES_COLOURS = ['#1f5f99', '#b34a00', '#2e7d32', '#7b3fa0', '#a8123e', '#00695c', '#6d4c41', '#455a64', '#8a6d00', '#0277bd'];
export const SUPPRESSED_FILL = '#cfcfcf';
export const SUPPRESSED_DECAL = { symbol: 'rect', symbolSize: 1, color: '#6b6b6b', dashArrayX: [1, 0], dashArrayY: [2, 3], rotation: Math.PI / 4 };
export const TEXT_COLOUR = '#1b1b1b';
export const AXIS_COLOUR = '#595959';
export const NATIONAL_LINE = '#1b1b1b';
