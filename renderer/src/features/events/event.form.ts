/**
 * The event form (react-hook-form with zod): what the organiser writes, with the concept note,
 * speakers and participating institutes. Dates are yyyy-mm-dd from date inputs; the attendance
 * is kept as typed until it is a whole number.
 */
import { z } from 'zod';
import { EVENT_KINDS, EVENT_STATUSES, SPEAKER_ROLES } from '@shared/events/kinds';

const date = z.union([
  z.literal(''),
  z.iso.date({ message: 'Write the date as yyyy-mm-dd, e.g. 2027-03-31.' }),
]);
const text = (max: number) => z.string().max(max, `Keep it under ${max} characters.`);

export const eventFormSchema = z
  .object({
    title: z.string().trim().min(1, 'Give the event a title.').max(300, 'Keep it under 300 characters.'),
    kind: z.enum(EVENT_KINDS),
    workPackage: z.string(),
    start: date,
    end: date,
    online: z.boolean(),
    place: text(300),
    organiser: text(200),
    objectives: text(4000),
    inputs: text(4000),
    targetGroups: text(2000),
    speakers: z.array(
      z.object({
        name: z.string().trim().min(1, 'Give the speaker’s name, or remove the line.').max(200),
        institute: text(200),
        role: z.enum(SPEAKER_ROLES),
        topic: text(300),
      }),
    ),
    participants: z.array(z.string()),
    attendance: z.string().refine((s) => s.trim() === '' || /^\d{1,5}$/.test(s.trim()), {
      message: 'Write how many people attended as a whole number, e.g. 24.',
    }),
    template: z.string().min(1, 'Choose the questionnaire participants answer.'),
    activityId: z.string(),
    status: z.enum(EVENT_STATUSES),
  })
  .superRefine((form, ctx) => {
    if (form.start && form.end && form.end < form.start)
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'The last day comes before the first.' });
    if (form.status === 'held' && !form.start)
      ctx.addIssue({ code: 'custom', path: ['start'], message: 'Say when the event was held.' });
  });
export type EventForm = z.infer<typeof eventFormSchema>;

/** A template as one select value. */
export const templateChoice = (id: string, version: string) => `${id}@${version}`;
export function parseTemplateChoice(value: string): { id: string; version: string } {
  const at = value.lastIndexOf('@');
  return { id: value.slice(0, at), version: value.slice(at + 1) };
}
