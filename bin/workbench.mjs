#!/usr/bin/env node
// The `workbench` command (package bin): runs server/cli.ts through tsx, so the
// tools need no separate build step. From a checkout, `npm run workbench -- …` does the same.
import { register } from 'tsx/esm/api';

register({ tsconfig: new URL('../tsconfig.node.json', import.meta.url).pathname });
await import('../server/cli.ts');
