// Loaded into a hub process by a test (NODE_OPTIONS=--import=…), never by the app: makes
// the MD5 that PouchDB computes for an attachment, inside its LevelDB write lock, throw
// for an attachment whose bytes say THROW-IN-WRITE — the shape of the real failures that
// left a database answering nobody.
import crypto from 'node:crypto';

const update = crypto.Hash.prototype.update;
crypto.Hash.prototype.update = function (data, encoding) {
  const text = typeof data === 'string' ? data : Buffer.from(data).toString('latin1');
  if (text.includes('THROW-IN-WRITE')) throw new Error('injected failure inside a database write');
  return update.call(this, data, encoding);
};
