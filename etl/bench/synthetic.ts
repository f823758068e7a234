/**
 * A large valid batch for developing against the bench target without the demo generator:
 * one region, ~2.5 assessments per signal, deterministic. CSV only.
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ASSESSMENT_COLUMNS, SIGNAL_COLUMNS } from '@weegwijzer/contract';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const pseudo = (r: () => number, n: number) => {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
  let s = '';
  for (let i = 0; i < n; i++) s += abc[Math.floor(r() * 64)];
  return s;
};

export function writeSyntheticBatch(dir: string, assessments: number, region = 'VR13'): string {
  mkdirSync(dir, { recursive: true });
  const r = rng(42);
  const nSignals = Math.round(assessments / 2.5);
  const day = (d: number) => new Date(Date.UTC(2024, 0, 1) + d * 86400000).toISOString().slice(0, 10);
  const sigFile = join(dir, 'signals.csv');
  const assFile = join(dir, 'assessments.csv');
  const sfd = openSync(sigFile, 'w');
  const afd = openSync(assFile, 'w');
  writeSync(sfd, SIGNAL_COLUMNS.map((c) => c.name).join(',') + '\n');
  writeSync(afd, ASSESSMENT_COLUMNS.map((c) => c.name).join(',') + '\n');
  let sbuf = '';
  let abuf = '';
  let aId = 0;
  const received: number[] = [];
  for (let i = 0; i < nSignals; i++) {
    const rec = Math.floor(r() * 500);
    received.push(rec);
    const party = pick(r, ['politie', 'politie', 'gemeente', 'om']);
    sbuf += `sig_${pseudo(r, 20)}_${i},${r() < 0.9 ? pseudo(r, 43) : ''},${region},GM0${100 + Math.floor(r() * 800)},${day(rec)},${party},${pick(r, ['politie_registratie', 'professional_meldpunt', 'osint', 'burger'])},${pick(r, ['jihadisme', 'rechts_extremisme', 'overig'])},${pick(r, ['0_17', '18_24', '25_plus', ''])}\n`;
    if (sbuf.length > 1 << 20) {
      writeSync(sfd, sbuf);
      sbuf = '';
    }
  }
  while (aId < assessments) {
    const si = aId % nSignals;
    const stageRoll = r();
    const dec = day(received[si] + Math.floor(r() * 30));
    const sid = `sig_x_${si}`;
    void sid;
    const c = () => String(Math.floor(r() * 3));
    let row: string;
    if (stageRoll < 0.5) {
      const body = pick(r, ['politie', 'gemeente']);
      row = `pre_weging,${body},${dec},niet_pluis,,,,,,${pick(r, ['doorgezet', 'niet_doorgezet', 'verrijking'])},${body === 'politie' ? 'osint' : ''},,,,,,,,1,0`;
    } else {
      row = `weegploeg,weegploeg,${dec},wettelijke_criteria,${c()},${c()},${c()},${c()},${c()},${pick(r, ['casusoverleg', 'geen_casusoverleg'])},,true,true,false,ja,nee,1,true,true,true`;
    }
    abuf += `ass_${pseudo(r, 20)}_${aId},SIGREF${si},${region},${row}\n`;
    aId++;
    if (abuf.length > 1 << 20) {
      writeSync(afd, abuf);
      abuf = '';
    }
  }
  writeSync(sfd, sbuf);
  writeSync(afd, abuf);
  closeSync(sfd);
  closeSync(afd);
  // Assessments refer to signals by index; rewrite the ids consistently in one pass.
  const sigText = readFileSync(sigFile, 'utf8');
  const ids = sigText
    .split('\n')
    .slice(1, -1)
    .map((l) => l.slice(0, l.indexOf(',')));
  const assText = readFileSync(assFile, 'utf8').replace(/SIGREF(\d+)/g, (_, n: string) => ids[Number(n)]);
  writeFileSync(assFile, assText);
  const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify(
      {
        contract_version: '1',
        region_code: region,
        batch_id: `${region}-synthetic`,
        produced_at: '2025-07-01T09:00:00Z',
        period: { from: '2024-01-01', to: '2025-06-30' },
        pseudonymisation: { method: 'hmac-sha256', key_id: 'synthetic' },
        files: {
          signals: { name: 'signals.csv', rows: nSignals, sha256: sha(sigFile) },
          assessments: { name: 'assessments.csv', rows: assessments, sha256: sha(assFile) },
        },
      },
      null,
      2,
    ),
  );
  return dir;
}
