/** Next.js calls register() once when a server process starts. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { installRequestLog } = await import('./lib/server/observability/http-log');
  installRequestLog();
  const { startSmsDrainLoop } = await import('./lib/server/notifications/sms-drain-loop');
  startSmsDrainLoop();
  const { startInProcessWorker } = await import('./lib/server/jobs/in-process-worker');
  startInProcessWorker();
}
