export { REASON } from './reasons';
export { peerView, PEER_GROUPS, MIN_PEER_REGIONS, type DisclosedRow } from './peer';
export { PTABLE, buildPtable, noiseFor, perturb, cellKeyOf, KEY_MODULUS, type Ptable, type PtableRow } from './ptable';
