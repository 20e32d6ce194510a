/** Two cycles of one questionnaire side by side, with the answers that changed marked. */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { AnswerValue, ResponseDoc } from '@shared/docs/response/schema';
import type { Template } from '@shared/forms/model';
import { inputFromValue, inputQuestions, pickText } from '@shared/forms/rules';
import { toErrorData } from '@shared/errors';
import { useWorkspace } from '../../app/workspace-context';
import { useResponseRows } from '../../data/hooks';
import { useTemplate } from './use-templates';
import { ScrollBox } from '../../app/ScrollBox';

interface Line {
  key: string;
  label: string;
  a: string;
  b: string;
  changed: boolean;
}

function shown(
  value: AnswerValue | undefined,
  template: Template,
  listName: string | undefined,
  language: string,
): string {
  if (value === undefined || value === null) return '';
  const list = listName ? template.choiceLists[listName] : undefined;
  const names = Array.isArray(value) ? value : list ? [String(value)] : null;
  if (list && names) {
    return names
      .map((n) => pickText(list.find((c) => c.name === n)?.label, template, language) || n)
      .join(', ');
  }
  return inputFromValue(value);
}

/** Rows for every answered question key in either cycle, in form order, repeat instances included. */
function compareLines(template: Template, a: ResponseDoc, b: ResponseDoc, language: string): Line[] {
  const lines: Line[] = [];
  for (const { item, repeats } of inputQuestions(template)) {
    const label = pickText(item.label, template, language) || item.name;
    const keys =
      repeats.length === 0
        ? [item.name]
        : [...new Set([...Object.keys(a.answers), ...Object.keys(b.answers)])]
            .filter((k) => k.endsWith(`/${item.name}`) && k.startsWith(`${repeats[0]?.name ?? ''}#`))
            .sort();
    for (const key of keys) {
      const va = shown(a.answers[key]?.value, template, item.listName, language);
      const vb = shown(b.answers[key]?.value, template, item.listName, language);
      if (!va && !vb && repeats.length > 0) continue;
      lines.push({ key, label, a: va, b: vb, changed: va !== vb });
    }
  }
  return lines;
}

export function ComparePage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const templateId = params.get('template') ?? '';
  const rows = useResponseRows();
  const { author } = useWorkspace().workspace;
  // One institute's cycles: this computer's own, or the one named (a secretariat's computer).
  const org = params.get('org') ?? author.org;
  const cycles = useMemo(
    () =>
      (rows ?? [])
        .filter((r) => r.templateId === templateId && r.org === org)
        .sort((x, y) => x.cycle - y.cycle),
    [rows, templateId, org],
  );
  const aId = params.get('a') ?? cycles.at(-2)?.id;
  const bId = params.get('b') ?? cycles.at(-1)?.id;
  const { repository } = useWorkspace().workspace;
  const [docs, setDocs] = useState<{ a?: ResponseDoc; b?: ResponseDoc; error?: string }>({});
  const [onlyChanged, setOnlyChanged] = useState(false);
  const first = cycles.find((c) => c.id === aId);
  const template = useTemplate(first?.templateId, first?.templateVersion);

  useEffect(() => {
    if (!aId || !bId) return;
    let live = true;
    Promise.all([repository.getResponse(aId), repository.getResponse(bId)]).then(
      ([a, b]) => live && setDocs({ ...(a ? { a } : {}), ...(b ? { b } : {}) }),
      (error: unknown) => live && setDocs({ error: toErrorData(error).message }),
    );
    return () => {
      live = false;
    };
  }, [repository, aId, bId]);

  const lines = useMemo(
    () =>
      template.kind === 'ready' && docs.a && docs.b
        ? compareLines(template.template, docs.a, docs.b, i18n.language)
        : [],
    [template, docs, i18n.language],
  );
  const changed = lines.filter((l) => l.changed).length;
  const pick = (which: 'a' | 'b', id: string) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      next.set(which, id);
      return next;
    });

  return (
    <section aria-labelledby="compare-title">
      <p>
        <Link to="/questionnaires">{t('editor.backToList')}</Link>
      </p>
      <h1 id="compare-title">{t('compare.title')}</h1>
      {cycles.length < 2 ? (
        <p>{t('compare.needTwo')}</p>
      ) : (
        <>
          <div className="inline-form">
            <div className="field">
              <label htmlFor="cycle-a">{t('compare.first')}</label>
              <select id="cycle-a" value={aId} onChange={(e) => pick('a', e.target.value)}>
                {cycles.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.cycle}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="cycle-b">{t('compare.second')}</label>
              <select id="cycle-b" value={bId} onChange={(e) => pick('b', e.target.value)}>
                {cycles.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.cycle}
                  </option>
                ))}
              </select>
            </div>
            <label className="choice">
              <input
                type="checkbox"
                checked={onlyChanged}
                onChange={(e) => setOnlyChanged(e.target.checked)}
              />{' '}
              {t('compare.onlyChanged')}
            </label>
          </div>
          {docs.error ? <p role="alert">{docs.error}</p> : null}
          {docs.a && docs.b ? (
            <>
              <p role="status" data-testid="compare-summary">
                {t('compare.summary', { count: changed, a: docs.a.cycle, b: docs.b.cycle })}
              </p>
              <ScrollBox>
                <table className="list compare" data-testid="compare-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('compare.question')}</th>
                      <th scope="col">{docs.a.cycle}</th>
                      <th scope="col">{docs.b.cycle}</th>
                      <th scope="col">
                        <span className="visually-hidden">{t('compare.changed')}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {lines
                      .filter((l) => !onlyChanged || l.changed)
                      .map((line) => (
                        <tr key={line.key} className={line.changed ? 'changed' : undefined}>
                          <th scope="row">{line.label}</th>
                          <td>{line.a || t('compare.empty')}</td>
                          <td>{line.b || t('compare.empty')}</td>
                          <td>{line.changed ? t('compare.changed') : ''}</td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              </ScrollBox>
            </>
          ) : null}
        </>
      )}
    </section>
  );
}
