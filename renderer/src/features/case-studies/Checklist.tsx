/** Which parts of the story are missing, thin or long, against the suggested lengths. */
import { useTranslation } from 'react-i18next';
import { storyChecklist, TEXT_SECTIONS, type StoryContent } from '@shared/case-studies/sections';

const WORDS = new Set<string>(['title', ...TEXT_SECTIONS]);

export function Checklist({ content }: { content: StoryContent }) {
  const { t } = useTranslation();
  const items = storyChecklist(content);
  const todo = items.filter((i) => i.state !== 'ok').length;
  return (
    <section className="checklist" aria-labelledby="checklist-title" data-testid="checklist">
      <h2 id="checklist-title">{t('caseStudies.checklist.title')}</h2>
      <p className="hint">
        {todo === 0 ? t('caseStudies.checklist.allGood') : t('caseStudies.checklist.todo', { count: todo })}
      </p>
      <ul>
        {items.map((item) => (
          <li key={item.key} className={`check check-${item.state}`} data-testid={`check-${item.key}`}>
            <span className="check-mark" aria-hidden="true">
              {item.state === 'ok' ? '✓' : item.state === 'missing' ? '○' : '◐'}
            </span>{' '}
            <span>{t(`caseStudies.parts.${item.key}`)}</span>{' '}
            <span className="check-state">
              {t(
                WORDS.has(item.key)
                  ? `caseStudies.checklist.words.${item.state}`
                  : `caseStudies.checklist.entries.${item.state}`,
                { count: item.count, min: item.min, max: item.max ?? 0 },
              )}
              {item.essential && item.state === 'missing' ? ` · ${t('caseStudies.checklist.essential')}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
