/**
 * Turns a chosen or pasted file into a photo the story may store: decoded on this device,
 * scaled to at most 1600 px on its longest side, and re-encoded as JPEG until it weighs at
 * most 300 KB (the plan and limits are shared/case-studies/photos.ts). Re-encoding keeps
 * pixels only, so EXIF — the camera, the time and the GPS location — is dropped. The
 * photo is turned upright first (`imageOrientation: 'from-image'`), since the orientation
 * tag goes with the rest of EXIF.
 */
import {
  checkDecodedSize,
  checkPhotoFile,
  encodePlan,
  STORED_PHOTO_TYPE,
  withinTarget,
} from '@shared/case-studies/photos';

export interface PreparedPhoto {
  blob: Blob;
  width: number;
  height: number;
  bytes: number;
  /** The original's size, for the message that says what was saved. */
  originalBytes: number;
  originalWidth: number;
  originalHeight: number;
}

export type PrepareResult = { ok: true; photo: PreparedPhoto } | { ok: false; reason: string };

type Canvas2d = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

function makeCanvas(
  width: number,
  height: number,
): {
  context: Canvas2d;
  encode(quality: number): Promise<Blob>;
} {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This computer cannot draw images (no 2D canvas).');
    return { context, encode: (quality) => canvas.convertToBlob({ type: STORED_PHOTO_TYPE, quality }) };
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This computer cannot draw images (no 2D canvas).');
  return {
    context,
    encode: (quality) =>
      new Promise((resolve, reject) =>
        canvas.toBlob(
          (blob) => (blob ? resolve(blob) : reject(new Error('The photo could not be encoded.'))),
          STORED_PHOTO_TYPE,
          quality,
        ),
      ),
  };
}

export async function preparePhoto(file: Blob, name: string): Promise<PrepareResult> {
  const label = name || 'The pasted image';
  const check = checkPhotoFile({ name, type: file.type, size: file.size });
  if (!check.ok) return check;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return {
      ok: false,
      reason: `${label} could not be read as an image: the file may be damaged, or not really a ${check.type.replace('image/', '').toUpperCase()}. Nothing was stored.`,
    };
  }
  try {
    const tooBig = checkDecodedSize(label, bitmap.width, bitmap.height);
    if (tooBig) return { ok: false, reason: tooBig };
    let best: { blob: Blob; width: number; height: number } | undefined;
    let drawn: { width: number; height: number; canvas: ReturnType<typeof makeCanvas> } | undefined;
    for (const attempt of encodePlan(bitmap.width, bitmap.height)) {
      if (!drawn || drawn.width !== attempt.width || drawn.height !== attempt.height) {
        const canvas = makeCanvas(attempt.width, attempt.height);
        // JPEG has no transparency: transparent parts become white, not black.
        canvas.context.fillStyle = '#fff';
        canvas.context.fillRect(0, 0, attempt.width, attempt.height);
        canvas.context.imageSmoothingQuality = 'high';
        canvas.context.drawImage(bitmap, 0, 0, attempt.width, attempt.height);
        drawn = { width: attempt.width, height: attempt.height, canvas };
      }
      const blob = await drawn.canvas.encode(attempt.quality);
      if (!best || blob.size < best.blob.size) best = { blob, width: attempt.width, height: attempt.height };
      if (withinTarget(blob.size)) break;
    }
    if (!best) return { ok: false, reason: `${label} could not be encoded.` };
    return {
      ok: true,
      photo: {
        blob: best.blob,
        width: best.width,
        height: best.height,
        bytes: best.blob.size,
        originalBytes: file.size,
        originalWidth: bitmap.width,
        originalHeight: bitmap.height,
      },
    };
  } finally {
    bitmap.close();
  }
}
