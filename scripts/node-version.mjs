// The one Node.js version story: package.json's `engines` says which Node the project
// needs (Electron 45 and its tools need 22.12 or newer), and `npm start` checks it first
// with this sentence instead of failing later in a tool's own words.
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** `>=22.12` → [22, 12, 0] */
export function requiredNode(range = pkg.engines.node) {
  const match = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range.trim());
  if (!match) throw new Error(`engines.node must be ">=X.Y", not "${range}"`);
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

/** A sentence when `version` (e.g. "20.20.2") is older than the project needs, else undefined. */
export function nodeTooOld(version = process.versions.node, range = pkg.engines.node) {
  const need = requiredNode(range);
  const have = version.replace(/^v/, '').split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if ((have[i] ?? 0) > need[i]) return undefined;
    if ((have[i] ?? 0) < need[i]) {
      const wanted = need.join('.');
      return `NMI Workbench needs Node.js ${wanted} or newer (this is ${version}): install the current LTS from https://nodejs.org, or, where only the npm registry can be reached, run \`bash scripts/node-from-npm.sh\` and follow what it prints.`;
    }
  }
  return undefined;
}

// `node scripts/node-version.mjs`: exit 1 with the sentence when this Node is too old (.ci/run uses it).
if (import.meta.url === `file://${process.argv[1]}`) {
  const problem = nodeTooOld();
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
