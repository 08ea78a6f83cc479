import { afterEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { PassThrough, type Readable } from 'node:stream';
import { BoardJobs, RUNNING_JOBS_PER_ACCOUNT, TooManyBoardJobsError } from '../../../server/src/boards/boardJobs.js';

/** A render the test drives: it reports pages and ends the stream when told. */
function controlledRender() {
  const stream = new PassThrough();
  let report: (done: number) => void = () => {};
  return {
    render: async (onPage: (done: number) => void): Promise<Readable> => {
      report = onPage;
      return stream;
    },
    page: (done: number) => report(done),
    write: (text: string) => stream.write(text),
    end: () => new Promise<void>((resolve) => stream.end(resolve)),
  };
}

const failures: unknown[] = [];
let jobs: BoardJobs;

afterEach(() => jobs?.close());

describe('BoardJobs', () => {
  it('counts pages while running, then serves the file to its account only', async () => {
    jobs = new BoardJobs();
    const render = controlledRender();
    const job = jobs.start(7, '620724105200', 3, render.render, (error) => failures.push(error));
    expect(job).toMatchObject({ code: '620724105200', state: 'running', done: 0, total: 3, pdf: null });
    await Promise.resolve();
    render.page(1);
    expect(jobs.status(job.id, 7)).toMatchObject({ state: 'running', done: 1 });
    expect(jobs.finishedFile(job.id, 7)).toBeNull();
    render.write('%PDF-1.3 test');
    render.page(3);
    await render.end();
    // The file is complete once the state says finished: wait for that transition.
    while (jobs.status(job.id, 7)?.state === 'running') await new Promise((resolve) => setImmediate(resolve));
    expect(jobs.status(job.id, 7)).toMatchObject({
      state: 'finished',
      done: 3,
      pdf: `/api/board-jobs/${job.id}/board.pdf`,
    });
    expect(await readFile(jobs.finishedFile(job.id, 7)!, 'utf8')).toBe('%PDF-1.3 test');
    expect(jobs.status(job.id, 8)).toBeNull();
    expect(jobs.finishedFile(job.id, 8)).toBeNull();
    expect(failures).toEqual([]);
  });

  it('marks a job whose render fails as failed and reports the error', async () => {
    jobs = new BoardJobs();
    const reported: unknown[] = [];
    const job = jobs.start(
      7,
      '620724105200',
      2,
      async () => Promise.reject(new Error('database gone')),
      (error) => reported.push(error),
    );
    while (jobs.status(job.id, 7)?.state === 'running') await new Promise((resolve) => setImmediate(resolve));
    expect(jobs.status(job.id, 7)?.state).toBe('failed');
    expect(jobs.finishedFile(job.id, 7)).toBeNull();
    expect(String(reported[0])).toMatch(/database gone/);
  });

  it(`refuses a ${RUNNING_JOBS_PER_ACCOUNT + 1}th running job of one account, not another account's`, () => {
    jobs = new BoardJobs();
    for (let n = 0; n < RUNNING_JOBS_PER_ACCOUNT; n++)
      jobs.start(7, '620724105200', 2, controlledRender().render, () => {});
    expect(() => jobs.start(7, '620724105200', 2, controlledRender().render, () => {})).toThrow(TooManyBoardJobsError);
    expect(jobs.start(8, '620724105200', 2, controlledRender().render, () => {}).state).toBe('running');
  });
});
