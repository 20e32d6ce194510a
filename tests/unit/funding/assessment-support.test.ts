/**
 * Issue 21, "the assessment's support received reads from the ledger": which entries a cycle
 * shows, the return's read-only sheet (written, protected, never read back, and said so), the
 * consolidated return's column and sheet, and old answers kept but no longer asked or carried.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { answerValues, newResponseDoc } from '@shared/docs/response/edit';
import type { SupportDoc } from '@shared/docs/support/schema';
import { applyReturn } from '@shared/excel/apply-return';
import { exportConsolidated } from '@shared/excel/consolidated';
import { exportReturn } from '@shared/excel/return-export';
import { checkReturn, notReadSentence, openReturn } from '@shared/excel/return-import';
import { planReturn } from '@shared/excel/return-layout';
import { carryOver } from '@shared/forms/carry-over';
import { findShippedTemplate } from '@shared/forms/shipped';
import { supportOfCycle, supportReceivedTable } from '@shared/funding/assessment-support';
import { editWorkbook, sheetStartingWith } from '../excel/fixtures';

const AT = '2026-11-01T00:00:00.000Z';
const now = new Date('2026-12-01T10:00:00.000Z');
const institute = { org: 'la-dsm', name: 'Department of Standardization and Metrology', economy: 'Lao PDR' };
const v1 = findShippedTemplate('dec_capacity_needs', '2026.1');
const v2 = findShippedTemplate('dec_capacity_needs', '2026.2');
if (!v1 || !v2) throw new Error('the DEC assessment is not shipped');

function entry(id: string, change: Partial<SupportDoc>): SupportDoc {
  return {
    _id: `support:la-dsm:${id}`,
    type: 'support',
    schemaVersion: 1,
    org: 'la-dsm',
    createdAt: AT,
    updatedAt: AT,
    updatedBy: 'Noy',
    funderId: '',
    programmeId: '',
    funderText: 'PTB',
    provider: 'th-nimt',
    kind: 'training',
    amount: 5000,
    currency: 'EUR',
    start: '2026-02-01',
    end: '2026-04-30',
    area: 'M',
    needs: [],
    status: 'received',
    results: 'Two staff trained in mass',
    fromAnswer: '',
    ...change,
  };
}

const entries = [
  entry('a', {}),
  entry('b', { status: 'requested', funderText: 'UNIDO' }),
  entry('c', { status: 'under_way', start: '2025-10-01', end: '', funderText: 'KRISS', kind: 'attachment' }),
  entry('d', { start: '2024-01-01', end: '2024-12-31', funderText: 'NMIJ' }),
  entry('e', { org: 'kh-nmc', _id: 'support:kh-nmc:e' }),
];
const names = (org: string) => ({ 'th-nimt': 'NIMT' })[org] ?? org;

function oldResponse(cycle = 2026) {
  return newResponseDoc({
    org: 'la-dsm',
    templateId: 'dec_capacity_needs',
    templateVersion: '2026.2',
    cycle,
    answers: {
      support_received: ['s1'],
      'support_received#s1/support_provider': 'PTB (written before the ledger)',
      'support_received#s1/support_days': 12,
      parent_body: 'Ministry of Science',
    },
    at: AT,
    by: 'Noy',
  });
}

describe('support received of a cycle', () => {
  it('is what the institute received or is receiving in that year, earliest first', () => {
    const ids = (cycle: number) => supportOfCycle(entries, 'la-dsm', cycle).map((e) => e._id.split(':')[2]);
    expect(ids(2026)).toEqual(['c', 'a']); // requested b is not received; d was in 2024; e is another institute's
    expect(ids(2025)).toEqual(['c']);
    expect(ids(2024)).toEqual(['d']);
    const table = supportReceivedTable(supportOfCycle(entries, 'la-dsm', 2026), [], names, 'Support');
    expect(table.rows[1]).toEqual([
      'PTB',
      'NIMT',
      'Training',
      '2026-02-01',
      '2026-04-30',
      'Received',
      5000,
      'EUR',
      'Two staff trained in mass',
    ]);
    expect(table.rows[0]?.[4]).toBeNull(); // no end yet
  });
});

describe('the return of a DEC assessment', () => {
  const table = supportReceivedTable(supportOfCycle(entries, 'la-dsm', 2026), [], names, 'Support received');

  it('plans support received as a sheet for reading, in both versions', () => {
    for (const template of [v1, v2]) {
      const sheet = planReturn(template).sheets.find((s) => s.name === 'support_received');
      expect(sheet?.kind).toBe('elsewhere');
    }
  });

  it('carries the ledger’s entries on a protected sheet; imported back unchanged it changes nothing and says the sheet is not read', async () => {
    const response = oldResponse();
    const bytes = await exportReturn({
      template: v2,
      institute,
      cycle: 2026,
      response,
      exportedAt: now,
      exportedBy: 'Noy',
      appVersion: '9.9.9',
      elsewhere: { 'support-ledger': table },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
    const sheet = sheetStartingWith(workbook, 'Support received');
    expect(sheet.getRow(3).getCell(1).value).toBe('Funder or programme');
    expect(sheet.getRow(4).getCell(1).value).toBe('KRISS');
    expect(sheet.getRow(5).getCell(2).value).toBe('NIMT');
    expect(String(sheet.getCell(2, 1).value)).toMatch(/does not read this sheet back/);
    // Protected: Excel and LibreOffice refuse typing into it until someone unprotects it.
    const protection = (sheet as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection;
    expect(protection?.sheet).toBe(true);

    const opened = await openReturn(bytes);
    if (!opened.ok) throw new Error('not opened');
    const report = checkReturn(opened, { template: v2, current: response, submit: false, now });
    expect(report.changes).toEqual({});
    expect(report.problems).toEqual([]);
    expect(report.summary.notRead).toEqual([{ sheet: sheet.name, by: 'support-ledger', changed: false }]);
    const [notRead] = report.summary.notRead;
    if (!notRead) throw new Error('the sheet is not reported');
    expect(notReadSentence(notRead)).toMatch(/is not read back; record support received/);
  });

  it('never writes back what someone typed on that sheet, and warns that it was not imported', async () => {
    const response = oldResponse();
    const bytes = await exportReturn({
      template: v2,
      institute,
      cycle: 2026,
      response,
      exportedAt: now,
      exportedBy: 'Noy',
      appVersion: '9.9.9',
      elsewhere: { 'support-ledger': table },
    });
    const edited = await editWorkbook(bytes, (wb) => {
      const sheet = sheetStartingWith(wb, 'Support received');
      sheet.getCell(6, 1).value = 'World Bank';
      sheet.getCell(4, 6).value = 'Received';
    });
    const opened = await openReturn(edited);
    if (!opened.ok) throw new Error('not opened');
    const report = checkReturn(opened, { template: v2, current: response, submit: false, now });
    expect(report.changes).toEqual({});
    expect(report.canApply).toBe(true);
    expect(report.summary.notRead[0]?.changed).toBe(true);
    expect(report.problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        problem: expect.stringMatching(/was not imported: support received is kept in the support ledger/),
        expected: expect.stringMatching(/Funding → Support ledger/),
      }),
    ]);
  });

  it('reads a return exported before the ledger: rows on the old support table are reported as not imported, nothing else lost', async () => {
    // An old return had the table as a repeat to fill in; build one as that version did.
    const bytes = await exportReturn({
      template: v2,
      institute,
      cycle: 2026,
      exportedAt: now,
      exportedBy: 'Noy',
      appVersion: '9.9.9',
    });
    const older = await editWorkbook(bytes, (wb) => {
      const ids = wb.getWorksheet('_workbench');
      ids?.eachRow((row) => {
        if (row.getCell(1).value === 'sheet' && row.getCell(4).value === 'support_received')
          row.getCell(3).value = 'repeat';
        if (row.getCell(1).value === 'elsewhere') row.getCell(1).value = '';
      });
      const sheet = sheetStartingWith(wb, 'Support received');
      sheet.getCell(3, 2).value = 'PTB';
      sheet.getCell(3, 3).value = 'Training';
    });
    const opened = await openReturn(older);
    if (!opened.ok) throw new Error('not opened');
    const report = checkReturn(opened, { template: v2, current: undefined, submit: false, now });
    expect(report.summary.notRead[0]?.changed).toBe(true);
    expect(report.problems.map((p) => p.severity)).toEqual(['warning']);
    const doc = applyReturn(report, { template: v2, current: undefined, user: 'sam', at: now, reason: 'x' });
    expect(Object.keys(answerValues(doc)).filter((k) => k.startsWith('support_received'))).toEqual([]);
  });
});

describe('the consolidated return', () => {
  it('has a support received column from the ledger in the table’s place and a sheet with one row per entry', async () => {
    const bytes = await exportConsolidated({
      template: v2,
      cycle: 2026,
      institutes: [{ institute, response: oldResponse() }, { institute: { org: 'kh-nmc', name: 'NMC' } }],
      exportedAt: now,
      exportedBy: 'Sam',
      appVersion: '9.9.9',
      elsewhere: (org, cycle) => ({
        'support-ledger': supportReceivedTable(supportOfCycle(entries, org, cycle), [], names, 'Support'),
      }),
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
    const wide = workbook.getWorksheet('By institute');
    const codes = (wide?.getRow(2).values as unknown[]).slice(1);
    expect(codes).toContain('support_received');
    expect(codes).not.toContain('support_provider');
    expect(codes).not.toContain('support_days');
    const col = codes.indexOf('support_received') + 1;
    expect(wide?.getRow(3).getCell(col).value).toBe(
      'KRISS — NIMT — Attachment (staff placed at another NMI); PTB — NIMT — Training',
    );
    expect(wide?.getRow(4).getCell(col).value).toBe('PTB — NIMT — Training');
    const sheet = workbook.getWorksheet('Support received');
    expect(sheet?.rowCount).toBe(4); // header, two of la-dsm, one of kh-nmc
    expect(sheet?.getRow(2).getCell(2).value).toBe('la-dsm');
    expect(sheet?.getRow(4).getCell(2).value).toBe('kh-nmc');
    // The old free-text answer is not in the long sheet either: the ledger holds it now.
    const long = workbook.getWorksheet('Answers (long)');
    const longCodes: unknown[] = [];
    long?.eachRow((row) => longCodes.push(row.getCell(5).value));
    expect(longCodes).not.toContain('support_provider');
  });
});

describe('starting a cycle from the last one', () => {
  it('does not carry the old support table over: the new cycle reads its own ledger entries', () => {
    const { answers, left } = carryOver(v2, v2, answerValues(oldResponse(2025)));
    expect(Object.keys(answers).filter((k) => k.startsWith('support_received'))).toEqual([]);
    expect(left).toEqual([]);
    expect(answers.parent_body).toBe('Ministry of Science');
  });
});
