/**
 * Entry of the utility process that hosts a workshop hub for the desktop app. It runs
 * the same `startHub` as `workbench hub`; the main process starts and stops it by
 * message. A utility process (not child_process.fork) because the packaged app's fuses
 * forbid running the Electron binary as plain Node.
 */
import { startHub, type Hub } from '../server/hub/start-hub';
import { restartOnInternalError } from '../server/hub/supervise';
import { toHubSchema, type FromHub } from './hub-messages';

const parent = process.parentPort;
let hub: Hub | undefined;

const send = (message: FromHub): void => parent.postMessage(message);

parent.on('message', (event) => {
  const parsed = toHubSchema.safeParse(event.data);
  if (!parsed.success) return;
  const message = parsed.data;
  if (message.type === 'start') {
    startHub({ host: message.host, port: message.port, dataDir: message.dataDir }).then(
      (started) => {
        hub = started;
        // An internal error ends this process with RESTART_EXIT_CODE; the host starts it again.
        restartOnInternalError(started, (line) => console.error(line));
        send({
          type: 'started',
          url: started.url,
          ...(started.generatedPassword ? { newAdminPassword: started.adminPassword } : {}),
        });
      },
      (error: unknown) =>
        send({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return;
  }
  void (hub?.close() ?? Promise.resolve()).finally(() => {
    send({ type: 'stopped' });
    process.exit(0);
  });
});
