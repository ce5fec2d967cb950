/** A seeded pseudo-random source in [0, 1): mulberry32, small and fast, for sample and benchmark data. */
export type Random = () => number;

/** The same seed always gives the same sequence; nothing here reads the clock or Math.random. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
