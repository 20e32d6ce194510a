/**
 * "Host a workshop hub" in the desktop app: one hub at a time, in a utility process
 * running electron/hub-process.ts, with its data in the app's user-data folder.
 */
import type { HubStatus } from '../shared/platform-api';
import { RESTART_EXIT_CODE } from '../server/hub/supervise';
import { fromHubSchema, type ToHub } from './hub-messages';

/** More restarts than this within a minute and the host gives up and says so. */
const MAX_RESTARTS_PER_MINUTE = 5;

/** The parts of Electron's UtilityProcess this module uses. */
export interface HubChild {
  postMessage(message: ToHub): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export interface HubHostDeps {
  fork(): HubChild;
  dataDir: string;
  addresses(port: number): string[];
  /** How long a start or stop may take before it is reported as failed. */
  timeoutMs?: number;
}

export class HubHost {
  private child: HubChild | undefined;
  private state: HubStatus = { available: true, running: false, addresses: [] };
  private readonly restarts: number[] = [];

  constructor(private readonly deps: HubHostDeps) {}

  status(): HubStatus {
    return this.state;
  }

  start(port: number): Promise<HubStatus> {
    if (this.child) return Promise.resolve(this.state);
    const child = this.deps.fork();
    this.child = child;
    return new Promise<HubStatus>((resolve) => {
      const timer = setTimeout(
        () => finish({ error: 'The hub did not start within 30 seconds.' }),
        this.deps.timeoutMs ?? 30_000,
      );
      let settled = false;
      const finish = (result: { url?: string; newAdminPassword?: string; error?: string }): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (result.error !== undefined) {
          this.child = undefined;
          child.kill();
          this.state = { available: true, running: false, addresses: [], error: result.error };
        } else {
          this.state = {
            available: true,
            running: true,
            port,
            addresses: this.deps.addresses(port),
            dataDir: this.deps.dataDir,
            ...(result.newAdminPassword ? { newAdminPassword: result.newAdminPassword } : {}),
          };
        }
        resolve(this.state);
      };
      child.on('message', (raw) => {
        const message = fromHubSchema.safeParse(raw);
        if (!message.success) return;
        if (message.data.type === 'started')
          finish({
            url: message.data.url,
            ...(message.data.newAdminPassword ? { newAdminPassword: message.data.newAdminPassword } : {}),
          });
        if (message.data.type === 'failed') {
          const inUse = /EADDRINUSE/.test(message.data.message);
          finish({
            error: inUse
              ? `Port ${port} is already in use on this computer; choose another.`
              : `The hub could not start: ${message.data.message}`,
          });
        }
      });
      child.on('exit', (code) => {
        if (this.child === child) {
          this.child = undefined;
          if (this.state.running && code === RESTART_EXIT_CODE && this.mayRestart()) {
            // It met an internal error and asked to be started again (server/hub/supervise.ts).
            void this.start(port);
          } else if (this.state.running) {
            this.state = {
              available: true,
              running: false,
              addresses: [],
              error:
                code === RESTART_EXIT_CODE
                  ? 'The hub kept meeting internal errors and was stopped; its log says what failed.'
                  : 'The hub stopped unexpectedly.',
            };
          }
        }
        finish({ error: 'The hub stopped before it was ready.' });
      });
      child.postMessage({ type: 'start', host: '0.0.0.0', port, dataDir: this.deps.dataDir });
    });
  }

  private mayRestart(): boolean {
    const now = Date.now();
    while (this.restarts.length > 0 && (this.restarts[0] ?? now) < now - 60_000) this.restarts.shift();
    this.restarts.push(now);
    return this.restarts.length <= MAX_RESTARTS_PER_MINUTE;
  }

  stop(): Promise<HubStatus> {
    const child = this.child;
    if (!child) return Promise.resolve(this.state);
    this.child = undefined;
    return new Promise<HubStatus>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.state = { available: true, running: false, addresses: [] };
        resolve(this.state);
      };
      const timer = setTimeout(() => {
        child.kill();
        done();
      }, this.deps.timeoutMs ?? 10_000);
      child.on('exit', done);
      child.postMessage({ type: 'stop' });
    });
  }
}
