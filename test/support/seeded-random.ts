// Repeatable randomness (mulberry32) for made-up data: the same seed gives the same cases every
// run, so a failing test or a bench result can be reproduced.

export function seededRandom(seed: number) {
  let state = seed >>> 0;
  /** A number in [0, 1). */
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const between = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  const chance = (probability: number) => next() < probability;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  /** One of the values, each as likely as its weight. */
  const weighted = <T>(choices: readonly (readonly [T, number])[]): T => {
    let roll = next() * choices.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [value, weight] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return choices[choices.length - 1]![0];
  };
  return { next, between, chance, pick, weighted };
}

export type SeededRandom = ReturnType<typeof seededRandom>;
