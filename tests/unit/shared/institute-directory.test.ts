import { describe, expect, it } from 'vitest';
import economies from '../../../resources/reference/apmp-economies.json';
import { directoryFields } from '../../../shared/docs/institute/directory';
import type { InstituteDoc } from '../../../shared/docs/institute/schema';
import { parseDoc } from '../../../shared/docs/registry';
import { typeOfId } from '../../../shared/ids';
import { listReferenceInstitutes } from '../../../shared/reference/economies';
import { SYNC_DOC_RULES } from '../../../shared/sync/doc-rules';
import { parseDirectoryOptions } from '../../../server/setup-directory';

const NOW = '2026-11-24T09:30:00.000Z';
const reference = listReferenceInstitutes(economies);
const nml = reference.find((r) => r.slug === 'ph-nml-itdi');
const unverified = reference.find((r) => r.inferred);

function entry(overrides: Partial<InstituteDoc> = {}): InstituteDoc {
  return {
    _id: 'institute:nml-x',
    type: 'institute',
    schemaVersion: 1,
    org: 'nml-x',
    createdAt: NOW,
    updatedAt: NOW,
    updatedBy: 'workbench setup',
    name: 'National Metrology Laboratory',
    acronym: 'NML',
    economy: 'Fiji',
    iso2: 'FJ',
    inferred: false,
    source: 'given',
    ...overrides,
  };
}

describe('the institute document', () => {
  it('is a library document named by its slug', () => {
    expect(parseDoc(entry()).type).toBe('institute');
    expect(typeOfId('institute:nml-x')).toBe('institute');
    expect(SYNC_DOC_RULES['institute']?.scope).toBe('library');
    expect(() => parseDoc(entry({ _id: 'institute:other' }))).toThrow(/not valid/);
    expect(() => parseDoc(entry({ iso2: 'Fiji' }))).toThrow(/not valid/);
  });
});

describe('what a directory entry says', () => {
  it('takes a reference institute’s name, economy, code and inferred flag', () => {
    expect(nml).toBeDefined();
    expect(directoryFields('ph-nml-itdi', {}, nml, undefined)).toEqual({
      name: nml?.name,
      acronym: 'NML-ITDI',
      economy: 'Philippines',
      iso2: 'PH',
      inferred: false,
      source: 'reference',
    });
    expect(unverified).toBeDefined();
    expect(directoryFields(unverified?.slug ?? '', {}, unverified, undefined).inferred).toBe(true);
  });

  it('falls back to the slug, and keeps what an entry already says when nothing new is known', () => {
    const bare = directoryFields('nml-x', {}, undefined, undefined);
    expect(bare).toEqual({ name: 'nml-x', acronym: '', economy: '', inferred: false, source: 'slug' });
    const named = entry({ source: 'reference' });
    expect(directoryFields('nml-x', {}, undefined, named)).toMatchObject({
      name: named.name,
      economy: 'Fiji',
    });
  });

  it('lets given values win, keeps them on later runs, and clears inferred only when name and economy are given', () => {
    const given = directoryFields('ph-nml-itdi', { name: 'NML Philippines' }, nml, undefined);
    expect(given).toMatchObject({ name: 'NML Philippines', economy: 'Philippines', source: 'given' });
    const stored = entry({ ...given, _id: 'institute:ph-nml-itdi', org: 'ph-nml-itdi' });
    // A later run without --name does not put the reference's name back.
    expect(directoryFields('ph-nml-itdi', {}, nml, stored).name).toBe('NML Philippines');
    const partly = directoryFields(unverified?.slug ?? '', { name: 'Verified name' }, unverified, undefined);
    expect(partly.inferred).toBe(true);
    const both = directoryFields(unverified?.slug ?? '', { name: 'A', economy: 'B' }, unverified, undefined);
    expect(both).toMatchObject({ inferred: false, economy: 'B' });
    expect(both.iso2).toBeUndefined();
    expect(directoryFields('nml-x', { economy: 'Fiji', iso2: 'fj' }, undefined, undefined)).toMatchObject({
      name: 'nml-x',
      economy: 'Fiji',
      iso2: 'FJ',
    });
  });
});

describe('setup options for the directory', () => {
  it('reads SLUG=value per institute and says what is wrong with the rest', () => {
    const options = new Map([
      ['name', ['nml-x=National Metrology Laboratory', 'other=Someone']],
      ['economy', ['nml-x=Fiji']],
      ['country', ['nml-x=Fiji']],
      ['acronym', ['no-equals-sign']],
    ]);
    const { details, problems } = parseDirectoryOptions(options, ['nml-x']);
    expect(details).toEqual({ 'nml-x': { name: 'National Metrology Laboratory', economy: 'Fiji' } });
    expect(problems).toEqual([
      '--name other=Someone: "other" is not one of the --org slugs of this run.',
      '--acronym no-equals-sign: write it as --acronym SLUG=value, e.g. --acronym "nml-x=…".',
      '--country nml-x=Fiji: give the two-letter ISO 3166 code, e.g. nml-x=PH.',
    ]);
  });
});
