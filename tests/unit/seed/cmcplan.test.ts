/** The `cmcplan` seed generator: plans that look like an institute's real road to its CMCs. */
import { describe, expect, it } from 'vitest';
import { stageOf, dueMilestones, STAGES } from '../../../shared/cmc/stage';
import { KCDB_ID_PATTERN, validatePlan } from '../../../shared/cmc/validate';
import { newCmcPlanFields, type CmcPlanDoc } from '../../../shared/docs/cmcplan/schema';
import type { ResponseDoc } from '../../../shared/docs/response/schema';
import { generateInstituteDocs, planDataset, practicePlan, PRACTICE_INSTITUTE } from '../../../shared/seed';
import { CAPABILITY_SPECS } from '../../../shared/seed/cmcplan/capabilities';
import { SUPPORT_PROVIDERS } from '../../../shared/seed/text';
import { referenceTaxonomy } from '../../../shared/cmc/taxonomy';
import kcdb from '../../../resources/reference/kcdb-areas.json';

const plan = planDataset({ seed: 42, institutes: 40, cycles: 3, asOf: '2026-11-30' });
const byInstitute = plan.institutes.map((institute) => {
  const docs = generateInstituteDocs(plan, institute);
  return {
    org: institute.slug,
    plans: docs.filter((d): d is CmcPlanDoc => d.type === 'cmcplan'),
    latest: docs
      .filter((d): d is ResponseDoc => d.type === 'response' && d.templateId === 'dec_capacity_needs')
      .sort((a, b) => b.cycle - a.cycle)[0],
  };
});
const plans = byInstitute.flatMap((i) => i.plans);
const asOf = new Date('2026-11-30T12:00:00Z');

describe('the cmcplan seed generator', () => {
  it('gives most institutes a few plans, spread along the whole review path', () => {
    expect(plans.length).toBeGreaterThan(50);
    expect(byInstitute.filter((i) => i.plans.length > 0).length).toBeGreaterThan(30);
    const stages = new Set(plans.map(stageOf));
    expect(stages.size).toBeGreaterThanOrEqual(8);
    for (const stage of ['quality_system', 'traceability', 'comparison', 'jcrb', 'complete'] as const)
      expect([...stages], stage).toContain(stage);
    expect(STAGES.filter((s) => !stages.has(s)).length).toBeLessThanOrEqual(2);
  });

  it('follows the assessment: nothing is done before the quality system is implemented', () => {
    for (const { latest, plans: own } of byInstitute) {
      const system = latest?.answers['iso17025']?.value;
      if (system === 'implemented') continue;
      for (const doc of own) expect(stageOf(doc), doc._id).toBe('quality_system');
    }
  });

  it('keeps its dates in order and its values valid, but for a few numbers left as typed', () => {
    const problems = plans.flatMap((doc) =>
      validatePlan(doc).map((p) => `${doc._id} ${p.field}: ${p.message}`),
    );
    expect(
      problems.every((p) => / uncertaintyMax: ".*" is not a number/.test(p)),
      problems.join('\n'),
    ).toBe(true);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.length).toBeLessThan(plans.length / 10);
    for (const doc of plans) {
      expect(doc.createdAt <= doc.updatedAt, doc._id).toBe(true);
      expect(Date.parse(doc.updatedAt)).toBeLessThanOrEqual(Date.parse('2026-11-30T17:00:00Z'));
      for (const milestone of Object.values(doc.milestones))
        if (milestone.actual) expect(milestone.actual <= '2026-11-30', doc._id).toBe(true);
      if (stageOf(doc) === 'complete') {
        expect(doc.kcdbId).toMatch(KCDB_ID_PATTERN);
        expect(doc.maintenanceDue > doc.milestones.published.actual, doc._id).toBe(true);
      }
    }
  });

  it('has milestones overdue and due soon, and support needed with providers chosen', () => {
    const due = plans.flatMap((doc) => dueMilestones(doc, asOf));
    expect(due.filter((d) => d.overdue).length).toBeGreaterThan(5);
    expect(due.filter((d) => !d.overdue).length).toBeGreaterThan(5);
    const milestones = plans.flatMap((doc) => Object.values(doc.milestones));
    expect(milestones.filter((m) => m.support.length > 0).length).toBeGreaterThan(20);
    const providers = milestones.map((m) => m.provider).filter(Boolean);
    expect(providers.length).toBeGreaterThan(10);
    const slugs = new Set(plan.institutes.map((i) => i.slug));
    const programmes: readonly string[] = SUPPORT_PROVIDERS;
    for (const provider of providers) expect(slugs.has(provider) || programmes.includes(provider)).toBe(true);
    expect(providers.some((p) => slugs.has(p))).toBe(true);
  });

  it('places every capability on the reference taxonomy, with units and values a CMC accepts', () => {
    const taxonomy = referenceTaxonomy(kcdb);
    for (const spec of CAPABILITY_SPECS) {
      const area = taxonomy.find((a) => a.code === spec.area);
      expect(
        area?.branches.map((b) => b.name),
        spec.service,
      ).toContain(spec.branch);
      const fields = {
        ...newCmcPlanFields(spec.area, spec.branch, spec.service),
        rangeMin: spec.range[0],
        rangeMax: spec.range[1],
        rangeUnit: spec.rangeUnit,
        uncertaintyMin: spec.uncertainty[0],
        uncertaintyMax: spec.uncertainty[1],
        uncertaintyUnit: spec.uncertaintyUnit,
        uncertaintyMode: spec.mode,
        coverageFactor: 2,
        confidenceLevel: '95.45' as const,
      };
      expect(validatePlan(fields), spec.service).toEqual([]);
    }
    // Uncertainties scale with the measurand: smaller at one end of the range than the other.
    for (const spec of CAPABILITY_SPECS)
      expect(spec.uncertainty[0], spec.service).toBeLessThan(spec.uncertainty[1]);
    // Every area has something to plan.
    expect(new Set(CAPABILITY_SPECS.map((s) => s.area)).size).toBe(9);
  });

  it('gives the practice institute plans too', () => {
    const practice = practicePlan('2026-11-30');
    const docs = generateInstituteDocs(practice, PRACTICE_INSTITUTE).filter((d) => d.type === 'cmcplan');
    for (const doc of docs) expect(doc.org).toBe('training-practice');
  });
});
