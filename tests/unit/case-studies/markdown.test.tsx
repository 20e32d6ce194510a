// @vitest-environment jsdom
/**
 * Markdown from anyone — typed, pasted, or synced from another computer — never runs
 * script in the app: the preview and the story view put only sanitised HTML in the DOM.
 */
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../renderer/src/features/case-studies/markdown';
import { MarkdownPreview } from '../../../renderer/src/features/case-studies/MarkdownPreview';

afterEach(cleanup);

const HOSTILE = [
  '<script>window.__pwned = 1</script>',
  '<img src="x" onerror="window.__pwned = 2">',
  '<p onclick="window.__pwned = 3" onmouseover="window.__pwned = 4">hover me</p>',
  '[click me](javascript:window.__pwned=5)',
  '[also](JaVaScRiPt:alert(1))',
  '[spaced]( javascript:alert(1))',
  '<a href="javascript:alert(1)">raw link</a>',
  '<a href="&#106;avascript:alert(1)">encoded link</a>',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<svg><script>alert(1)</script><circle onload="alert(1)"/></svg>',
  '<iframe src="https://example.org"></iframe>',
  '<form action="https://evil.example"><input name="q"><button>Go</button></form>',
  '<div style="background:url(javascript:alert(1))">styled</div>',
  '![tracker](https://evil.example/pixel.png)',
  '<details open ontoggle="alert(1)"><summary>x</summary></details>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
].join('\n\n');

function container(markdown: string): HTMLElement {
  const { container: root } = render(<MarkdownPreview text={markdown} label="Preview" />);
  return root;
}

describe('the Markdown preview', () => {
  it('keeps ordinary Markdown: headings, emphasis, lists, tables and web links', () => {
    const root = container(
      '## Results\n\nCalibrations rose **fivefold**, *in a year*.\n\n- 42 mills\n- 3 days\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[APMP](https://www.apmpweb.org/)',
    );
    expect(root.querySelector('h2')?.textContent).toBe('Results');
    expect(root.querySelector('strong')?.textContent).toBe('fivefold');
    expect(root.querySelectorAll('li')).toHaveLength(2);
    expect(root.querySelector('table')).not.toBeNull();
    const link = root.querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://www.apmpweb.org/');
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link?.getAttribute('target')).toBe('_blank');
  });

  it('lets no script, event handler, javascript: link, frame, form or remote image reach the DOM', () => {
    const root = container(HOSTILE);
    expect(root.querySelectorAll('script, iframe, form, input, button, svg, math, img, style')).toHaveLength(
      0,
    );
    for (const element of root.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        expect(attribute.name.startsWith('on'), `${element.tagName} ${attribute.name}`).toBe(false);
        expect(attribute.name).not.toBe('style');
        expect(attribute.value.replace(/\s/g, '').toLowerCase()).not.toContain('javascript:');
      }
    }
    for (const link of root.querySelectorAll('a')) {
      const href = link.getAttribute('href');
      if (href !== null) expect(href).toMatch(/^(https?:|mailto:|#)/);
    }
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    // The words stay, so the author sees what was pasted.
    expect(root.textContent).toContain('hover me');
    expect(root.textContent).toContain('click me');
  });

  it('sanitises the HTML string itself, not only what React renders', () => {
    const html = renderMarkdown(HOSTILE);
    expect(html).not.toMatch(/<script|onerror|onclick|onload|ontoggle|javascript:|<iframe|<img/i);
  });
});
