/**
 * The zip's central directory (the list at the end of the file that Excel, LibreOffice
 * and ExcelJS read entries by) and CRC-32, so the guard can check every entry it
 * streams against the checksum the directory promises. Only what a workbook needs:
 * no zip64 (an .xlsx under the size limit never needs it), no encryption.
 */
import { strFromU8 } from 'fflate';

export interface DirectoryEntry {
  name: string;
  crc: number;
  size: number;
}

export type Directory = { ok: true; entries: Map<string, DirectoryEntry> } | { ok: false; reason: string };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

function u16(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}

function u32(bytes: Uint8Array, at: number): number {
  return (u16(bytes, at) | (u16(bytes, at + 2) << 16)) >>> 0;
}

/** Reads the central directory; a reason (for "damaged or cut short") when it is not there or not whole. */
export function readDirectory(bytes: Uint8Array): Directory {
  let end = -1;
  // The end record is 22 bytes plus a comment of at most 65,535.
  for (let at = bytes.length - 22; at >= 0 && at >= bytes.length - 22 - 0xffff; at--) {
    if (u32(bytes, at) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) return { ok: false, reason: 'the end of the archive is missing' };
  const count = u16(bytes, end + 10);
  const size = u32(bytes, end + 12);
  const offset = u32(bytes, end + 16);
  if (count === 0xffff || offset === 0xffffffff) {
    return { ok: false, reason: 'it is a zip64 archive, which a workbook of this size never is' };
  }
  if (offset + size > end) return { ok: false, reason: 'its list of contents is cut short' };
  const entries = new Map<string, DirectoryEntry>();
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || u32(bytes, at) !== CENTRAL) {
      return { ok: false, reason: 'its list of contents is damaged' };
    }
    const nameLength = u16(bytes, at + 28);
    const skip = nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
    if (at + 46 + skip > end) return { ok: false, reason: 'its list of contents is cut short' };
    const name = strFromU8(bytes.subarray(at + 46, at + 46 + nameLength));
    if (entries.has(name)) return { ok: false, reason: `it holds ${name} twice` };
    entries.set(name, { name, crc: u32(bytes, at + 16), size: u32(bytes, at + 24) });
    at += 46 + skip;
  }
  return { ok: true, entries };
}

const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (the zip's checksum), fed chunk by chunk. */
export class Crc32 {
  private crc = 0xffffffff;

  push(chunk: Uint8Array): void {
    let c = this.crc;
    for (let i = 0; i < chunk.length; i++)
      c = (TABLE[(c ^ (chunk[i] as number)) & 0xff] as number) ^ (c >>> 8);
    this.crc = c;
  }

  get value(): number {
    return (this.crc ^ 0xffffffff) >>> 0;
  }
}
