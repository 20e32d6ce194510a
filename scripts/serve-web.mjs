// `npm run web` (and `npm start` where Electron cannot be had): serves the built renderer
// on 127.0.0.1 (the same app as the desktop build, with a browser standing in for
// Electron), prints the address to open, and serves until Ctrl+C, then exits 0.
import { preview } from 'vite';

/** Serves dist/renderer on 127.0.0.1:PORT (default 4173) until SIGINT or SIGTERM. */
export async function serveWeb(port = Number(process.env.PORT ?? 4173)) {
  const server = await preview({
    configFile: new URL('../renderer/vite.config.ts', import.meta.url).pathname,
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
    logLevel: 'warn',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      void server.close().then(() => {
        console.log('Stopped.');
        process.exit(0);
      });
    });
  }
  const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
  console.log(
    `NMI Workbench is served at ${url} — open it in Chromium, Chrome or Edge. Press Ctrl+C to stop.`,
  );
  return server;
}

if (import.meta.url === `file://${process.argv[1]}`) await serveWeb();
