/**
 * The hub applies the same `validate_doc_update` that `workbench setup` installs, itself,
 * in the gateway. express-pouchdb's own validation (pouchdb-validation) replaces an
 * incoming document's `_revisions` with the stored one's, so every replicated update
 * (`_bulk_docs` with `new_edits: false`) to an existing document is silently dropped;
 * the hub therefore runs without it and checks writes here. The function is our own
 * generated source (shared/sync/validate-doc.ts), compiled once per database.
 */
import { isSyncDb } from '../../shared/sync/names';
import { validateDocUpdateSource } from '../../shared/sync/validate-doc';
import type { UserCtx } from '../../shared/sync/security';

type ValidateFn = (newDoc: unknown, oldDoc: unknown, userCtx: unknown, secObj: unknown) => void;

const compiled = new Map<string, ValidateFn>();

function validatorFor(dbName: string): ValidateFn | undefined {
  if (!isSyncDb(dbName)) return undefined;
  let fn = compiled.get(dbName);
  if (!fn) {
    // Compiles source this program generated from its own constants, never request data.
    fn = new Function(`return (${validateDocUpdateSource(dbName)});`)() as ValidateFn;
    compiled.set(dbName, fn);
  }
  return fn;
}

/** Why the write is refused, or undefined when it is accepted. */
export function refusal(dbName: string, doc: unknown, user: UserCtx, security: unknown): string | undefined {
  const validate = validatorFor(dbName);
  if (!validate) return undefined;
  try {
    validate(doc, null, { name: user.name, roles: [...user.roles] }, security ?? {});
    return undefined;
  } catch (error) {
    const e = error as { forbidden?: unknown; unauthorized?: unknown; message?: unknown };
    return String(e.forbidden ?? e.unauthorized ?? e.message ?? error);
  }
}
