/**
 * Collects what test listeners receive. Listeners that are acked first run after the
 * driver already has its ack, so tests await `at(index)` instead of reading at once.
 */
export class Inbox<T> {
  readonly items: T[] = [];
  private readonly waiters: Array<{ index: number; resolve: (item: T) => void }> = [];

  add(item: T): void {
    this.items.push(item);
    for (const waiter of [...this.waiters]) {
      const arrived = this.items[waiter.index];
      if (arrived !== undefined) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(arrived);
      }
    }
  }

  /** Resolves with the item at `index` once it has arrived; rejects after `timeoutMs`. */
  at(index: number, timeoutMs = 5000): Promise<T> {
    const arrived = this.items[index];
    if (arrived !== undefined) return Promise.resolve(arrived);
    return new Promise((resolve, reject) => {
      const waiter = { index, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        const position = this.waiters.indexOf(waiter);
        if (position === -1) return;
        this.waiters.splice(position, 1);
        reject(
          new Error(`inbox: item ${index} did not arrive within ${timeoutMs} ms (has ${this.items.length})`),
        );
      }, timeoutMs).unref();
    });
  }

  clear(): void {
    this.items.length = 0;
  }
}
