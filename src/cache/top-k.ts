/**
 * Keeps the `capacity` smallest numeric keys offered to it, in a max-heap over one preallocated
 * array, so that offering a key never allocates. The search packs its whole ranking into one key.
 */
export class SmallestKeys {
  private readonly heap: Float64Array;
  private limit = 0;
  private size = 0;

  constructor(capacity: number) {
    this.heap = new Float64Array(capacity);
  }

  /** Empties the heap and sets how many keys to keep, at most the capacity. */
  reset(limit: number): void {
    this.limit = Math.min(limit, this.heap.length);
    this.size = 0;
  }

  get count(): number {
    return this.size;
  }

  get isFull(): boolean {
    return this.size >= this.limit;
  }

  offer(key: number): void {
    const heap = this.heap;
    if (this.size < this.limit) {
      let index = this.size++;
      while (index > 0) {
        const parent = (index - 1) >> 1;
        const parentKey = heap[parent] as number;
        if (parentKey >= key) break;
        heap[index] = parentKey;
        index = parent;
      }
      heap[index] = key;
      return;
    }
    if (this.size === 0 || key >= (heap[0] as number)) return;
    this.replaceLargest(key);
  }

  /** Returns a copy of the kept keys in ascending order. */
  sorted(): Float64Array {
    return this.heap.slice(0, this.size).sort();
  }

  private replaceLargest(key: number): void {
    const heap = this.heap;
    const size = this.size;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= size) break;
      const right = left + 1;
      let larger = left;
      if (right < size && (heap[right] as number) > (heap[left] as number)) larger = right;
      const largerKey = heap[larger] as number;
      if (largerKey <= key) break;
      heap[index] = largerKey;
      index = larger;
    }
    heap[index] = key;
  }
}
