/**
 * Writing the CMC plans feature's documents, on the repository's rules (./repository.ts):
 * every document is checked against its schema before `put`, and a save that meets a newer
 * revision (409) re-reads it and re-applies only what this save changed, up to 3 times.
 *
 * - Plans (`cmcplan:<org>:<uuid>`) in the institute's database: created from an area,
 *   branch and service, then saved field by field (paths such as `rangeMin` or
 *   `milestones.training.planned`), values kept as typed.
 * - The taxonomy's corrections (`taxonomy:kcdb`) and provider summaries
 *   (`capability:<org>`) in the library, written by the secretariat.
 */
import { applyPlanChanges, planValueAt, type PlanChanges } from '@shared/cmc/plan-edit';
import { sameSummary } from '@shared/cmc/summary';
import type { TaxonomyCorrection } from '@shared/cmc/taxonomy';
import {
  CAPABILITY_SCHEMA_VERSION,
  type CapabilityDoc,
  type CapabilityEntry,
} from '@shared/docs/capability/schema';
import { CMCPLAN_SCHEMA_VERSION, type CmcPlanDoc, type CmcPlanFields } from '@shared/docs/cmcplan/schema';
import type { AnyDoc } from '@shared/docs/registry';
import { TAXONOMY_SCHEMA_VERSION, type TaxonomyDoc } from '@shared/docs/taxonomy/schema';
import { WorkbenchError } from '@shared/errors';
import { capabilityId, cmcPlanId, TAXONOMY_ID } from '@shared/ids';
import type { Author, Clock, Repository } from './repository';
import type { SaveBase, SavedOnBase } from './save-on-base';
import { isConflict } from './storage-errors';

const MAX_CONFLICT_RETRIES = 3;

function newUuid(): string {
  return crypto.randomUUID();
}

export class CmcRepository {
  constructor(
    private readonly repository: Repository,
    private readonly author: Author,
    private readonly clock: Clock = () => new Date(),
    private readonly uuid: () => string = newUuid,
  ) {}

  async getPlan(id: string): Promise<CmcPlanDoc | undefined> {
    const doc = await this.repository.get(id);
    if (doc !== undefined && doc.type !== 'cmcplan')
      throw new WorkbenchError('invalid-input', `${id} is not a CMC plan.`);
    return doc;
  }

  /** A new plan of this computer's institute. */
  createPlan(fields: CmcPlanFields): Promise<CmcPlanDoc> {
    const now = this.clock().toISOString();
    return this.repository.put<CmcPlanDoc>({
      ...fields,
      _id: cmcPlanId(this.author.org, this.uuid()),
      type: 'cmcplan',
      schemaVersion: CMCPLAN_SCHEMA_VERSION,
      org: this.author.org,
      createdAt: now,
      updatedAt: now,
      updatedBy: this.author.user,
    });
  }

  /**
   * Applies changed fields to the latest revision of a plan (of any institute this computer
   * holds: the secretariat may keep another institute's plan up to date).
   */
  savePlan(id: string, changes: PlanChanges): Promise<CmcPlanDoc> {
    return this.update(
      () => this.getPlan(id),
      (current) => {
        const next = applyPlanChanges(current, changes);
        return next === current ? undefined : next;
      },
      `The CMC plan ${id}`,
    );
  }

  /** Saves changed fields on top of what the editor showed (./save-on-base.ts). */
  savePlanOnBase(
    id: string,
    changes: PlanChanges,
    base: SaveBase | undefined,
  ): Promise<SavedOnBase<CmcPlanDoc>> {
    return this.repository.saveFieldsOnBase({
      id,
      changes,
      base,
      read: () => this.getPlan(id),
      valueOf: (doc, path) => planValueAt(doc, path),
      save: (plain) => this.savePlan(id, plain),
      beside: (latest, mine) => ({
        ...applyPlanChanges(latest, mine),
        updatedAt: this.clock().toISOString(),
        updatedBy: this.author.user,
      }),
    });
  }

  /** Deletes a plan (a tombstone that syncs like any change). */
  async deletePlan(id: string): Promise<void> {
    const current = await this.getPlan(id);
    if (!current?._rev) return;
    await this.repository.remove(current._id, current._rev);
  }

  /**
   * Changes the library's taxonomy corrections: `change` is applied to the latest stored
   * corrections, so another secretariat computer's corrections made meanwhile are kept.
   */
  async updateTaxonomy(
    library: Repository,
    change: (corrections: readonly TaxonomyCorrection[]) => TaxonomyCorrection[],
  ): Promise<TaxonomyDoc> {
    const read = async (): Promise<TaxonomyDoc> => {
      const doc = await library.get(TAXONOMY_ID);
      if (doc?.type === 'taxonomy') return doc;
      const now = this.clock().toISOString();
      return {
        _id: TAXONOMY_ID,
        type: 'taxonomy',
        schemaVersion: TAXONOMY_SCHEMA_VERSION,
        org: this.author.org,
        createdAt: now,
        updatedAt: now,
        updatedBy: this.author.user,
        corrections: [],
      };
    };
    return this.update(
      read,
      (current) => ({ ...current, org: this.author.org, corrections: change(current.corrections) }),
      'The taxonomy',
      library,
    );
  }

  /** Writes one institute's provider summary to the library; unchanged summaries are not written. */
  async saveProviderSummary(
    library: Repository,
    org: string,
    capabilities: CapabilityEntry[],
    basis: CapabilityDoc['basis'],
  ): Promise<CapabilityDoc> {
    const id = capabilityId(org);
    const read = async (): Promise<CapabilityDoc> => {
      const doc = await library.get(id);
      if (doc?.type === 'capability') return doc;
      const now = this.clock().toISOString();
      return {
        _id: id,
        type: 'capability',
        schemaVersion: CAPABILITY_SCHEMA_VERSION,
        org,
        createdAt: now,
        updatedAt: now,
        updatedBy: this.author.user,
        capabilities: [],
        basis: { cycle: null, plans: 0 },
      };
    };
    return this.update(
      read,
      (current) =>
        current._rev !== undefined &&
        sameSummary(current.capabilities, capabilities) &&
        current.basis.cycle === basis.cycle &&
        current.basis.plans === basis.plans
          ? undefined
          : { ...current, capabilities, basis },
      `The provider summary of ${org}`,
      library,
    );
  }

  /**
   * Re-reads the latest revision and applies `change` to it, retrying when another save got
   * there first. `change` returns undefined when there is nothing to write.
   */
  private async update<T extends AnyDoc>(
    read: () => Promise<T | undefined>,
    change: (current: T) => T | undefined,
    what: string,
    repository: Repository = this.repository,
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const current = await read();
      if (!current) throw new WorkbenchError('not-found', `${what} no longer exists on this computer.`);
      const next = change(current);
      if (!next) return current;
      try {
        return await repository.put<T>({
          ...next,
          updatedAt: this.clock().toISOString(),
          updatedBy: this.author.user,
        });
      } catch (error) {
        if (!isConflict(error)) throw error;
        if (attempt + 1 >= MAX_CONFLICT_RETRIES) {
          throw new WorkbenchError(
            'conflict',
            `${what} kept changing while saving (${MAX_CONFLICT_RETRIES} tries); your changes are still on screen. Try again.`,
            undefined,
            { cause: error },
          );
        }
      }
    }
  }
}
