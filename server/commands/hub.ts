import path from 'node:path';
import { badUsage, consoleOutput, parseCommand, text, type Command, type CommandSpec } from '../command';
import { lanAddresses } from '../hub/lan';
import { startHub } from '../hub/start-hub';
import { HUB_CHILD_ENV, restartOnInternalError, superviseHub } from '../hub/supervise';

const HUB: CommandSpec = {
  name: 'hub',
  usage: 'hub --data DIR [--host H] [--port P] [--forward URL]',
  summary: 'run a workshop hub (CouchDB-compatible server)',
  options: {
    data: { type: 'string', value: 'DIR', help: 'the folder where the hub keeps its databases' },
    host: {
      type: 'string',
      value: 'H',
      help: 'the address to listen on (default 127.0.0.1; 0.0.0.0 for the local network)',
    },
    port: { type: 'string', value: 'P', help: 'the port (default 5984)' },
    forward: {
      type: 'string',
      value: 'URL',
      help: 'a central CouchDB to replicate every institute database and the library with',
    },
  },
  notes: ['The first start prints the admin password once (set WORKBENCH_ADMIN_PASSWORD to choose it).'],
};

export const hubCommand: Command = {
  ...HUB,
  run: async (args, out = consoleOutput) => {
    const parsed = parseCommand(HUB, args, out);
    if (typeof parsed === 'number') return parsed;
    const problems: string[] = [];
    const host = text(parsed, 'host') ?? '127.0.0.1';
    const portText = text(parsed, 'port') ?? '5984';
    const port = Number(portText);
    const data = text(parsed, 'data');
    const forward = text(parsed, 'forward');
    if (!data) problems.push('Give --data DIR, the folder where the hub keeps its databases.');
    if (!/^\d+$/.test(portText) || port < 1 || port > 65535)
      problems.push(`--port must be a number from 1 to 65535, not "${portText}".`);
    if (problems.length > 0) return badUsage(HUB, out, problems);
    // The hub runs in a child process, started again after an internal error (supervise.ts).
    if (process.env[HUB_CHILD_ENV] !== '1') return superviseHub((line) => out.error(line));
    const hub = await startHub({
      host,
      port,
      dataDir: path.resolve(data as string),
      ...(forward ? { forward } : {}),
    });
    out.log(`NMI Workbench hub is running at ${hub.url} (data in ${path.resolve(data as string)}).`);
    if (host === '0.0.0.0') {
      for (const address of lanAddresses(port)) out.log(`  on the local network: ${address}`);
    }
    if (hub.generatedPassword) {
      out.log(`Admin user: admin   password: ${hub.adminPassword}`);
      out.log('  (shown once; it is kept, readable only by you, in the data folder as admin-password)');
    }
    if (forward)
      out.log(`Forwarding every institute database and the library to ${new URL(forward).origin}.`);
    restartOnInternalError(hub, (line) => out.error(line));
    out.log('Press Ctrl+C to stop.');
    await new Promise<void>((resolve) => {
      // Both the terminal and the parent may pass on the same Ctrl+C: stop once.
      process.on('SIGINT', () => resolve());
      process.on('SIGTERM', () => resolve());
    });
    await hub.close();
    out.log('Hub stopped.');
    return 0;
  },
};
