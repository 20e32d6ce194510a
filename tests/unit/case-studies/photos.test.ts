import { describe, expect, it } from 'vitest';
import {
  checkAddPhoto,
  checkDecodedSize,
  checkPhotoFile,
  encodePlan,
  fitWithin,
  PHOTO_LIMITS,
  storySize,
  utf8Length,
  withinTarget,
} from '../../../shared/case-studies/photos';

const MB = 1024 * 1024;

describe('which files may become photos', () => {
  it.each([
    ['a JPEG', { name: 'mill.jpg', type: 'image/jpeg', size: 4 * MB }],
    ['a PNG', { name: 'lab.png', type: 'image/png', size: 900_000 }],
    ['a WebP pasted with no name', { name: '', type: 'image/webp', size: 50_000 }],
    ['a JPEG whose system gives no type', { name: 'IMG_0042.JPG', type: '', size: 3 * MB }],
  ])('accepts %s', (_label, file) => {
    expect(checkPhotoFile(file).ok).toBe(true);
  });

  it.each([
    [
      'a text file',
      { name: 'notes.txt', type: 'text/plain', size: 300 },
      'notes.txt is not a photo (text/plain)',
    ],
    ['a PDF', { name: 'report.pdf', type: 'application/pdf', size: 300_000 }, 'is not a photo'],
    [
      'a file with no type or known extension',
      { name: 'data.bin', type: '', size: 10 },
      'is not a photo (.bin file)',
    ],
    [
      'a HEIC photo',
      { name: 'IMG_1.heic', type: 'image/heic', size: 2 * MB },
      'is a HEIC image, which cannot be read here',
    ],
    ['an SVG drawing', { name: 'logo.svg', type: 'image/svg+xml', size: 2000 }, 'cannot be read here'],
    ['an empty file', { name: 'empty.jpg', type: 'image/jpeg', size: 0 }, 'empty.jpg is empty'],
    [
      'a huge file',
      { name: 'scan.tif.jpg', type: 'image/jpeg', size: 41 * MB },
      'scan.tif.jpg is 41.0 MB; photos over 40.0 MB are not read',
    ],
  ])('refuses %s with a reason', (_label, file, reason) => {
    const result = checkPhotoFile(file);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('refuses pictures with too many pixels once decoded, and empty ones', () => {
    expect(checkDecodedSize('pano.jpg', 12_000, 8_000)).toContain('12000 × 8000 pixels (96 megapixels)');
    expect(checkDecodedSize('pano.jpg', 8_000, 6_000)).toBeUndefined();
    expect(checkDecodedSize('x.png', 0, 10)).toContain('no pixels');
  });
});

describe('resizing', () => {
  it('brings the longest side to 1600 px, keeping the shape, and never enlarges', () => {
    expect(fitWithin(4000, 3000, 1600)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3000, 4000, 1600)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(1600, 900, 1600)).toEqual({ width: 1600, height: 900 });
    expect(fitWithin(800, 600, 1600)).toEqual({ width: 800, height: 600 });
    expect(fitWithin(10_000, 3, 1600)).toEqual({ width: 1600, height: 1 });
  });

  it('tries every quality at 1600 px first, then smaller sizes down to 640 px, never larger than 1600', () => {
    const plan = encodePlan(6000, 4000);
    expect(plan.slice(0, 4)).toEqual(
      PHOTO_LIMITS.qualities.map((quality) => ({ width: 1600, height: 1067, quality })),
    );
    expect(plan[4]).toEqual({ width: 1280, height: 854, quality: PHOTO_LIMITS.qualities[0] });
    for (const step of plan)
      expect(Math.max(step.width, step.height)).toBeLessThanOrEqual(PHOTO_LIMITS.maxSide);
    const last = plan.at(-1) ?? { width: 0, height: 0 };
    expect(Math.max(last.width, last.height)).toBe(PHOTO_LIMITS.minSide);
    const qualities = plan.map((p) => p.quality);
    expect(Math.min(...qualities)).toBeGreaterThan(0.5);
  });

  it('keeps a small picture its size, only trying lower qualities', () => {
    expect(encodePlan(500, 400)).toEqual(
      PHOTO_LIMITS.qualities.map((quality) => ({ width: 500, height: 400, quality })),
    );
  });

  it('aims at 300 KB a photo', () => {
    expect(withinTarget(300 * 1024)).toBe(true);
    expect(withinTarget(300 * 1024 + 1)).toBe(false);
  });
});

describe('what a story costs to sync', () => {
  it('adds text and photos and says how long 256 kbit/s takes', () => {
    const size = storySize(12_000, [280_000, 250_000]);
    expect(size).toEqual({
      textBytes: 12_000,
      photoBytes: 530_000,
      photoCount: 2,
      total: 542_000,
      secondsAtSlowLink: 17,
      overLimit: false,
    });
  });

  it('warns before a photo takes the story over 2 MB, and refuses a 13th photo', () => {
    const six = storySize(10_000, Array(6).fill(290_000));
    expect(checkAddPhoto(six, 200_000)).toEqual({ ok: true });
    const seven = storySize(10_000, Array(7).fill(290_000));
    const warned = checkAddPhoto(seven, 290_000);
    expect(warned.ok && warned.warning).toMatch(
      /^With this photo the story weighs 2\.2 MB, over 2\.0 MB: .* about 73 s at 256 kbit\/s\. Add it anyway\?$/,
    );
    const twelve = storySize(10_000, Array(12).fill(20_000));
    expect(checkAddPhoto(twelve, 20_000)).toEqual({
      ok: false,
      reason: 'A story holds at most 12 photos. Remove one before adding another.',
    });
  });

  it('counts text as UTF-8 bytes', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('€')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
    expect(utf8Length('Việt Nam')).toBe(new TextEncoder().encode('Việt Nam').length);
  });
});
