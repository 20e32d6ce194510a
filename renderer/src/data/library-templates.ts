/**
 * Templates the secretariat publishes in the library. A response started from one takes
 * a copy of the template into the institute's own database first, so the template travels
 * with the response to the institute's server database and its other computers, as an
 * imported one does.
 */
import type { Template } from '@shared/forms/model';
import { templateDocId } from '@shared/ids';
import type { Workspace } from './workspace';

export async function adoptLibraryTemplate(
  workspace: Pick<Workspace, 'repository' | 'libraryRepository'>,
  templateId: string,
  version: string,
): Promise<Template | undefined> {
  const doc = await workspace.libraryRepository.get(templateDocId(templateId, version));
  if (doc?.type !== 'template') return undefined;
  const saved = await workspace.repository.saveTemplate(doc.template, doc.source);
  return saved.template;
}
