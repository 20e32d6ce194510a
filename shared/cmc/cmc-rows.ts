/** A plan as a row of a KCDB CMC submission sheet (shared/excel/cmc-sheet.ts). */
import type { CmcPlanDoc } from '../docs/cmcplan/schema';
import type { CmcRow } from '../excel/cmc-sheet';
import { familyOf, fieldApplies } from './families';
import { areaName, type TaxonomyArea } from './taxonomy';
import { numberOf } from './validate';

function numeric(value: number | string | null): number | null {
  return numberOf(value) ?? null;
}

function join(pieces: readonly string[]): string {
  return pieces
    .map((p) => p.trim())
    .filter(Boolean)
    .join('; ');
}

export function cmcRowOf(plan: CmcPlanDoc, institute: string, taxonomy: readonly TaxonomyArea[]): CmcRow {
  const confidence = plan.confidenceLevel;
  const only = (field: 'analyte' | 'matrix' | 'deliveryMechanism' | 'nuclide' | 'source' | 'medium') =>
    fieldApplies(plan.area, field) ? plan[field] : '';
  const form = plan.uncertaintyForm;
  return {
    family: familyOf(plan.area),
    institute,
    area: areaName(taxonomy, plan.area),
    branch: plan.branch,
    service: plan.service,
    subService: plan.subService,
    individualService: plan.individualService,
    serviceCode: plan.serviceCode,
    quantity: plan.quantity,
    instrument: plan.instrument,
    instrumentType: plan.instrumentType,
    method: plan.method,
    analyte: only('analyte'),
    matrix: only('matrix'),
    crm: fieldApplies(plan.area, 'crm') && plan.crm ? (plan.crm === 'yes' ? 'Yes' : 'No') : '',
    deliveryMechanism: only('deliveryMechanism'),
    nuclide: only('nuclide'),
    source: only('source'),
    medium: only('medium'),
    rangeMin: numeric(plan.rangeMin),
    rangeMax: numeric(plan.rangeMax),
    rangeUnit: plan.rangeUnit,
    parameters: join(
      plan.parameterList.map((p) =>
        p.value ? `${p.name}: ${[p.value, p.unit].filter(Boolean).join(' ')}` : p.name,
      ),
    ),
    uncertaintyMin: numeric(plan.uncertaintyMin),
    uncertaintyMax: numeric(plan.uncertaintyMax),
    uncertaintyUnit: plan.uncertaintyUnit,
    uncertaintyMode: plan.uncertaintyMode === 'relative' ? 'Relative' : 'Absolute',
    uncertaintyEquation: form === 'equation' ? plan.uncertaintyEquation : '',
    uncertaintyTable:
      form === 'table'
        ? join(
            plan.uncertaintyTable.map(
              (r) => `${String(r.value ?? '')} ${plan.rangeUnit}: ${String(r.uncertainty ?? '')}`,
            ),
          )
        : '',
    coverageFactor: numeric(plan.coverageFactor),
    confidenceLevel:
      confidence === '' ? null : confidence === 'stated' ? plan.confidenceStated : Number(confidence),
    referenceStandard: plan.referenceStandard,
    traceabilitySource: plan.traceabilitySource,
    comparisons: plan.comparisons.join(', '),
    internationalStandard: plan.internationalStandard,
    serviceId: plan.serviceId,
    comments: plan.comments,
    kcdbId: plan.kcdbId,
  };
}
