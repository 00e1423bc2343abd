/** Requests counted per `METHOD /path/template`; control paths are never counted. */
export class RequestStats {
  private counts = new Map<string, number>();

  count(method: string, template: string): void {
    const key = `${method} ${template}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  total(): number {
    let total = 0;
    for (const count of this.counts.values()) total += count;
    return total;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  clear(): void {
    this.counts = new Map();
  }
}
