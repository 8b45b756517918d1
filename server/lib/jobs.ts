import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';
import { jobs } from '../db/schema.js';

/** Kinds of work: `transcode` (CRS-4); a runner claims only the kinds it has handlers for. */
export type JobKind = string;

/** What a handler gets: the job, and an abort signal raised when the runner stops (the job is then put back). */
export type JobContext = { id: number; attempt: number; payload: Record<string, unknown>; signal: AbortSignal; final: boolean };
export type JobHandler = (job: JobContext) => Promise<void>;

type Logger = { info(o: object, msg: string): void; error(o: object, msg: string): void };

/** Queues a job in the caller's transaction, so it exists exactly when the work it belongs to was committed. */
export async function enqueueJob(tx: Tx, kind: JobKind, payload: Record<string, unknown>, maxAttempts = 3): Promise<number> {
  const [row] = await tx.insert(jobs).values({ kind, payload, maxAttempts }).returning({ id: jobs.id });
  if (!row) throw new Error('job not queued');
  return row.id;
}

type Claimed = { id: number; kind: JobKind; payload: Record<string, unknown>; attempts: number; max_attempts: number };

/**
 * Background jobs in the `jobs` table, one code path on PGlite and PostgreSQL (docs/decisions.md):
 * a job is claimed with `FOR UPDATE SKIP LOCKED` and a lease; the lease is renewed while it runs,
 * so a job whose process died is taken up again once the lease lapses (it survives a restart), and
 * several instances share the queue. A failure is retried with backoff until `max_attempts`.
 */
export function createJobRunner(opts: { db: Db; handlers: Record<JobKind, JobHandler>; log: Logger; pollMs?: number; leaseMs?: number; concurrency?: number }) {
  const pollMs = opts.pollMs ?? 1000;
  const leaseMs = opts.leaseMs ?? 60_000;
  const concurrency = opts.concurrency ?? 1;
  const kinds = Object.keys(opts.handlers);
  const running = new Map<number, { controller: AbortController; done: Promise<void> }>();
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;
  let polling: Promise<void> | null = null;

  async function claim(): Promise<Claimed | null> {
    const res = await opts.db.execute(sql`
      update ${jobs} set state = 'running', attempts = attempts + 1,
        lease_until = now() + ${`${leaseMs} milliseconds`}::interval
      where id = (
        select id from ${jobs}
        where kind in (${sql.join(
          kinds.map((k) => sql`${k}`),
          sql`, `,
        )})
          and ((state = 'queued' and run_at <= now()) or (state = 'running' and lease_until < now()))
        order by run_at, id
        limit 1
        for update skip locked)
      returning id, kind, payload, attempts, max_attempts`);
    return (res.rows[0] as Claimed | undefined) ?? null;
  }

  async function run(job: Claimed, controller: AbortController) {
    const handler = opts.handlers[job.kind];
    const renew = setInterval(() => {
      opts.db
        .execute(sql`update ${jobs} set lease_until = now() + ${`${leaseMs} milliseconds`}::interval where id = ${job.id} and state = 'running'`)
        .catch(() => {});
    }, leaseMs / 3);
    try {
      if (!handler) throw new Error(`no handler for ${job.kind}`);
      await handler({ id: job.id, attempt: job.attempts, payload: job.payload, signal: controller.signal, final: job.attempts >= job.max_attempts });
      await opts.db.execute(sql`update ${jobs} set state = 'done', finished_at = now(), lease_until = null where id = ${job.id}`);
    } catch (err) {
      if (controller.signal.aborted) {
        // Stopped on purpose (shutdown): hand the job back without counting the attempt.
        await opts.db.execute(sql`update ${jobs} set state = 'queued', attempts = attempts - 1, lease_until = null where id = ${job.id}`).catch(() => {});
        return;
      }
      const message = err instanceof Error ? err.message : String(err);
      const final = job.attempts >= job.max_attempts;
      opts.log.error({ err, jobId: job.id, kind: job.kind, attempt: job.attempts }, final ? 'job failed' : 'job failed; will retry');
      await opts.db.execute(sql`
        update ${jobs} set state = ${final ? 'failed' : 'queued'}, last_error = ${message.slice(0, 2000)}, lease_until = null,
          run_at = now() + ${`${2 ** job.attempts} seconds`}::interval, finished_at = ${final ? sql`now()` : null}
        where id = ${job.id}`);
    } finally {
      clearInterval(renew);
    }
  }

  async function poll() {
    while (!stopped && running.size < concurrency) {
      const job = await claim();
      if (!job) break;
      const controller = new AbortController();
      const entry = { controller, done: Promise.resolve() };
      entry.done = run(job, controller).finally(() => {
        running.delete(job.id);
        if (!stopped) kick();
      });
      running.set(job.id, entry);
    }
  }

  function kick() {
    if (stopped || polling) return;
    polling = poll()
      .catch((err) => opts.log.error({ err }, 'job poll failed'))
      .finally(() => {
        polling = null;
      });
  }

  return {
    start() {
      if (!stopped || kinds.length === 0) return;
      stopped = false;
      timer = setInterval(kick, pollMs);
      timer.unref();
      kick();
    },
    /** Looks for work now (after enqueueing), instead of at the next poll. */
    kick,
    /** Stops polling, aborts running jobs (they go back to the queue) and waits for them. */
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await polling;
      for (const r of running.values()) r.controller.abort();
      await Promise.all([...running.values()].map((r) => r.done));
    },
    /** Jobs running in this process (tests wait for zero). */
    get busy() {
      return running.size + (polling ? 1 : 0);
    },
  };
}
export type JobRunner = ReturnType<typeof createJobRunner>;
