/**
 * The templates that ship with the app: the committee's assessment and the workshop
 * feedback form (generated from their XLSForm workbooks by `npm run templates`), and
 * the short institute profile. Imported templates are documents; see the repository.
 */
import decCapacityNeeds from '../../resources/templates/dec-capacity-needs.template.json' with { type: 'json' };
import workshopFeedback from '../../resources/templates/workshop-feedback.template.json' with { type: 'json' };
import { instituteProfileTemplate } from './builtin';
import { templateSchema, type Template } from './model';

export const shippedTemplates: readonly Template[] = [
  templateSchema.parse(decCapacityNeeds),
  instituteProfileTemplate,
  templateSchema.parse(workshopFeedback),
];

export function findShippedTemplate(id: string, version?: string): Template | undefined {
  return shippedTemplates.find((t) => t.id === id && (version === undefined || t.version === version));
}
