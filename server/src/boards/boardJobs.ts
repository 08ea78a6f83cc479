import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BoardJob } from '../contract/boards.js';

/** How long a finished job's PDF is kept for its download. */
const KEEP_FINISHED_MS = 30 * 60_000;
/** Running jobs one account may have at a time: a second town is fine, a loop of them is not. */
export const RUNNING_JOBS_PER_ACCOUNT = 2;

interface JobRecord {
  job: BoardJob;
  accountId: number;
  file: string;
}

/** An account already has {@link RUNNING_JOBS_PER_ACCOUNT} jobs running. */
export class TooManyBoardJobsError extends Error {
  readonly statusCode = 429;
}

/**
 * Board PDFs rendered in the background with their progress (pages done of total), for the web
 * app to show while a village's or town's boards are drawn. Each PDF streams into a file of this
 * process's temporary directory, not memory. Jobs live in this process only: behind a load
 * balancer the poll must reach the same instance (sticky sessions), or use the streamed
 * `GET …/board.pdf`, which needs no state.
 */
export class BoardJobs {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly directory = mkdtempSync(join(tmpdir(), 'gridmap-boards-'));
  private readonly timers = new Set<NodeJS.Timeout>();

  /** Starts rendering: `render` gets the progress callback and returns the PDF stream. */
  start(
    accountId: number,
    code: string,
    total: number,
    render: (onPage: (done: number) => void) => Promise<Readable>,
    onFailure: (error: unknown) => void,
  ): BoardJob {
    const running = [...this.jobs.values()].filter((r) => r.accountId === accountId && r.job.state === 'running');
    if (running.length >= RUNNING_JOBS_PER_ACCOUNT) {
      throw new TooManyBoardJobsError(
        `${running.length} board jobs of yours are still running: wait for one to finish`,
      );
    }
    const id = randomUUID();
    const record: JobRecord = {
      job: { id, code, state: 'running', done: 0, total, pdf: null },
      accountId,
      file: join(this.directory, `${id}.pdf`),
    };
    this.jobs.set(id, record);
    const finish = async () => {
      const stream = await render((done) => {
        record.job.done = done;
      });
      await pipeline(stream, createWriteStream(record.file));
      record.job.state = 'finished';
      record.job.pdf = `/api/board-jobs/${id}/board.pdf`;
    };
    finish()
      .catch((error: unknown) => {
        record.job.state = 'failed';
        onFailure(error);
      })
      .finally(() => this.forgetLater(id));
    return { ...record.job };
  }

  /** The job as its account sees it; null for an unknown id or another account's job. */
  status(id: string, accountId: number): BoardJob | null {
    const record = this.jobs.get(id);
    return record && record.accountId === accountId ? { ...record.job } : null;
  }

  /** The finished PDF's file, for its account; null otherwise. */
  finishedFile(id: string, accountId: number): string | null {
    const record = this.jobs.get(id);
    if (!record || record.accountId !== accountId || record.job.state !== 'finished') return null;
    return record.file;
  }

  private forgetLater(id: string): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const record = this.jobs.get(id);
      this.jobs.delete(id);
      if (record) void rm(record.file, { force: true });
    }, KEEP_FINISHED_MS);
    timer.unref();
    this.timers.add(timer);
  }

  /** Forgets every job and removes their files (the app closes). */
  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.jobs.clear();
    rmSync(this.directory, { recursive: true, force: true });
  }
}
