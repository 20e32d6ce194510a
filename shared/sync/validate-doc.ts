/**
 * The `validate_doc_update` function that `workbench setup` installs in every workbench
 * database, on the hub and on Apache CouchDB alike. CouchDB runs it in its own
 * JavaScript engine (SpiderMonkey, ES5-era in CouchDB 3), so it is kept as
 * self-contained ES5 source text with its constants baked in: no closures, no
 * imports, and no build step can rewrite it (bundlers add helpers to real functions).
 *
 * Refusals are thrown as `{ forbidden: reason }`, which CouchDB answers as HTTP 403
 * `{"error":"forbidden","reason":…}`: the reason is a sentence a client can show.
 */
import { LIBRARY_DB, SECRETARIAT_ROLE, orgOfDb, orgRole } from './names';
import { SYNC_DOC_RULES } from './doc-rules';

export const DESIGN_DOC_ID = '_design/workbench';

const SOURCE = `function (newDoc, oldDoc, userCtx, secObj) {
  var DB = __DB__;
  var ORG = __ORG__;
  var WRITER_ROLES = __WRITER_ROLES__;
  var RULES = __RULES__;
  var SECRETARIAT = __SECRETARIAT__;
  var roles = (userCtx && userCtx.roles) || [];
  var isAdmin = roles.indexOf('_admin') !== -1;
  var id = String(newDoc._id);

  if (id.indexOf('_design/') === 0) {
    if (!isAdmin) throw { forbidden: 'Only administrators may change design documents.' };
    return;
  }
  var mayWrite = isAdmin;
  for (var r = 0; r < WRITER_ROLES.length; r++) {
    if (roles.indexOf(WRITER_ROLES[r]) !== -1) mayWrite = true;
  }
  if (!mayWrite) {
    throw { forbidden: ORG === null
      ? 'Only the secretariat may change the library (' + DB + ').'
      : 'Only users of institute "' + ORG + '" may change ' + DB + '.' };
  }
  var idType = id.indexOf(':') > 0 ? id.slice(0, id.indexOf(':')) : '';
  if (Object.prototype.hasOwnProperty.call(RULES, idType) && RULES[idType].secretariatOnly === true &&
      !isAdmin && roles.indexOf(SECRETARIAT) === -1) {
    throw { forbidden: 'Only the secretariat may write ' + id + ': it is copied there from another institute.' };
  }
  if (newDoc._deleted === true) return;

  var type = newDoc.type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(RULES, type)) {
    throw { forbidden: 'Unknown document type ' + JSON.stringify(type === undefined ? null : type) +
      ' in ' + id + '. Update the app, or check the document.' };
  }
  var rule = RULES[type];
  if (id.indexOf(type + ':') !== 0) {
    throw { forbidden: 'The id ' + id + ' must start with "' + type + ':".' };
  }
  if (ORG === null ? rule.scope === 'org' : rule.scope === 'library') {
    throw { forbidden: 'A ' + type + ' document does not belong in ' + DB + '.' };
  }
  for (var i = 0; i < rule.required.length; i++) {
    var field = rule.required[i];
    if (newDoc[field] === undefined || newDoc[field] === null) {
      throw { forbidden: 'The ' + type + ' ' + id + ' is missing the required field "' + field + '".' };
    }
  }
  if (rule.idNamesOrg === true) {
    var named = id.slice(type.length + 1);
    if (named.indexOf(':') !== -1) named = named.slice(0, named.indexOf(':'));
    if (named !== newDoc.org) {
      throw { forbidden: 'The id ' + id + ' names institute ' + JSON.stringify(named) +
        ', but the document belongs to ' + JSON.stringify(newDoc.org) + '.' };
    }
  }
  if (ORG !== null && newDoc.org !== ORG) {
    throw { forbidden: 'The ' + type + ' ' + id + ' belongs to institute ' + JSON.stringify(newDoc.org) +
      ', not to "' + ORG + '" whose database this is.' };
  }
}`;

/** The validate_doc_update source for one workbench database. */
export function validateDocUpdateSource(dbName: string): string {
  const org = orgOfDb(dbName);
  if (org === undefined && dbName !== LIBRARY_DB) throw new Error(`${dbName} is not a workbench database`);
  const constants: Record<string, unknown> = {
    __DB__: dbName,
    __ORG__: org ?? null,
    // The secretariat also writes institute databases, e.g. to enter a return received by mail.
    __WRITER_ROLES__: org === undefined ? [SECRETARIAT_ROLE] : [orgRole(org), SECRETARIAT_ROLE],
    __RULES__: SYNC_DOC_RULES,
    __SECRETARIAT__: SECRETARIAT_ROLE,
  };
  return SOURCE.replace(/__[A-Z_]+__/g, (name) => JSON.stringify(constants[name]));
}

export interface WorkbenchDesignDoc {
  _id: typeof DESIGN_DOC_ID;
  _rev?: string;
  language: 'javascript';
  validate_doc_update: string;
}

/** The design document that `workbench setup` keeps in every workbench database. */
export function designDocFor(dbName: string): WorkbenchDesignDoc {
  return { _id: DESIGN_DOC_ID, language: 'javascript', validate_doc_update: validateDocUpdateSource(dbName) };
}
