export { REASON } from './reasons';
export { suppressCounts, exposedLines, determinedCells, lineKeys, type Suppression } from './suppress';
export { discloseTable, makeKeyOf, type DisclosedRow, type KeyOf } from './table';
export { buildLines } from './lines';
export { peerView, PEER_GROUPS, MIN_PEER_REGIONS } from './peer';
