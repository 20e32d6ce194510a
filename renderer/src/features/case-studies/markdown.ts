/**
 * Markdown to HTML for the live preview and the story view. Whatever the text holds —
 * typed, pasted, or synced from another computer — passes through DOMPurify before it
 * reaches the DOM: no script, no event handler attribute, no `javascript:` (or any other
 * non-web) link, no forms, frames or embedded media. Remote images are dropped too: the
 * app loads no remote content, and a story's photos are its attachments. Links open
 * outside the app (a new tab in the browser; the desktop app refuses new windows).
 */
import DOMPurify from 'dompurify';
import { Marked } from 'marked';

const markdown = new Marked({ gfm: true, breaks: false, async: false });

const SAFE_URL = /^(?:https?:|mailto:|#)/i;

const purifier = DOMPurify();
purifier.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    const href = node.getAttribute('href') ?? '';
    if (!SAFE_URL.test(href.trim())) node.removeAttribute('href');
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

const OPTIONS = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: [
    'img',
    'picture',
    'video',
    'audio',
    'source',
    'track',
    'iframe',
    'form',
    'input',
    'button',
    'textarea',
    'select',
    'style',
    'link',
    'meta',
    'base',
    'svg',
    'math',
  ],
  FORBID_ATTR: ['style', 'srcset', 'action', 'formaction'],
  ALLOWED_URI_REGEXP: SAFE_URL,
  ALLOW_DATA_ATTR: false,
};

/** Safe HTML for a Markdown text. */
export function renderMarkdown(text: string): string {
  const html = markdown.parse(text) as string;
  return purifier.sanitize(html, OPTIONS);
}
