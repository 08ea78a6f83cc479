import { percentile } from './percentile.js';

/** What the benchmark's client processes report of a run: each event's arrivals and the faults counted. */
export interface Report {
  /** Event id → [first arrival, last arrival (epoch ms), clients it reached]. */
  arrivals: [number, [number, number, number]][];
  lost: number;
  duplicates: number;
  outOfOrder: number;
}

/**
 * Send (or commit) → last client latencies of the events in `sentAt`, and how many did not reach
 * all `clientCount` clients.
 */
export function latencies(
  sentAt: Map<number, number>,
  report: Report,
  clientCount: number,
): { p50: number; p99: number; max: number; incomplete: number } {
  const arrivals = new Map(report.arrivals);
  const values: number[] = [];
  let incomplete = 0;
  for (const [id, at] of sentAt) {
    const arrival = arrivals.get(id);
    if (!arrival || arrival[2] < clientCount) incomplete++;
    if (arrival) values.push(arrival[1] - at);
  }
  values.sort((a, b) => a - b);
  return { p50: percentile(values, 50), p99: percentile(values, 99), max: values.at(-1) ?? NaN, incomplete };
}
