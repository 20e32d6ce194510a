/**
 * "Host a workshop hub": the main process starts the hub in a utility process, reports
 * its local-network addresses and a newly generated password once, explains a busy
 * port, and stops it on request. The IPC side only answers the app's own frames.
 */
import { describe, expect, it, vi } from 'vitest';
import { HubHost, type HubChild } from '../../../electron/hub-host';
import { registerIpcHandlers, type InvokeEvent } from '../../../electron/ipc';
import { IPC } from '../../../shared/platform-api';
import { RESTART_EXIT_CODE } from '../../../server/hub/supervise';
import { FakeUtilityProcess } from './fake-electron';

function host() {
  const children: FakeUtilityProcess[] = [];
  const hub = new HubHost({
    fork: () => {
      const child = new FakeUtilityProcess();
      children.push(child);
      return child as unknown as HubChild;
    },
    dataDir: '/data/workshop-hub',
    addresses: (port) => [`http://192.168.1.20:${port}`],
    timeoutMs: 200,
  });
  return { hub, children };
}

describe('hosting a workshop hub from the desktop app', () => {
  it('starts the hub on all interfaces and shows where participants reach it', async () => {
    const { hub, children } = host();
    const started = hub.start(5984);
    const child = children[0] as FakeUtilityProcess;
    expect(child.sent).toEqual([
      { type: 'start', host: '0.0.0.0', port: 5984, dataDir: '/data/workshop-hub' },
    ]);
    child.emit('message', { type: 'started', url: 'http://0.0.0.0:5984', newAdminPassword: 'pw-123' });
    expect(await started).toEqual({
      available: true,
      running: true,
      port: 5984,
      addresses: ['http://192.168.1.20:5984'],
      dataDir: '/data/workshop-hub',
      newAdminPassword: 'pw-123',
    });
    // Starting again while it runs does not start a second hub.
    await hub.start(5984);
    expect(children).toHaveLength(1);

    const stopped = hub.stop();
    expect(child.sent.at(-1)).toEqual({ type: 'stop' });
    child.emit('exit', 0);
    expect(await stopped).toEqual({ available: true, running: false, addresses: [] });
  });

  it('says plainly when the port is taken, or when the hub does not start', async () => {
    const { hub, children } = host();
    const busy = hub.start(5984);
    children[0]?.emit('message', {
      type: 'failed',
      message: 'listen EADDRINUSE: address already in use 0.0.0.0:5984',
    });
    expect((await busy).error).toBe('Port 5984 is already in use on this computer; choose another.');
    expect(children[0]?.kill).toHaveBeenCalled();

    const silent = await hub.start(5985);
    expect(silent).toMatchObject({ running: false, error: 'The hub did not start within 30 seconds.' });
  });

  it('reports a hub that stops by itself', async () => {
    const { hub, children } = host();
    const started = hub.start(5984);
    children[0]?.emit('message', { type: 'started', url: 'x' });
    await started;
    children[0]?.emit('exit', 1);
    expect(hub.status()).toMatchObject({ running: false, error: 'The hub stopped unexpectedly.' });
  });

  it('starts the hub again after an internal error, and gives up after five in a minute', async () => {
    const { hub, children } = host();
    const started = hub.start(5984);
    children[0]?.emit('message', { type: 'started', url: 'x' });
    await started;
    for (let i = 0; i < 5; i++) {
      children.at(-1)?.emit('exit', RESTART_EXIT_CODE);
      expect(children).toHaveLength(i + 2);
      expect(children.at(-1)?.sent).toEqual([
        { type: 'start', host: '0.0.0.0', port: 5984, dataDir: '/data/workshop-hub' },
      ]);
      children.at(-1)?.emit('message', { type: 'started', url: 'x' });
      expect(hub.status()).toMatchObject({ running: true, port: 5984 });
    }
    children.at(-1)?.emit('exit', RESTART_EXIT_CODE);
    expect(children).toHaveLength(6);
    expect(hub.status()).toMatchObject({
      running: false,
      error: 'The hub kept meeting internal errors and was stopped; its log says what failed.',
    });
  });

  it('answers hub requests only from the app, with a valid port', async () => {
    const handlers = new Map<string, (event: InvokeEvent, payload: unknown) => unknown>();
    const start = vi.fn(async (port: number) => ({ available: true, running: true, port, addresses: [] }));
    registerIpcHandlers(
      { handle: (channel, listener) => handlers.set(channel, listener) },
      {
        app: { getName: () => 'x', getVersion: () => '1' },
        platform: 'linux',
        showSaveDialog: async () => ({ canceled: true }),
        hub: { status: () => ({ available: true, running: false, addresses: [] }), start, stop: vi.fn() },
      },
    );
    const app = { senderFrame: { url: 'app://workbench/index.html' } };
    const evil = { senderFrame: { url: 'https://evil.example/' } };
    await expect(
      Promise.resolve().then(() => handlers.get(IPC.hubStart)?.(evil, { port: 5984 })),
    ).rejects.toThrow(/Refused/);
    await expect(
      Promise.resolve().then(() => handlers.get(IPC.hubStart)?.(app, { port: 80 })),
    ).rejects.toThrow(/1024 to 65535/);
    await expect(
      Promise.resolve().then(() => handlers.get(IPC.hubStart)?.(app, { port: '5984' })),
    ).rejects.toThrow();
    expect(await handlers.get(IPC.hubStart)?.(app, { port: 5984 })).toMatchObject({
      running: true,
      port: 5984,
    });
    expect(start).toHaveBeenCalledTimes(1);
    expect(handlers.get(IPC.hubStatus)?.(app, undefined)).toMatchObject({ available: true });
  });
});
