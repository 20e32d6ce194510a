/**
 * Checks an .xlsx file's bytes before any spreadsheet library parses them, because we
 * read workbooks that come from other institutes by e-mail: a file far too large, a zip
 * that unpacks to far more than its size (a "zip bomb"), or a sheet with an absurd number
 * of rows is refused with a sentence, and nothing is held in memory beyond one chunk.
 *
 * The archive is streamed through fflate: every entry is really inflated and counted, so
 * sizes that the zip's own directory misstates cannot slip past, and the pass stops at
 * the first limit crossed. The compressed bytes go in small pieces (deflate expands a
 * piece at most about a thousand times), so the work done is bounded by the limit, not
 * by how far a bomb would unpack. Each entry's CRC-32 is checked against the zip's
 * central directory, as Excel and LibreOffice do: a single flipped bit is refused as a
 * damaged file instead of being read as a changed answer. Cells that point to shared
 * text the file does not hold are found here too, with their sheet and cell, before a
 * spreadsheet library trips over them.
 */
import { strFromU8, strToU8, Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { Crc32, readDirectory } from './zip-directory';

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

/**
 * Compressed bytes pushed at a time. Deflate expands a piece at most about 1,032 times,
 * so one push unpacks at most about 4 MB before the limits are looked at again.
 */
const CHUNK = 4 * 1024;
/** Small entries read whole to map worksheet files to the sheet names people see. */
const NAME_FILES = new Set(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels']);
const SHARED_STRINGS = 'xl/sharedStrings.xml';
const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;
const RESAVE = 'Open it in Excel or LibreOffice, check it, and save it again as .xlsx.';

function megabytes(bytes: number): string {
  return bytes < 100 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Counts `<row>`-like start tags (`<row `, `<row>`, `<si>` …) in a stream of bytes, across chunk boundaries. */
class TagCounter {
  count = 0;
  private tail = new Uint8Array(0);
  private readonly tag: Uint8Array;

  constructor(name: string) {
    this.tag = strToU8(`<${name}`);
  }

  push(chunk: Uint8Array): void {
    const { tag } = this;
    const data = this.tail.length > 0 ? concat([this.tail, chunk]) : chunk;
    // A tag is counted once the byte after its name is there; later ones wait in the tail.
    const last = data.length - tag.length;
    for (let i = data.indexOf(0x3c); i >= 0 && i < last; i = data.indexOf(0x3c, i + 1)) {
      let j = 1;
      while (j < tag.length && data[i + j] === tag[j]) j++;
      if (j < tag.length) continue;
      const next = data[i + tag.length];
      if (next === 0x20 || next === 0x3e || next === 0x09 || next === 0x0a || next === 0x0d) this.count++;
    }
    this.tail = data.slice(Math.max(0, last));
  }
}

/**
 * Finds the cells of a sheet that point into the shared text (`t="s"`): the highest
 * index and its cell, and the first value that is not an index at all. Only whole
 * `<c>…</c>` elements are read; the rest waits for the next chunk (at most 64 KB of it,
 * as no shared-text cell is that long).
 */
class SharedTextRefs {
  highest = -1;
  highestCell = '';
  notAnIndex: { cell: string; text: string } | undefined;
  private carry = '';

  push(chunk: Uint8Array): void {
    const text = this.carry + strFromU8(chunk, true);
    const end = text.lastIndexOf('</c>');
    const whole = end < 0 ? 0 : end + 4;
    this.scan(text.slice(0, whole));
    this.carry = text.slice(Math.max(whole, text.length - 64 * 1024));
  }

  private scan(xml: string): void {
    const open = /<c(?:\s[^>]*?)?(\/)?>/g;
    for (let match = open.exec(xml); match; match = open.exec(xml)) {
      if (match[1]) continue; // <c …/>: no value
      const close = xml.indexOf('</c>', open.lastIndex);
      if (close < 0) return;
      const attributes = match[0];
      const inner = xml.slice(open.lastIndex, close);
      open.lastIndex = close + 4;
      if (!/\st\s*=\s*["']s["']/.test(attributes)) continue;
      const cell = /\sr\s*=\s*["']([^"']*)["']/.exec(attributes)?.[1] ?? '';
      const value = /<v>([^<]*)<\/v>/.exec(inner)?.[1]?.trim() ?? '';
      if (!/^\d{1,9}$/.test(value)) {
        this.notAnIndex ??= { cell, text: value };
        continue;
      }
      const index = Number(value);
      if (index > this.highest) {
        this.highest = index;
        this.highestCell = cell;
      }
    }
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
  const cutShort = (reason: string): GuardResult => ({
    ok: false,
    message: `${what} could not be read as an Excel workbook: it may be damaged or cut short (${reason}).`,
    fix: RESAVE,
  });
  const directory = readDirectory(bytes);
  if (!directory.ok) return cutShort(directory.reason);
  const maxUnpacked = Math.min(
    limits.maxUnpackedBytes,
    Math.max(1024 * 1024, bytes.length * limits.maxRatio),
  );
  let unpacked = 0;
  let stop: GuardResult | undefined;
  const rows = new Map<string, TagCounter>();
  const refs = new Map<string, SharedTextRefs>();
  const sharedTexts = new TagCounter('si');
  const small = new Map<string, Uint8Array[]>();
  const seen = new Set<string>();
  /** The entry whose bytes do not match their checksum (or cannot be inflated). */
  let corrupt: string | undefined;
  let damaged: string | undefined;
  let tooManyRows = false;

  const unzip = new Unzip((file: UnzipFile) => {
    const listed = directory.entries.get(file.name);
    if (!listed || seen.has(file.name)) {
      damaged ??= `${file.name} is not in its list of contents`;
      return;
    }
    seen.add(file.name);
    const isSheet = WORKSHEET.test(file.name);
    const counter = isSheet ? new TagCounter('row') : undefined;
    if (counter) rows.set(file.name, counter);
    const cells = isSheet ? new SharedTextRefs() : undefined;
    if (cells) refs.set(file.name, cells);
    const texts = file.name === SHARED_STRINGS ? sharedTexts : undefined;
    const keep: Uint8Array[] | undefined = NAME_FILES.has(file.name) ? [] : undefined;
    if (keep) small.set(file.name, keep);
    let keptBytes = 0;
    const crc = new Crc32();
    file.ondata = (error, chunk, final) => {
      if (error) {
        corrupt ??= file.name;
        return;
      }
      if (stop) return;
      unpacked += chunk.length;
      if (unpacked > maxUnpacked) {
        stop = {
          ok: false,
          message: `${what} unpacks to more than ${megabytes(maxUnpacked)} from a file of ${megabytes(bytes.length)}: far more than a spreadsheet of this size holds.`,
          fix: 'It may be damaged or built to exhaust memory. Ask the sender to save it again from Excel or LibreOffice.',
        };
        return;
      }
      if (keep && keptBytes < 1024 * 1024) {
        keep.push(chunk);
        keptBytes += chunk.length;
      }
      // Past a sheet that is too long, only the sheets' names are still wanted (for the message).
      if (tooManyRows) return;
      crc.push(chunk);
      counter?.push(chunk);
      cells?.push(chunk);
      texts?.push(chunk);
      if (counter && counter.count > limits.maxRowsPerSheet) tooManyRows = true;
      if (final && crc.value !== listed.crc) corrupt ??= file.name;
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length && !stop && !damaged; at += CHUNK) {
      const end = Math.min(at + CHUNK, bytes.length);
      unzip.push(bytes.subarray(at, end), end === bytes.length);
    }
  } catch {
    damaged ??= 'its contents end before they should';
  }
  if (stop) return stop;
  const names = () => {
    const joined = (name: string) => strFromU8(concat(small.get(name) ?? []));
    return sheetNames(joined('xl/workbook.xml'), joined('xl/_rels/workbook.xml.rels'));
  };
  const sheet = (file: string, name = names().get(file)) =>
    name === undefined ? `a sheet (${file})` : `the sheet "${name}"`;
  const tooLong = [...rows].find(([, counter]) => counter.count > limits.maxRowsPerSheet);
  if (tooLong) {
    return {
      ok: false,
      message: `${capital(sheet(tooLong[0]))} has more than ${limits.maxRowsPerSheet.toLocaleString('en')} rows; no return is that long.`,
      fix: 'Delete the empty or extra rows (or the sheet) and save the workbook again.',
    };
  }
  if (corrupt) {
    const part = WORKSHEET.test(corrupt)
      ? sheet(corrupt)
      : corrupt === SHARED_STRINGS
        ? 'the text of its cells'
        : `its part ${corrupt}`;
    return {
      ok: false,
      message: `${what} is damaged: ${part} does not match the checksum saved with it, so what it holds changed after the workbook was saved (on the way, or on a disk).`,
      fix: `Ask the sender for the file again, or ${RESAVE.charAt(0).toLowerCase()}${RESAVE.slice(1)}`,
    };
  }
  if (damaged) return cutShort(damaged);
  const missing = [...directory.entries.keys()].find((name) => !seen.has(name));
  if (missing) return cutShort(`${missing} is listed but not there`);
  for (const [file, cells] of refs) {
    const bad = cells.notAnIndex
      ? `cell ${cells.notAnIndex.cell} of ${sheet(file)} says its text is number "${cells.notAnIndex.text}" of the workbook’s shared text, which is not a number`
      : cells.highest >= sharedTexts.count
        ? `cell ${cells.highestCell} of ${sheet(file)} points to text number ${(cells.highest + 1).toLocaleString('en')} of the workbook’s shared text, which holds only ${sharedTexts.count.toLocaleString('en')}`
        : undefined;
    if (bad) {
      return {
        ok: false,
        message: `${what} is damaged: ${bad}.`,
        fix: 'Open it in Excel or LibreOffice, check that cell, and save the workbook again as .xlsx.',
      };
    }
  }
  return { ok: true };
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
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
