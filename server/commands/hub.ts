import { notYet } from '../command';

export const hubCommand = notYet(
  'hub',
  'hub --host H --port P --data DIR [--forward URL]',
  'run a workshop hub (CouchDB-compatible server)',
);
