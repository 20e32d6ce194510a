// `npm run web`: serves the built renderer on 127.0.0.1 (the same app as the desktop
// build, with a browser standing in for Electron) and prints the address to open.
import { preview } from 'vite';

const port = Number(process.env.PORT ?? 4173);
const server = await preview({
  configFile: new URL('../renderer/vite.config.ts', import.meta.url).pathname,
  preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  logLevel: 'warn',
});
const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
console.log(`NMI Workbench is served at ${url} — open it in Chromium, Chrome or Edge. Press Ctrl+C to stop.`);
