/**
 * Pseudonym-shaped identifiers for demo data. An id is a keyed permutation (4-round Feistel
 * network over 64 bits) of a unique counter, so ids never collide within a region, cannot
 * be read back as a counter without the seed, and are deterministic for a seed.
 *
 * Encoding: characters alternate between 16 consonants (4 bits) and the lower-case RFC 4648
 * base32 alphabet (5 bits). So no two digits are ever adjacent: an id can never look like a
 * BSN, phone number, postcode or IBAN, and never like a date or a name with spaces.
 */
import { hash128 } from './prng';

const CONSONANTS = 'bcdfghjkmnpqrstv';
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** What an id identifies; part of the permuted block so kinds never share a value. */
export const ID_KIND = { signal: 1, assessment: 2, subject: 3 } as const;

export class IdFactory {
  private readonly keys: number[];
  private readonly keys2: number[];

  constructor(seed: number) {
    const [a, b, c, d] = hash128(`weegwijzer-demo-ids|${seed}`);
    const [e, f, g, h] = hash128(`weegwijzer-demo-ids-2|${seed}`);
    this.keys = [a, b, c, d];
    this.keys2 = [e, f, g, h];
  }

  /** 16 characters (72 bits, of which 64 are the permuted block). */
  id(kind: number, regionIndex: number, yearIndex: number, counter: number): string {
    const [hi, lo] = feistel(block(kind, regionIndex, yearIndex), counter >>> 0, this.keys);
    return encode([hi, lo, mix(hi ^ this.keys2[0], lo)], 16);
  }

  /** 24 characters (108 bits): the subject pseudonym, like an HMAC of the national key. */
  subject(regionIndex: number, yearIndex: number, counter: number): string {
    const input = block(ID_KIND.subject, regionIndex, yearIndex);
    const [hi, lo] = feistel(input, counter >>> 0, this.keys);
    const [hi2, lo2] = feistel(input, counter >>> 0, this.keys2);
    return encode([hi, lo, hi2, lo2], 24);
  }
}

function block(kind: number, regionIndex: number, yearIndex: number): number {
  return ((kind & 0xff) << 24) | ((regionIndex & 0xff) << 16) | (yearIndex & 0xffff);
}

/** 32-bit round function (murmur3 finaliser of key-mixed input). */
function mix(x: number, k: number): number {
  let h = (x ^ k) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function feistel(hi: number, lo: number, keys: readonly number[]): [number, number] {
  let l = hi >>> 0;
  let r = lo >>> 0;
  for (const k of keys) {
    const next = (l ^ mix(r, k)) >>> 0;
    l = r;
    r = next;
  }
  return [l, r];
}

/** Consumes the words' bits most-significant first: 4 bits on even positions, 5 on odd. */
function encode(words: readonly number[], length: number): string {
  let out = '';
  let word = 0;
  let bit = 0;
  const take = (n: number): number => {
    let v = 0;
    for (let i = 0; i < n; i++) {
      const w = words[word] ?? 0;
      v = (v << 1) | ((w >>> (31 - bit)) & 1);
      bit++;
      if (bit === 32) {
        bit = 0;
        word++;
      }
    }
    return v;
  };
  for (let i = 0; i < length; i++) out += i % 2 === 0 ? CONSONANTS[take(4)] : BASE32[take(5)];
  return out;
}
