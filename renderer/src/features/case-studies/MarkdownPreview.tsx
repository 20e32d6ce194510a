import { useDeferredValue, useMemo } from 'react';
import { renderMarkdown } from './markdown';

/** Markdown shown as it will read, sanitised (./markdown.ts). */
export function MarkdownPreview({ text, label, id }: { text: string; label: string; id?: string }) {
  const deferred = useDeferredValue(text);
  const html = useMemo(() => renderMarkdown(deferred), [deferred]);
  return (
    <div
      className="markdown"
      id={id}
      role="region"
      aria-label={label}
      // Sanitised by DOMPurify in renderMarkdown: no script, handler or javascript: link gets through.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
