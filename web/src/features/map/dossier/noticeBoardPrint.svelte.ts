import { boardApi, type BoardJob } from '../../../lib/api/boardApi.js';

/** Between two looks at a running job: a page takes ~20 ms to draw, a town ~150 pages. */
const POLL_MS = 700;

/** Hands a same-origin URL to the browser's download (the session cookie goes along). */
function downloadUrl(url: string, filename: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
}

/**
 * Printing a grid's notice boards: a group's one page downloads at once; a village's or town's
 * is drawn as a job on the server, polled for its pages done until the PDF can be downloaded.
 * `stop()` ends the polling (the panel closed or another grid was selected).
 */
export class NoticeBoardPrint {
  state = $state<'idle' | 'starting' | 'running' | 'failed'>('idle');
  done = $state(0);
  total = $state(0);
  failure = $state<string | null>(null);
  private timer: ReturnType<typeof setTimeout> | null = null;
  private abort: AbortController | null = null;

  async print(code: string, level: string): Promise<void> {
    this.stop();
    this.failure = null;
    if (level === 'group') {
      downloadUrl(boardApi.pdfUrl(code), `${code}-board.pdf`);
      return;
    }
    this.state = 'starting';
    try {
      this.follow(await boardApi.start(code));
    } catch (error) {
      this.fail(error);
    }
  }

  private follow(job: BoardJob): void {
    this.done = job.done;
    this.total = job.total;
    if (job.state === 'failed') return this.fail(new Error(job.id));
    if (job.state === 'finished' && job.pdf) {
      this.state = 'idle';
      downloadUrl(job.pdf, `${job.code}-board.pdf`);
      return;
    }
    this.state = 'running';
    this.timer = setTimeout(() => {
      this.timer = null;
      this.abort = new AbortController();
      boardApi.job(job.id, this.abort.signal).then(
        (next) => this.follow(next),
        (error: unknown) => {
          if (!(error instanceof DOMException && error.name === 'AbortError')) this.fail(error);
        },
      );
    }, POLL_MS);
  }

  private fail(error: unknown): void {
    this.state = 'failed';
    this.failure = error instanceof Error ? error.message : String(error);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.abort?.abort();
    this.abort = null;
    if (this.state !== 'failed') this.state = 'idle';
  }
}
