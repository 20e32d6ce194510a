/**
 * Finding templates for screens: the shipped ones, those the secretariat published in the
 * library, and those imported on this computer.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Template } from '@shared/forms/model';
import { findShippedTemplate, shippedTemplates } from '@shared/forms/shipped';
import { PLAN_FOLLOWUP_TEMPLATE } from '@shared/events/kinds';
import { toErrorData } from '@shared/errors';
import { useWorkspace } from '../../app/workspace-context';
import { useTemplateRows } from '../../data/hooks';
import { useLibraryTemplateRows } from '../../data/library-hooks';
import { templateKey } from './questionnaire.form';

export interface TemplateChoice {
  key: string;
  id: string;
  version: string;
  title: string;
  imported: boolean;
  /** Published by the secretariat in the library (and not imported here too). */
  published?: boolean;
  /** A shipped template's earlier version: kept for cycles answered on it. */
  older?: boolean;
}

export function useTemplateChoices(): TemplateChoice[] {
  const rows = useTemplateRows();
  const libraryRows = useLibraryTemplateRows();
  return useMemo(() => {
    const seen = new Set<string>();
    // The follow-up of an event's implementation plans is started from the event, never on its own.
    const shipped = shippedTemplates
      .filter((t) => t.id !== PLAN_FOLLOWUP_TEMPLATE)
      .map((t) => {
        const older = seen.has(t.id);
        seen.add(t.id);
        return {
          key: templateKey(t.id, t.version),
          id: t.id,
          version: t.version,
          title: t.title,
          imported: false,
          ...(older ? { older } : {}),
        };
      });
    const imported = (rows ?? [])
      .filter((r) => !findShippedTemplate(r.templateId, r.version))
      .map((r) => ({
        key: templateKey(r.templateId, r.version),
        id: r.templateId,
        version: r.version,
        title: r.title,
        imported: true,
      }));
    const known = new Set([...shipped, ...imported].map((c) => c.key));
    const published = (libraryRows ?? [])
      .map((r) => ({
        key: templateKey(r.templateId, r.version),
        id: r.templateId,
        version: r.version,
        title: r.title,
        imported: true,
        published: true,
      }))
      .filter((c) => !known.has(c.key));
    return [...shipped, ...published, ...imported];
  }, [rows, libraryRows]);
}

export type TemplateState =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; template: Template };

export function useTemplate(id: string | undefined, version: string | undefined): TemplateState {
  const { repository } = useWorkspace().workspace;
  const shipped = id && version ? findShippedTemplate(id, version) : undefined;
  const wanted = id && version ? `${id}@${version}` : '';
  const [fetched, setFetched] = useState<{ key: string; state: TemplateState }>({
    key: '',
    state: { kind: 'loading' },
  });
  useEffect(() => {
    if (!id || !version || shipped) return;
    let live = true;
    const key = `${id}@${version}`;
    repository.getTemplate(id, version).then(
      (template) =>
        live && setFetched({ key, state: template ? { kind: 'ready', template } : { kind: 'missing' } }),
      (error: unknown) =>
        live && setFetched({ key, state: { kind: 'error', message: toErrorData(error).message } }),
    );
    return () => {
      live = false;
    };
  }, [repository, id, version, shipped]);
  if (shipped) return { kind: 'ready', template: shipped };
  return fetched.key === wanted && wanted ? fetched.state : { kind: 'loading' };
}
