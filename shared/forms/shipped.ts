/**
 * The templates that ship with the app: the committee's assessment, the workshop
 * feedback form and the three-month follow-up of a participant's implementation plan
 * (generated from their XLSForm workbooks by `npm run templates`), and the short
 * institute profile. Imported templates are documents; see the repository.
 */
import decCapacityNeeds from '../../resources/templates/dec-capacity-needs.template.json' with { type: 'json' };
import decCapacityNeedsV2 from '../../resources/templates/dec-capacity-needs-v2.template.json' with { type: 'json' };
import implementationFollowup from '../../resources/templates/implementation-followup.template.json' with { type: 'json' };
import workshopFeedback from '../../resources/templates/workshop-feedback.template.json' with { type: 'json' };
import workshopFeedbackV2 from '../../resources/templates/workshop-feedback-v2.template.json' with { type: 'json' };
import { instituteProfileTemplate } from './builtin';
import { templateSchema, type Template } from './model';

/**
 * Newest version of each template first: a new response starts on it. Older versions stay,
 * because a response always opens, exports and consolidates on the version it started on.
 */
export const shippedTemplates: readonly Template[] = [
  templateSchema.parse(decCapacityNeedsV2),
  templateSchema.parse(decCapacityNeeds),
  instituteProfileTemplate,
  templateSchema.parse(workshopFeedbackV2),
  templateSchema.parse(workshopFeedback),
  templateSchema.parse(implementationFollowup),
];

export function findShippedTemplate(id: string, version?: string): Template | undefined {
  return shippedTemplates.find((t) => t.id === id && (version === undefined || t.version === version));
}

/** The version a new response of `id` starts on: the newest shipped one. */
export function latestShippedTemplate(id: string): Template | undefined {
  return shippedTemplates.find((t) => t.id === id);
}
