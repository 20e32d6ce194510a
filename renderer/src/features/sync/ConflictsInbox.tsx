import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toErrorData } from '@shared/errors';
import type { InboxItem } from '../../data/sync/conflicts';
import { useSyncStore } from '../../app/sync-store';
import { when } from './describe';

function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (Array.isArray(value)) return value.map(show).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function fieldName(field: string): string {
  return field.startsWith('answers.') ? field.slice('answers.'.length) : field;
}

function Item({ item }: { item: InboxItem }) {
  const { t } = useTranslation();
  const session = useSyncStore((s) => s.session);
  const [choices, setChoices] = useState<Record<string, number>>({});
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const complete = item.conflicts.every((c) => choices[c.field] !== undefined);

  const keep = async () => {
    if (!session) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const chosen = Object.fromEntries(
        item.conflicts.map((c) => [c.field, c.options[choices[c.field] ?? 0]?.value]),
      );
      await session.choose(item.id, chosen);
    } catch (error) {
      setProblem(toErrorData(error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="conflict">
      <h3>
        <code>{item.id}</code>
      </h3>
      {item.conflicts.map((conflict) => (
        <fieldset key={conflict.field}>
          <legend>{t('sync.conflicts.field', { field: fieldName(conflict.field) })}</legend>
          {conflict.options.map((option, index) => (
            <label className="radio" key={`${option.rev}-${index}`}>
              <input
                type="radio"
                name={`${item.id}-${conflict.field}`}
                checked={choices[conflict.field] === index}
                onChange={() => setChoices((c) => ({ ...c, [conflict.field]: index }))}
              />{' '}
              <strong>{show(option.value)}</strong>{' '}
              {option.by || option.at
                ? t('sync.conflicts.byAt', { by: option.by ?? '?', at: when(option.at) })
                : null}
            </label>
          ))}
        </fieldset>
      ))}
      <button type="button" onClick={() => void keep()} disabled={!complete || busy}>
        {t('sync.conflicts.keep')}
      </button>
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
    </li>
  );
}

/** Edits of the same answer on two computers: both values, who and when; a person chooses. */
export function ConflictsInbox() {
  const { t } = useTranslation();
  const inbox = useSyncStore((s) => s.state.status.inbox);
  if (inbox.length === 0) return null;
  return (
    <section aria-labelledby="conflicts-title" data-testid="conflicts-inbox">
      <h2 id="conflicts-title">{t('sync.conflicts.title', { count: inbox.length })}</h2>
      <p>{t('sync.conflicts.explain')}</p>
      <ul className="conflicts">
        {inbox.map((item) => (
          <Item key={item.id} item={item} />
        ))}
      </ul>
    </section>
  );
}
