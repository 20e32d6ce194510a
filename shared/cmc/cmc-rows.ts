/** A plan as a row of a CMC submission sheet (shared/excel/cmc-sheet.ts). */
import type { CmcPlanDoc } from '../docs/cmcplan/schema';
import type { CmcRow } from '../excel/cmc-sheet';
import { areaName, type TaxonomyArea } from './taxonomy';
import { numberOf } from './validate';

function numeric(value: number | string | null): number | null {
  return numberOf(value) ?? null;
}

export function cmcRowOf(plan: CmcPlanDoc, institute: string, taxonomy: readonly TaxonomyArea[]): CmcRow {
  const confidence = plan.confidenceLevel;
  return {
    institute,
    area: areaName(taxonomy, plan.area),
    branch: plan.branch,
    service: plan.service,
    quantity: plan.quantity,
    instrument: plan.instrument,
    instrumentType: plan.instrumentType,
    rangeMin: numeric(plan.rangeMin),
    rangeMax: numeric(plan.rangeMax),
    rangeUnit: plan.rangeUnit,
    parameters: plan.parameters,
    uncertaintyValue: numeric(plan.uncertaintyValue),
    uncertaintyUnit: plan.uncertaintyUnit,
    coverageFactor: numeric(plan.coverageFactor),
    confidenceLevel:
      confidence === '' ? null : confidence === 'stated' ? plan.confidenceStated : Number(confidence),
    relative: plan.relative,
    referenceStandard: plan.referenceStandard,
    traceabilitySource: plan.traceabilitySource,
    comments: [plan.comments, plan.comparisons.length ? `Comparisons: ${plan.comparisons.join(', ')}` : '']
      .filter(Boolean)
      .join('\n'),
    serviceId: plan.serviceId,
  };
}
