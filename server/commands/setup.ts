import { notYet } from '../command';

export const setupCommand = notYet(
  'setup',
  'setup --url URL --org SLUG [--org SLUG …]',
  'prepare a CouchDB-compatible server: databases, security, validation',
);
