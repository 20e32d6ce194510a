import path from 'node:path';
import { parseOptions } from '../couch-client';
import type { Command } from '../command';
import { lanAddresses } from '../hub/lan';
import { startHub } from '../hub/start-hub';
import { HUB_CHILD_ENV, restartOnInternalError, superviseHub } from '../hub/supervise';

const USAGE = 'hub --host H --port P --data DIR [--forward URL]';

export const hubCommand: Command = {
  name: 'hub',
  usage: USAGE,
  summary: 'run a workshop hub (CouchDB-compatible server)',
  run: async (args) => {
    const { options, positional, problems } = parseOptions(args);
    const host = options.get('host')?.[0] ?? '127.0.0.1';
    const port = Number(options.get('port')?.[0] ?? 5984);
    const data = options.get('data')?.[0];
    const forward = options.get('forward')?.[0];
    if (!data) problems.push('Give --data DIR, the folder where the hub keeps its databases.');
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      problems.push('--port must be a number from 1 to 65535.');
    if (positional.length > 0) problems.push(`Unexpected ${positional.join(' ')}.`);
    if (problems.length > 0) {
      for (const p of problems) console.error(p);
      console.error(`Usage: workbench ${USAGE}`);
      return 2;
    }
    // The hub runs in a child process, started again after an internal error (supervise.ts).
    if (process.env[HUB_CHILD_ENV] !== '1') return superviseHub((line) => console.error(line));
    const hub = await startHub({
      host,
      port,
      dataDir: path.resolve(data as string),
      ...(forward ? { forward } : {}),
    });
    console.log(`NMI Workbench hub is running at ${hub.url} (data in ${path.resolve(data as string)}).`);
    if (host === '0.0.0.0') {
      for (const address of lanAddresses(port)) console.log(`  on the local network: ${address}`);
    }
    if (hub.generatedPassword) {
      console.log(`Admin user: admin   password: ${hub.adminPassword}`);
      console.log('  (shown once; it is kept, readable only by you, in the data folder as admin-password)');
    }
    if (forward)
      console.log(`Forwarding every institute database and the library to ${new URL(forward).origin}.`);
    restartOnInternalError(hub, (line) => console.error(line));
    console.log('Press Ctrl+C to stop.');
    await new Promise<void>((resolve) => {
      // Both the terminal and the parent may pass on the same Ctrl+C: stop once.
      process.on('SIGINT', () => resolve());
      process.on('SIGTERM', () => resolve());
    });
    await hub.close();
    console.log('Hub stopped.');
    return 0;
  },
};
