import type { Deps } from '../http/context.js';
import { mailSendHandler } from '../mail/mail.js';
import { modules } from '../modules/index.js';
import { noticeMailHandler } from '../notifications/notices.js';
import { claimJob, type JobHandler, releaseOrphanedJobs, releaseStaleJobs, runJob } from './queue.js';
import { type Schedule, tickSchedules } from './scheduler.js';

/** Every job kind the platform knows, from the core and from each module. */
export function jobHandlers(deps: Deps): Record<string, JobHandler> {
  const handlers: Record<string, JobHandler> = {
    'mail.send': mailSendHandler(deps.config),
    'notice.mail': noticeMailHandler(deps.config),
  };
  for (const m of modules) Object.assign(handlers, m.jobs?.(deps) ?? {});
  return handlers;
}

export function allSchedules(): Schedule[] {
  return modules.flatMap((m) => m.schedules ?? []);
}

/** The background loop of a server instance: schedules, then ready jobs, every second. */
export function startWorker(deps: Deps): { stop: () => Promise<void> } {
  const handlers = jobHandlers(deps);
  const schedules = allSchedules();
  let stopped = false;
  let lastTick = 0;
  const loop = (async () => {
    await releaseOrphanedJobs(deps.db, deps.now()).catch((err) =>
      deps.logger.error({ err }, 'orphaned jobs'),
    );
    while (!stopped) {
      try {
        const now = deps.now();
        if (now.getTime() - lastTick > 30_000) {
          lastTick = now.getTime();
          await releaseStaleJobs(deps.db, now);
          await tickSchedules(deps.db, schedules, now);
        }
        let job = await claimJob(deps.db, deps.now());
        while (job && !stopped) {
          const outcome = await runJob(deps.db, job, handlers, deps.now);
          if (outcome !== 'done')
            deps.logger.warn({ jobId: job.id, kind: job.kind, outcome }, 'job did not complete');
          job = await claimJob(deps.db, deps.now());
        }
      } catch (err) {
        if (!stopped) deps.logger.error({ err }, 'worker loop error');
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
