/**
 * Photos sized for slow links: the limits and the arithmetic, with no DOM, so they are
 * tested here and the renderer's canvas code only carries them out.
 *
 * A photo is decoded on the device, scaled so its longest side is at most 1600 px, and
 * re-encoded as JPEG at falling quality (and, if still too heavy, smaller) until it is at
 * most 300 KB. Re-encoding writes pixels only, so EXIF (camera, time and GPS location)
 * never reaches the stored photo. A story warns before it grows past 2 MB, which is over a
 * minute at 256 kbit/s.
 */

export const PHOTO_LIMITS = {
  /** Longest side of a stored photo, in pixels. */
  maxSide: 1600,
  /** What a stored photo should weigh at most. */
  targetBytes: 300 * 1024,
  /** Files larger than this are refused before they are read (a 50-megapixel JPEG is about 25 MB). */
  maxInputBytes: 40 * 1024 * 1024,
  /** Images with more pixels than this are refused after decoding (memory on old laptops). */
  maxInputPixels: 80_000_000,
  /** The smallest longest side the encoder goes down to while looking for the target size. */
  minSide: 640,
  /** Photos per story. */
  maxPhotos: 12,
  /** A story over this size (text and photos) warns before a photo is added, so before it syncs. */
  storyWarnBytes: 2 * 1024 * 1024,
  /** JPEG qualities tried in turn at each size. */
  qualities: [0.82, 0.72, 0.62, 0.52] as readonly number[],
} as const;

/** What the app stores photos as. */
export const STORED_PHOTO_TYPE = 'image/jpeg';

/** Types a browser decodes everywhere we run; anything else is refused by name. */
export const ACCEPTED_PHOTO_TYPES: Readonly<Record<string, string>> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'image/gif': 'GIF',
  'image/bmp': 'BMP',
};

const EXTENSION_TYPES: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jfif: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  bmp: 'image/bmp',
};

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export type PhotoRefusal = { ok: true; type: string } | { ok: false; reason: string };

/**
 * Whether a chosen or pasted file may be read as a photo, judged by its declared type (or
 * its extension when the system gives none) and its size, before a byte is decoded.
 */
export function checkPhotoFile(file: { name: string; type: string; size: number }): PhotoRefusal {
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  const type = file.type || EXTENSION_TYPES[extension] || '';
  const label = file.name || 'The pasted item';
  if (!type.startsWith('image/')) {
    return {
      ok: false,
      reason: `${label} is not a photo (${type || (extension ? `.${extension} file` : 'unknown type')}). Choose a JPEG, PNG, WebP, GIF or BMP image.`,
    };
  }
  if (!Object.hasOwn(ACCEPTED_PHOTO_TYPES, type)) {
    const kind = type.replace('image/', '').toUpperCase();
    return {
      ok: false,
      reason: `${label} is a ${kind} image, which cannot be read here. Save it as JPEG or PNG first (most photo viewers can), then add it.`,
    };
  }
  if (file.size === 0) return { ok: false, reason: `${label} is empty (0 bytes).` };
  if (file.size > PHOTO_LIMITS.maxInputBytes) {
    return {
      ok: false,
      reason: `${label} is ${formatBytes(file.size)}; photos over ${formatBytes(PHOTO_LIMITS.maxInputBytes)} are not read. Is it a photo, or a scan or video? Export a smaller copy and add that.`,
    };
  }
  return { ok: true, type };
}

/** Refusal after decoding, when the picture itself is too large to handle safely. */
export function checkDecodedSize(name: string, width: number, height: number): string | undefined {
  if (width < 1 || height < 1) return `${name} has no pixels to show.`;
  if (width * height > PHOTO_LIMITS.maxInputPixels) {
    return `${name} is ${width} × ${height} pixels (${Math.round((width * height) / 1e6)} megapixels); pictures over ${PHOTO_LIMITS.maxInputPixels / 1e6} megapixels are not read. Export a smaller copy and add that.`;
  }
  return undefined;
}

/** Scales (width, height) so the longest side is at most `maxSide`, never enlarging. */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  const longest = Math.max(width, height);
  if (longest <= maxSide) return { width, height };
  const scale = maxSide / longest;
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

export interface EncodeAttempt {
  width: number;
  height: number;
  quality: number;
}

/**
 * The encodings to try, in order, for a picture of (width, height): every quality at the
 * fitted size, then at 80 % of that size, and so on down to `minSide`. The encoder keeps
 * the first result within the target; if none is, the smallest one.
 */
export function encodePlan(width: number, height: number): EncodeAttempt[] {
  const attempts: EncodeAttempt[] = [];
  let size = fitWithin(width, height, PHOTO_LIMITS.maxSide);
  for (;;) {
    for (const quality of PHOTO_LIMITS.qualities) attempts.push({ ...size, quality });
    const longest = Math.max(size.width, size.height);
    if (longest <= PHOTO_LIMITS.minSide) return attempts;
    size = fitWithin(size.width, size.height, Math.max(PHOTO_LIMITS.minSide, Math.floor(longest * 0.8)));
  }
}

/** True when an encoded photo may be stored as it is. */
export function withinTarget(bytes: number): boolean {
  return bytes <= PHOTO_LIMITS.targetBytes;
}

/** Bytes of a string as UTF-8 (what its JSON costs on the wire), without TextEncoder. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

export interface StorySize {
  /** The document's JSON without attachments. */
  textBytes: number;
  photoBytes: number;
  photoCount: number;
  total: number;
  /** Seconds to send it once over a 256 kbit/s link (payload only). */
  secondsAtSlowLink: number;
  overLimit: boolean;
}

/** The bytes sync will move for a story: its JSON and its photos (JPEG does not compress further). */
export function storySize(textBytes: number, photoBytes: readonly number[]): StorySize {
  const photos = photoBytes.reduce((sum, b) => sum + b, 0);
  const total = textBytes + photos;
  return {
    textBytes,
    photoBytes: photos,
    photoCount: photoBytes.length,
    total,
    secondsAtSlowLink: Math.ceil((total * 8) / 256_000),
    overLimit: total > PHOTO_LIMITS.storyWarnBytes,
  };
}

/** Whether one more photo may be added, and if so whether it pushes the story over the warning size. */
export function checkAddPhoto(
  current: StorySize,
  addedBytes: number,
): { ok: false; reason: string } | { ok: true; warning?: string } {
  if (current.photoCount >= PHOTO_LIMITS.maxPhotos) {
    return {
      ok: false,
      reason: `A story holds at most ${PHOTO_LIMITS.maxPhotos} photos. Remove one before adding another.`,
    };
  }
  const after = storySize(current.textBytes, [current.photoBytes, addedBytes]);
  if (after.overLimit) {
    return {
      ok: true,
      warning: `With this photo the story weighs ${formatBytes(after.total)}, over ${formatBytes(PHOTO_LIMITS.storyWarnBytes)}: every computer that syncs it pays for it, about ${after.secondsAtSlowLink} s at 256 kbit/s. Add it anyway?`,
    };
  }
  return { ok: true };
}

/** The attachment name of a photo: unique within the story, and what the Markdown export calls its file. */
export function photoName(id: string): string {
  return `photo-${id}.jpg`;
}

export const PHOTO_NAME_PATTERN = /^photo-[a-z0-9-]{1,64}\.jpg$/;
