/**
 * Checks an .xlsx file's bytes before any spreadsheet library parses them, because we
 * read workbooks that come from other institutes by e-mail: a file far too large, a zip
 * that unpacks to far more than its size (a "zip bomb"), or a sheet with an absurd number
 * of rows is refused with a sentence, and nothing is held in memory beyond one chunk.
 *
 * The archive is streamed through fflate: every entry is really inflated and counted, so
 * sizes that the zip's own directory misstates cannot slip past, and the pass stops at
 * the first limit crossed.
 */
import { strFromU8, Unzip, UnzipInflate, type UnzipFile } from 'fflate';

export interface WorkbookLimits {
  /** Largest file accepted. */
  maxFileBytes: number;
  /** Largest total of the unpacked entries. */
  maxUnpackedBytes: number;
  /** Largest unpacked size as a multiple of the file size (for files over 1 MB unpacked). */
  maxRatio: number;
  /** Most rows in one sheet. */
  maxRowsPerSheet: number;
}

/**
 * A return is a few hundred kilobytes; a consolidated return of a hundred institutes a few
 * megabytes. These bounds leave room for both and keep an old laptop's memory safe while
 * ExcelJS builds its model (about a kilobyte per cell).
 */
export const RETURN_LIMITS: WorkbookLimits = {
  maxFileBytes: 10 * 1024 * 1024,
  maxUnpackedBytes: 40 * 1024 * 1024,
  maxRatio: 100,
  maxRowsPerSheet: 10_000,
};

export type GuardResult = { ok: true } | { ok: false; message: string; fix: string };

const CHUNK = 64 * 1024;
/** Small entries read whole to map worksheet files to the sheet names people see. */
const NAME_FILES = new Set(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels']);
const ROW_TAG = [0x3c, 0x72, 0x6f, 0x77]; // "<row"

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Counts `<row ` and `<row>` tags in a stream of bytes, across chunk boundaries. */
class RowCounter {
  count = 0;
  private tail = new Uint8Array(0);

  push(chunk: Uint8Array): void {
    const data = new Uint8Array(this.tail.length + chunk.length);
    data.set(this.tail);
    data.set(chunk, this.tail.length);
    const last = data.length - ROW_TAG.length;
    for (let i = 0; i < last; i++) {
      if (
        data[i] === 0x3c &&
        data[i + 1] === ROW_TAG[1] &&
        data[i + 2] === ROW_TAG[2] &&
        data[i + 3] === ROW_TAG[3]
      ) {
        const next = data[i + 4];
        if (next === 0x20 || next === 0x3e || next === 0x09 || next === 0x0a || next === 0x0d) this.count++;
      }
    }
    this.tail = data.slice(Math.max(0, last));
  }
}

/** `xl/worksheets/sheet3.xml` → the name on its tab, from the workbook and its relationships. */
function sheetNames(workbookXml: string, relsXml: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const match of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(match[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(match[0])?.[1];
    if (id && target) targets.set(id, target.replace(/^\/?(xl\/)?/, 'xl/'));
  }
  const names = new Map<string, string>();
  for (const match of workbookXml.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(match[0])?.[1];
    const id = /\br:id="([^"]+)"/.exec(match[0])?.[1];
    const target = id ? targets.get(id) : undefined;
    if (name !== undefined && target) names.set(target, unescapeXml(name));
  }
  return names;
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * Streams the archive once and says whether it may be opened. `what` names the file in
 * messages ("The return", "The form").
 */
export function guardWorkbook(
  bytes: Uint8Array,
  limits: WorkbookLimits = RETURN_LIMITS,
  what = 'The workbook',
): GuardResult {
  if (bytes.length > limits.maxFileBytes) {
    return {
      ok: false,
      message: `${what} is ${megabytes(bytes.length)}; files over ${megabytes(limits.maxFileBytes)} are not read.`,
      fix: 'Check that this is the right file. A return is usually well under 1 MB.',
    };
  }
  const maxUnpacked = Math.min(
    limits.maxUnpackedBytes,
    Math.max(1024 * 1024, bytes.length * limits.maxRatio),
  );
  let unpacked = 0;
  let stop: GuardResult | undefined;
  const rows = new Map<string, RowCounter>();
  const small = new Map<string, Uint8Array[]>();
  let damaged: string | undefined;
  let tooManyRows = false;

  const unzip = new Unzip((file: UnzipFile) => {
    const isSheet = /^xl\/worksheets\/[^/]+\.xml$/.test(file.name);
    const counter = isSheet ? new RowCounter() : undefined;
    if (counter) rows.set(file.name, counter);
    const keep: Uint8Array[] | undefined = NAME_FILES.has(file.name) ? [] : undefined;
    if (keep) small.set(file.name, keep);
    let keptBytes = 0;
    file.ondata = (error, chunk) => {
      if (error) {
        damaged ??= error.message;
        return;
      }
      unpacked += chunk.length;
      counter?.push(chunk);
      if (keep && keptBytes < 1024 * 1024) {
        keep.push(chunk);
        keptBytes += chunk.length;
      }
      if (unpacked > maxUnpacked && !stop) {
        stop = {
          ok: false,
          message: `${what} unpacks to more than ${megabytes(maxUnpacked)} from a file of ${megabytes(bytes.length)}: far more than a spreadsheet of this size holds.`,
          fix: 'It may be damaged or built to exhaust memory. Ask the sender to save it again from Excel or LibreOffice.',
        };
      }
      if (counter && counter.count > limits.maxRowsPerSheet) tooManyRows = true;
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length && !stop && !tooManyRows && !damaged; at += CHUNK) {
      const end = Math.min(at + CHUNK, bytes.length);
      unzip.push(bytes.subarray(at, end), end === bytes.length);
    }
  } catch (error) {
    damaged ??= error instanceof Error ? error.message : String(error);
  }
  if (stop) return stop;
  const tooLong = [...rows].find(([, counter]) => counter.count > limits.maxRowsPerSheet);
  if (tooLong) {
    const joined = (name: string) => strFromU8(concat(small.get(name) ?? []));
    const names = sheetNames(joined('xl/workbook.xml'), joined('xl/_rels/workbook.xml.rels'));
    const name = names.get(tooLong[0]);
    return {
      ok: false,
      message: `${name === undefined ? `A sheet (${tooLong[0]})` : `The sheet "${name}"`} has more than ${limits.maxRowsPerSheet.toLocaleString('en')} rows; no return is that long.`,
      fix: 'Delete the empty or extra rows (or the sheet) and save the workbook again.',
    };
  }
  if (damaged) {
    return {
      ok: false,
      message: `${what} could not be read as an Excel workbook: it may be damaged or cut short (${damaged}).`,
      fix: 'Open it in Excel or LibreOffice, check it, and save it again as .xlsx.',
    };
  }
  return { ok: true };
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
