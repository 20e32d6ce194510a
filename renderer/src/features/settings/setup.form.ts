import { z } from 'zod';
import { toSlug } from '@shared/ids';
import { isTrainingOrg } from '@shared/seed/institutes';
import { listReferenceInstitutes, type ReferenceInstitute } from '@shared/reference/economies';
import economiesFile from '../../../../resources/reference/apmp-economies.json';
import { profileSchema, type Profile } from '../../data/device-settings';

export const referenceInstitutes: readonly ReferenceInstitute[] = listReferenceInstitutes(economiesFile);

export const setupFormSchema = z
  .object({
    mode: z.enum(['reference', 'new']),
    referenceSlug: z.string(),
    instituteName: z.string(),
    acronym: z.string(),
    economy: z.string(),
    userName: z.string().trim().min(2, 'Enter your name, as colleagues will see it').max(100),
  })
  .superRefine((value, ctx) => {
    if (value.mode === 'reference') {
      if (!referenceInstitutes.some((r) => r.slug === value.referenceSlug)) {
        ctx.addIssue({
          code: 'custom',
          path: ['referenceSlug'],
          message: 'Choose your institute from the list',
        });
      }
      return;
    }
    if (value.instituteName.trim().length < 2) {
      ctx.addIssue({ code: 'custom', path: ['instituteName'], message: 'Enter the institute’s name' });
    }
    if (value.economy.trim().length < 2) {
      ctx.addIssue({ code: 'custom', path: ['economy'], message: 'Enter the economy' });
    }
    const slug = toSlug(value.economy, value.acronym || value.instituteName);
    if (slug === '') {
      ctx.addIssue({ code: 'custom', path: ['instituteName'], message: 'Use at least one letter or digit' });
    }
    if (isTrainingOrg(slug)) {
      ctx.addIssue({
        code: 'custom',
        path: ['economy'],
        message: 'Names starting with “Training” are kept for practice data; enter the real economy',
      });
    }
  });

export type SetupForm = z.infer<typeof setupFormSchema>;

export const setupDefaults: SetupForm = {
  mode: 'reference',
  referenceSlug: '',
  instituteName: '',
  acronym: '',
  economy: '',
  userName: '',
};

/** The profile a valid setup form describes. */
export function profileFromSetup(form: SetupForm): Profile {
  if (form.mode === 'reference') {
    const ref = referenceInstitutes.find((r) => r.slug === form.referenceSlug);
    if (!ref) throw new Error(`Unknown reference institute ${form.referenceSlug}`);
    return profileSchema.parse({
      org: ref.slug,
      instituteName: ref.name,
      acronym: ref.acronym,
      economy: ref.economy,
      inferred: ref.inferred,
      userName: form.userName,
    });
  }
  return profileSchema.parse({
    org: toSlug(form.economy, form.acronym || form.instituteName),
    instituteName: form.instituteName,
    acronym: form.acronym,
    economy: form.economy,
    inferred: false,
    userName: form.userName,
  });
}
