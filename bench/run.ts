/**
 * `npm run bench [-- NAME …]`: runs the named benchmarks, or all of them. Each prints its
 * figures next to a baseline measured in the same run; nothing here is part of `npm test`.
 */
const benches: Record<string, () => Promise<{ run(): Promise<void> }>> = {
  dashboard: () => import('./dashboard'),
  data: () => import('./data-layer'),
  excel: () => import('./excel'),
  forms: () => import('./forms-import'),
  runner: () => import('./runner'),
  sync: () => import('./sync'),
  seed: () => import('./seed'),
  secretariat: () => import('./secretariat'),
  cmc: () => import('./cmc'),
  cases: () => import('./case-studies'),
  durable: () => import('./durable'),
  events: () => import('./events'),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !Object.hasOwn(benches, name));
if (unknown.length > 0) {
  console.error(`Unknown bench ${unknown.join(', ')}. Choose from: ${Object.keys(benches).join(', ')}.`);
  process.exitCode = 2;
} else {
  for (const name of wanted.length > 0 ? wanted : Object.keys(benches)) {
    const bench = benches[name];
    if (!bench) continue;
    console.log(`\n== ${name}`);
    await (await bench()).run();
  }
}

export {};
