import { z } from 'zod';

export const consolidatedSchema = z.object({
  templateKey: z.string().min(1, 'Choose a questionnaire'),
  cycle: z
    .string()
    .regex(/^\d{4}$/, 'Enter a year such as 2026')
    .refine((y) => Number(y) >= 2000 && Number(y) <= 2100, 'Enter a year from 2000 to 2100'),
  orgs: z.array(z.string()).min(1, 'Choose at least one institute'),
  /** Also every earlier cycle answered on this computer: one row per institute and cycle. */
  earlierCycles: z.boolean(),
});
export type ConsolidatedForm = z.infer<typeof consolidatedSchema>;
