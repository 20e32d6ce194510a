import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  isAppUrl,
  isSafeExternalUrl,
  secureWebPreferences,
  shouldAllowNavigation,
} from '../../../electron/security';

// URLs that look like, contain or smuggle the app origin without being it.
const NOT_APP_URLS: unknown[] = [
  'app://workbench.evil.com/',
  'app://evil/',
  'app://evil/workbench/',
  'app://workbench@evil.com/',
  'app://evil.com@workbench/',
  'app://user:pass@workbench/',
  'app://workbench:8080/',
  'app:workbench/index.html',
  'app:///workbench/index.html',
  'apps://workbench/',
  'http://workbench/',
  'https://workbench/',
  'https://evil.example/?next=app://workbench/',
  'file:///etc/passwd',
  'file://workbench/index.html',
  'javascript:alert(1)',
  'javascript://workbench/%0aalert(1)',
  'data:text/html,<script>alert(1)</script>',
  'blob:app://workbench/1234',
  ' app://evil/',
  'workbench',
  '',
  42,
  null,
  undefined,
  {},
  { toString: () => 'app://workbench/' },
  ['app://workbench/'],
];

describe('isAppUrl', () => {
  it.each([
    'app://workbench/',
    'app://workbench/index.html',
    'app://workbench/#/settings',
    'APP://WORKBENCH/x',
  ])('accepts the app origin: %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });

  it.each(NOT_APP_URLS)('rejects %j', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

describe('shouldAllowNavigation', () => {
  it('allows moves within the app, including hash routes', () => {
    expect(shouldAllowNavigation('app://workbench/#/settings')).toBe(true);
    expect(shouldAllowNavigation('app://workbench/index.html')).toBe(true);
  });

  it.each(NOT_APP_URLS)('blocks %j', (url) => {
    expect(shouldAllowNavigation(url)).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it.each(['https://www.bipm.org/kcdb/', 'https://example.org/path?q=1#x'])('accepts https: %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each([
    'http://example.org/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,hi',
    'app://workbench/',
    'smb://server/share',
    'ms-msdt:/id',
    'https://user:pass@example.org/',
    'https//example.org',
    '//example.org',
    '',
    42,
    null,
    undefined,
    {},
  ])('rejects %j', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')] as const;
    }),
  );

  it.each([
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self' 'unsafe-inline'"],
    ['img-src', "'self' data: blob:"],
    ['font-src', "'self'"],
    ['connect-src', "'self' http: https:"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ])('sets %s to %s', (name, value) => {
    expect(directives.get(name)).toBe(value);
  });

  it('never allows inline or evaluated scripts', () => {
    expect(directives.get('script-src')).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('lets plain http reach sync requests only, never scripts, styles, frames or objects', () => {
    // allowRunningInsecureContent is on for a plain-http LAN hub; this is what bounds it.
    const withHttp = [...directives].filter(([, value]) => /http:|\*/.test(value)).map(([name]) => name);
    expect(withHttp).toEqual(['connect-src']);
    expect(directives.has('frame-src')).toBe(false); // so frames fall back to default-src 'self'
  });
});

describe('secureWebPreferences', () => {
  const preferences: Record<string, unknown> = { ...secureWebPreferences('/app/dist/electron/preload.cjs') };

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', true], // a plain-http LAN hub; the CSP keeps scripts to 'self'
    ['webviewTag', false],
    ['experimentalFeatures', false],
    ['navigateOnDragDrop', false],
    ['spellcheck', true],
    ['preload', '/app/dist/electron/preload.cjs'],
  ])('sets %s to %j', (key, value) => {
    expect(preferences).toHaveProperty(key, value);
  });
});
