/** What the simulator did since the last line it printed, and in total. */
export class SimulationTally {
  private window = new Map<string, number>();
  private total = new Map<string, number>();

  count(what: string): void {
    this.window.set(what, (this.window.get(what) ?? 0) + 1);
    this.total.set(what, (this.total.get(what) ?? 0) + 1);
  }

  /** "reported 3 · accept 2 · resolve 1 · refused 1", then starts a new window. */
  takeWindow(): string {
    const line = describe(this.window);
    this.window = new Map();
    return line;
  }

  totals(): string {
    return describe(this.total);
  }
}

function describe(counts: Map<string, number>): string {
  if (counts.size === 0) return 'nothing';
  return [...counts].map(([what, count]) => `${what} ${count}`).join(' · ');
}
