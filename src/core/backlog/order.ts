/**
 * Orders items by score under hard precedence constraints (Kahn's algorithm with a priority queue).
 * When constraints form a cycle the best remaining item is released, so ordering always ends.
 */
export interface Orderable {
  readonly key: string;
  /** Keys that must come earlier when present. */
  readonly after: readonly string[];
}

export function orderWithConstraints<T extends Orderable>(items: readonly T[], better: (a: T, b: T) => number): T[] {
  const byKey = new Map(items.map((item) => [item.key, item]));
  const waitingOn = new Map<string, number>();
  const unlocks = new Map<string, string[]>();
  for (const item of items) {
    const predecessors = new Set(item.after.filter((key) => key !== item.key && byKey.has(key)));
    waitingOn.set(item.key, predecessors.size);
    for (const key of predecessors) unlocks.set(key, [...(unlocks.get(key) ?? []), item.key]);
  }
  const ready = new Heap<T>(better);
  for (const item of items) if (waitingOn.get(item.key) === 0) ready.push(item);
  const placed = new Set<string>();
  const ordered: T[] = [];
  while (ordered.length < items.length) {
    const next = ready.pop() ?? bestUnplaced(items, placed, better);
    if (next === undefined || placed.has(next.key)) continue;
    placed.add(next.key);
    ordered.push(next);
    for (const key of unlocks.get(next.key) ?? []) {
      const remaining = (waitingOn.get(key) ?? 0) - 1;
      waitingOn.set(key, remaining);
      const item = byKey.get(key);
      if (remaining === 0 && item !== undefined && !placed.has(key)) ready.push(item);
    }
  }
  return ordered;
}

function bestUnplaced<T extends Orderable>(items: readonly T[], placed: ReadonlySet<string>, better: (a: T, b: T) => number): T | undefined {
  let best: T | undefined;
  for (const item of items) if (!placed.has(item.key) && (best === undefined || better(item, best) < 0)) best = item;
  return best;
}

/** A binary heap whose top is the item that sorts first under `compare`. */
class Heap<T> {
  private readonly items: T[] = [];
  constructor(private readonly compare: (a: T, b: T) => number) {}

  push(item: T): void {
    this.items.push(item);
    let index = this.items.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (this.compare(this.at(index), this.at(parent)) >= 0) break;
      this.swap(index, parent);
      index = parent;
    }
  }

  pop(): T | undefined {
    const top = this.items[0];
    const last = this.items.pop();
    if (this.items.length === 0 || last === undefined) return top;
    this.items[0] = last;
    this.siftDown(0);
    return top;
  }

  private siftDown(start: number): void {
    let index = start;
    for (;;) {
      const left = index * 2 + 1;
      const right = left + 1;
      let smallest = index;
      if (left < this.items.length && this.compare(this.at(left), this.at(smallest)) < 0) smallest = left;
      if (right < this.items.length && this.compare(this.at(right), this.at(smallest)) < 0) smallest = right;
      if (smallest === index) return;
      this.swap(index, smallest);
      index = smallest;
    }
  }

  private at(index: number): T {
    return this.items[index] as T;
  }

  private swap(a: number, b: number): void {
    const first = this.at(a);
    this.items[a] = this.at(b);
    this.items[b] = first;
  }
}
