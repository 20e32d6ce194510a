/** The look shared by every workbook we write: header rows, muted codes, wrapped text. */
import type ExcelJS from 'exceljs';

export { columnLetter } from '../forms/xlsform/workbook';

export const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true };
export const MUTED_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF666666' } };
export const HEADER_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFE8EEF4' },
};
export const WRAP_TOP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };

/** ExcelJS gives a Node Buffer or an ArrayBuffer depending on where it runs; callers get bytes. */
export function toBytes(buffer: ArrayBuffer | Uint8Array | ExcelJS.Buffer): Uint8Array {
  if (buffer instanceof Uint8Array)
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  return new Uint8Array(buffer as ArrayBuffer);
}
