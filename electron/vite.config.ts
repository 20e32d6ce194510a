/**
 * Builds the main process and the preload as two separate CommonJS bundles in
 * dist/electron. They are two environments rather than two entries of one build so
 * that no code is split into a shared chunk: a sandboxed preload can require only
 * 'electron', never a sibling file.
 */
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig, type EnvironmentOptions } from 'vite';

const outDir = fileURLToPath(new URL('../dist/electron', import.meta.url));
const external = ['electron', ...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/**
 * The hub's utility process loads its npm packages (express-pouchdb, PouchDB with the
 * native LevelDB binding) from node_modules at run time, as electron-builder ships the
 * production dependencies: only the project's own files are bundled.
 */
const isPackage = (id: string): boolean =>
  !id.startsWith('.') && !id.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(id);

function bundle(name: 'main' | 'preload' | 'hub-process', emptyOutDir: boolean): EnvironmentOptions {
  const externalIds = name === 'hub-process' ? (id: string) => isPackage(id) : external;
  return {
    consumer: 'server',
    // Everything but Electron and Node is bundled in; the preload could not load zod otherwise.
    resolve: name === 'hub-process' ? { external: true } : { noExternal: true, external },
    build: {
      outDir,
      emptyOutDir,
      target: 'node20',
      minify: false,
      sourcemap: true,
      copyPublicDir: false,
      lib: {
        entry: fileURLToPath(new URL(`./${name}.ts`, import.meta.url)),
        formats: ['cjs'],
        fileName: () => `${name}.cjs`,
      },
      rollupOptions: { external: externalIds, output: { codeSplitting: false } },
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  publicDir: false,
  environments: {
    main: bundle('main', true),
    preload: bundle('preload', false),
    hub: bundle('hub-process', false),
  },
  builder: {
    async buildApp(builder) {
      // In order, because the first build empties the shared output folder.
      for (const name of ['main', 'preload', 'hub'] as const) {
        const environment = builder.environments[name];
        if (environment) await builder.build(environment);
      }
    },
  },
});
