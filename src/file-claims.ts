/**
 * A list of files read by two threads from both ends: the main thread takes files from the
 * front (in discovery order, analysing as it goes), the analysis worker takes batches from the
 * back, and they meet wherever their speeds put them. The positions live in shared memory;
 * a claim holds a spin lock for a few instructions.
 */

const LOCK = 0;
const FRONT = 1;
const BACK = 2;
const COUNT = 3;

export class FileClaims {
  private readonly state: Int32Array;

  /** `buffer`: from `FileClaims.create` on the other thread. */
  constructor(readonly buffer: SharedArrayBuffer) {
    this.state = new Int32Array(buffer);
  }

  /** The length of the list. */
  get count(): number {
    return this.state[COUNT]!;
  }

  static create(count: number): FileClaims {
    const claims = new FileClaims(new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT));
    claims.state[BACK] = count;
    claims.state[COUNT] = count;
    return claims;
  }

  /** The next `count` files from the front, as [start, end) positions; empty when none are left. */
  fromFront(count: number): [number, number] {
    return this.claim('front', count);
  }

  /** The last `count` unclaimed files, as [start, end) positions; empty when none are left. */
  fromBack(count: number): [number, number] {
    return this.claim('back', count);
  }

  /** How many files the back has claimed so far. */
  claimedFromBack(): number {
    return this.count - Atomics.load(this.state, BACK);
  }

  private claim(end: 'front' | 'back', count: number): [number, number] {
    while (Atomics.compareExchange(this.state, LOCK, 0, 1) !== 0) { /* the other thread holds it for a few instructions */ }
    const front = this.state[FRONT]!;
    const back = this.state[BACK]!;
    let claimed: [number, number];
    if (end === 'front') {
      claimed = [front, Math.min(back, front + count)];
      this.state[FRONT] = claimed[1];
    } else {
      claimed = [Math.max(front, back - count), back];
      this.state[BACK] = claimed[0];
    }
    Atomics.store(this.state, LOCK, 0);
    return claimed;
  }
}
