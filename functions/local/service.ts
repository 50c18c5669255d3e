import { join } from 'node:path';
import type { TrustConfig } from '../../transforms/config/trust-config.ts';
import type { IngestOutcome } from '../../transforms/ingest/ingest-upload.ts';
import { LandingFolder } from './landing-folder.ts';
import { LocalStack } from './local-stack.ts';
import { writeLocalReport } from './local-report.ts';
import { errorText } from '../../transforms/output/plain-text.ts';

export interface PipelineServiceOptions {
  readonly dataDir: string;
  readonly config: TrustConfig;
  /** How often the landing folder and the queue are looked at for work from elsewhere. @default 2000 */
  readonly pollMs?: number;
  readonly log?: (line: string) => void;
}

/**
 * The pipeline as a long-running process over one data folder: it delivers queued events to the
 * ingest handler as they come (from the portal at once; from other processes and the landing
 * folder by polling), keeps lake/ and validation/ current, and writes the needs-analysis report
 * again after every accepted change.
 */
export class PipelineService {
  readonly stack: LocalStack;
  readonly landing: LandingFolder;
  readonly reportsDir: string;
  private readonly waiters = new Map<string, Set<(outcome: IngestOutcome) => void>>();
  private readonly log: (line: string) => void;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private reportDue = false;
  private closed = false;

  constructor(private readonly options: PipelineServiceOptions) {
    this.stack = new LocalStack(options.dataDir, options.config);
    this.landing = new LandingFolder(
      join(options.dataDir, 'landing'),
      this.stack,
      join(options.dataDir, 'state', 'landing.json'),
    );
    this.reportsDir = join(options.dataDir, 'reports');
    this.log = options.log ?? (() => {});
    this.stack.onOutcome(({ upload, outcome }) => {
      this.log(`${outcome.status.padEnd(10)} ${upload.key}`);
      if (outcome.status === 'accepted') this.reportDue = true;
      for (const resolve of this.waiters.get(outcome.uploadId) ?? []) resolve(outcome);
      this.waiters.delete(outcome.uploadId);
    });
  }

  /** Prepares the lake, queues whatever arrived while the service was down, and starts polling. */
  async start(): Promise<void> {
    await this.stack.prepare();
    const requeued = await this.stack.reconcile();
    if (requeued > 0) this.log(`${requeued} upload(s) stored while the service was down are queued.`);
    await this.stack.mirror();
    this.timer = setInterval(() => void this.poll(), this.options.pollMs ?? 2000);
    await this.work();
  }

  /** Looks at the landing folder, then processes what is queued. */
  async poll(): Promise<void> {
    if (this.closed) return;
    try {
      await this.landing.scan();
    } catch (error) {
      this.log(`The landing folder could not be read: ${(error as Error).message}`);
    }
    await this.work();
  }

  /** Processes the queue until it is empty; calls made meanwhile make it look again. Resolves when idle. */
  work(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        const delivered = await this.stack.processVisible();
        if (delivered > 0 || this.reportDue) await this.stack.mirror();
        if (this.reportDue) await this.writeReport();
      } while (this.again && !this.closed);
    })()
      .catch((error: unknown) => this.log(`Processing failed, will retry: ${errorText(error)}`))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /** Resolves with an upload's outcome when this process produces it, or undefined after `timeoutMs`. */
  waitFor(uploadId: string, timeoutMs: number): Promise<IngestOutcome | undefined> {
    return new Promise((resolve) => {
      const done = (outcome: IngestOutcome | undefined) => {
        clearTimeout(timer);
        this.waiters.get(uploadId)?.delete(done);
        resolve(outcome);
      };
      const timer = setTimeout(() => done(undefined), timeoutMs);
      const set = this.waiters.get(uploadId) ?? new Set();
      set.add(done);
      this.waiters.set(uploadId, set);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.running;
    for (const [, set] of this.waiters) for (const resolve of set) resolve(undefined as unknown as IngestOutcome);
  }

  private async writeReport(): Promise<void> {
    this.reportDue = false;
    try {
      const { htmlPath } = await writeLocalReport({
        lakeDir: this.stack.lakeDir,
        config: this.options.config,
        reportsDir: this.reportsDir,
      });
      this.log(`Needs-analysis report: ${htmlPath}`);
    } catch (error) {
      this.log(`The report could not be written: ${(error as Error).message}`);
    }
  }
}
