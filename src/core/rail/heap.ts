/**
 * A binary min-heap of (node, key) pairs in typed arrays, for Dijkstra. "Lazy deletion": a node may be
 * pushed again with a smaller key and the stale entry is skipped by the caller — simpler than a
 * decrease-key index, and just as fast on graphs of a few hundred nodes.
 * @example const h = new MinHeap(); h.push(7, 3); h.push(2, 1); h.pop() // → 2
 */
export class MinHeap {
  private nodes: Int32Array;
  private keys: Float64Array;
  private n = 0;

  constructor(capacity = 64) {
    this.nodes = new Int32Array(capacity);
    this.keys = new Float64Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  /**
   * Add a node with its key.
   * @example const h = new MinHeap(); h.push(3, 2.5); h.push(1, 0.5); h.pop() // → 1
   */
  push(node: number, key: number): void {
    if (this.n === this.nodes.length) this.grow();
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent]! <= key) break;
      this.nodes[i] = this.nodes[parent]!;
      this.keys[i] = this.keys[parent]!;
      i = parent;
    }
    this.nodes[i] = node;
    this.keys[i] = key;
  }

  /** Key of the smallest entry (Infinity when empty). */
  peekKey(): number {
    return this.n > 0 ? this.keys[0]! : Infinity;
  }

  /** Remove and return the node with the smallest key (-1 when empty). */
  pop(): number {
    if (this.n === 0) return -1;
    const top = this.nodes[0]!;
    const lastNode = this.nodes[--this.n]!;
    const lastKey = this.keys[this.n]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.n) break;
      const r = l + 1;
      const c = r < this.n && this.keys[r]! < this.keys[l]! ? r : l;
      if (this.keys[c]! >= lastKey) break;
      this.nodes[i] = this.nodes[c]!;
      this.keys[i] = this.keys[c]!;
      i = c;
    }
    this.nodes[i] = lastNode;
    this.keys[i] = lastKey;
    return top;
  }

  private grow(): void {
    const nodes = new Int32Array(this.nodes.length * 2);
    const keys = new Float64Array(this.keys.length * 2);
    nodes.set(this.nodes);
    keys.set(this.keys);
    this.nodes = nodes;
    this.keys = keys;
  }
}
