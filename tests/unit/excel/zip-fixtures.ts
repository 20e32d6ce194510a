/**
 * Zips made by hand for the guard's tests: a bomb that costs next to nothing to build
 * (so the test's time does not grow with what the bomb would unpack to), and edits
 * of an .xlsx's parts as bytes (a flipped bit, a changed sheet) that a spreadsheet
 * library would refuse to write.
 */
import { Deflate, strToU8, unzipSync, zipSync } from 'fflate';

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * The raw deflate stream of `megabytes` MB of spaces, built from one compressed megabyte
 * repeated: after a sync flush, once the compressor has settled (a few megabytes), each
 * further megabyte of the same byte compresses to the same bytes, so the stream is
 * assembled, not computed.
 */
function spacesDeflated(megabytes: number): Uint8Array {
  const out: Uint8Array[] = [];
  const deflate = new Deflate({ level: 9 }, (chunk) => out.push(chunk));
  const mb = new Uint8Array(1024 * 1024).fill(0x20);
  const segment = () => {
    deflate.push(mb);
    deflate.flush(true);
    return concat(out.splice(0));
  };
  const head: Uint8Array[] = [segment()];
  let repeat = segment();
  for (let next = segment(); next.join() !== repeat.join(); next = segment()) {
    head.push(repeat);
    repeat = next;
    if (head.length > 10) throw new Error('the repeated megabyte does not compress alike');
  }
  head.push(repeat); // the segment made to compare with was pushed into the stream too
  deflate.push(new Uint8Array(0), true);
  const tail = concat(out.splice(0));
  const left = megabytes - head.length - 1;
  if (left < 0) throw new Error(`a bomb needs more than ${head.length + 1} MB`);
  return concat([...head, repeat, ...Array<Uint8Array>(left).fill(repeat), tail]);
}

/**
 * A zip whose sheet unpacks to `megabytes` MB of spaces. Its CRC is not computed (the
 * guard stops long before the end, where a CRC would be compared).
 */
export function zipBomb(megabytes: number): Uint8Array {
  const name = strToU8('xl/worksheets/sheet1.xml');
  const data = spacesDeflated(megabytes);
  const size = megabytes * 1024 * 1024;
  const header = (signature: number, length: number) => {
    const bytes = new Uint8Array(length);
    new DataView(bytes.buffer).setUint32(0, signature, true);
    return { bytes, view: new DataView(bytes.buffer) };
  };
  const local = header(0x04034b50, 30);
  local.view.setUint16(4, 20, true);
  local.view.setUint16(8, 8, true); // deflate
  local.view.setUint32(18, data.length, true);
  local.view.setUint32(22, size, true);
  local.view.setUint16(26, name.length, true);
  const central = header(0x02014b50, 46);
  central.view.setUint16(6, 20, true);
  central.view.setUint16(10, 8, true);
  central.view.setUint32(20, data.length, true);
  central.view.setUint32(24, size, true);
  central.view.setUint16(28, name.length, true);
  const directoryAt = 30 + name.length + data.length;
  const end = header(0x06054b50, 22);
  end.view.setUint16(8, 1, true);
  end.view.setUint16(10, 1, true);
  end.view.setUint32(12, 46 + name.length, true);
  end.view.setUint32(16, directoryAt, true);
  return concat([local.bytes, name, data, central.bytes, name, end.bytes]);
}

/** The workbook with one part's bytes replaced (repacked, so its checksums are right). */
export function withPart(xlsx: Uint8Array, name: string, edit: (text: string) => string): Uint8Array {
  const parts = unzipSync(xlsx);
  const part = parts[name];
  if (!part) throw new Error(`no ${name} in the workbook`);
  parts[name] = strToU8(edit(new TextDecoder().decode(part)));
  return zipSync(parts);
}

/** The workbook stored without compression, so a byte of a sheet's XML can be found and changed in place. */
export function stored(xlsx: Uint8Array): Uint8Array {
  return zipSync(unzipSync(xlsx), { level: 0 });
}
