/**
 * A hub that meets an error it cannot trust itself after — an exception thrown inside a
 * database write leaves PouchDB's write lock taken, and that database would answer
 * nobody again — answers what is in flight with a JSON 500, says so in its log, exits,
 * and is started again at once by its parent: `workbench hub` runs the hub in a child
 * process of its own, the desktop app's hub host restarts its utility process. Every
 * write the hub acknowledged is on disk (durable-store.ts), so a restart loses nothing.
 */
import { fork } from 'node:child_process';
import type { Hub } from './start-hub';

/** The exit code of a hub that must be started again (EX_SOFTWARE). */
export const RESTART_EXIT_CODE = 70;
/** Set in the child process that `workbench hub` runs the hub in. */
export const HUB_CHILD_ENV = 'WORKBENCH_HUB_CHILD';
/** More restarts than this within a minute: something is wrong beyond one request; stop. */
const MAX_RESTARTS_PER_MINUTE = 5;

/** In the process that runs a hub: an uncaught exception ends it for a restart. */
export function restartOnInternalError(hub: Hub, log: (line: string) => void): void {
  let failing = false;
  process.on('uncaughtException', (error) => {
    if (failing) return;
    failing = true;
    log(`hub: internal error; answering what was in flight and restarting: ${error.stack ?? String(error)}`);
    try {
      hub.abort('The hub met an internal error and is restarting; try again in a few seconds.');
    } finally {
      // A moment for the 500 answers to leave.
      setTimeout(() => process.exit(RESTART_EXIT_CODE), 200);
    }
  });
  // A rejected promise nobody waited for leaves no lock behind: log it and go on.
  process.on('unhandledRejection', (error) => log(`hub: unexpected error (still running): ${String(error)}`));
}

/**
 * `workbench hub`'s parent: runs the same command in a child process and starts it again
 * when it exits for a restart. Signals are passed on; the exit code is the child's.
 */
export function superviseHub(log: (line: string) => void): Promise<number> {
  const script = process.argv[1];
  if (script === undefined) return Promise.resolve(1);
  const restarts: number[] = [];
  return new Promise<number>((resolve) => {
    let stopping = false;
    let child = start();
    function start() {
      const started = fork(script as string, process.argv.slice(2), {
        env: { ...process.env, [HUB_CHILD_ENV]: '1' },
        stdio: 'inherit',
      });
      started.on('exit', (code, signal) => {
        if (!stopping && code === RESTART_EXIT_CODE) {
          const now = Date.now();
          restarts.push(now);
          while (restarts.length > 0 && (restarts[0] ?? now) < now - 60_000) restarts.shift();
          if (restarts.length > MAX_RESTARTS_PER_MINUTE) {
            log(
              `hub: ${restarts.length} internal errors within a minute; stopped. The log above says what failed.`,
            );
            resolve(1);
            return;
          }
          log(`hub: restarted after an internal error (${restarts.length} in the last minute).`);
          child = start();
          return;
        }
        resolve(code ?? (signal ? 0 : 1));
      });
      return started;
    }
    const stop = (signal: NodeJS.Signals) => {
      stopping = true;
      child.kill(signal);
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  });
}
