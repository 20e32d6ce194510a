/**
 * A CMC plan's editor: the capability as it would be submitted (service, range,
 * uncertainty, traceability, comparisons) and the nine milestones of the review path with
 * their dates, status, notes, the support each needs and a chosen provider (suggested by
 * matching). Saved as the person types (./use-plan-autosave.ts); what is typed stays as
 * typed, and the plan's rules (shared/cmc/validate.ts) are explained next to each field.
 */
import { SaveIndicator } from '../../app/SaveIndicator';
import {
  createContext,
  startTransition,
  useCallback,
  useContext,
  useDeferredValue,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { useForm, type UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { closeness, type ProviderMatch } from '@shared/cmc/matching';
import {
  CHECKLIST,
  CONFIDENCE_LEVELS,
  MILESTONE_STATUSES,
  ROUND_STAGES,
  MILESTONES,
  milestoneLabel,
  SUPPORT_TYPES,
  type MilestoneKey,
  type SupportType,
} from '@shared/cmc/milestones';
import { applyPlanChanges, parsePlanPath, planPaths } from '@shared/cmc/plan-edit';
import { stageOf } from '@shared/cmc/stage';
import { canonicalBranch, servicesOf } from '@shared/cmc/taxonomy';
import { familyOf } from '@shared/cmc/families';
import { notSiFlag, UNIT_EXAMPLES } from '@shared/cmc/units';
import { roundsInOrder, returnedRounds } from '@shared/cmc/review';
import { numberOf, validatePlan } from '@shared/cmc/validate';
import type { CmcParameter, CmcPlanDoc, ReviewRound, UncertaintyRow } from '@shared/docs/cmcplan/schema';
import { toErrorData } from '@shared/errors';
import { FieldError } from '../../app/FieldError';
import { useWorkspace } from '../../app/workspace-context';
import { instituteLabel } from '../institutes/directory-view';
import { useInstitutes } from '../institutes/use-institutes';
import { draftDeletion } from '@shared/docs/drafts';
import { useDeleteDraft } from '../../app/use-drafts';
import { useFollowStored } from '../../app/use-follow-stored';
import { ExportCmcRows } from './ExportCmcRows';
import {
  CmcNav,
  daysFrom,
  DueTag,
  fileSlug,
  localToday,
  UnverifiedBadge,
  useCmcRepository,
  useStageText,
} from './parts';
import { formValuesOf, inputName, storedValue, type PlanFormValues } from './plan.form';
import { StageMeter } from './PlansListPage';
import { providersFor, useMatchingData } from './use-matching';
import { usePlanAutosave } from './use-plan-autosave';
import { areaLabel, useTaxonomy } from './use-taxonomy';

type Loaded =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; doc: CmcPlanDoc };

export function PlanEditorPage() {
  const { t } = useTranslation('cmcPlans');
  const { planId = '' } = useParams();
  const cmc = useCmcRepository();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    cmc.getPlan(planId).then(
      (doc) => live && setLoaded(doc ? { kind: 'ready', doc } : { kind: 'missing' }),
      (error: unknown) => live && setLoaded({ kind: 'error', message: toErrorData(error).message }),
    );
    return () => {
      live = false;
    };
  }, [cmc, planId]);
  if (loaded.kind === 'loading') return <p role="status">{t('loading')}</p>;
  if (loaded.kind === 'error') return <p role="alert">{loaded.message}</p>;
  if (loaded.kind === 'missing')
    return (
      <p role="alert">
        {t('editor.missing')} <Link to="/cmc-plans">{t('editor.back')}</Link>
      </p>
    );
  return <PlanEditor key={loaded.doc._id} initial={loaded.doc} />;
}

/** The id of the input of a path, for labels, problems and "go to". */
const fieldId = (path: string) => `plan-${inputName(path)}`;

interface EditorContextValue {
  reg: (path: string) => UseFormRegisterReturn;
  problems: Map<string, string>;
}
const EditorContext = createContext<EditorContextValue | null>(null);
function useEditor(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('outside the plan editor');
  return value;
}

/** A labelled input with its hint and, when the plan's rules are not met, why. */
function Field({
  path,
  label,
  hint,
  children,
  className,
}: {
  path: string;
  label: string;
  hint?: string;
  className?: string;
  children: (attrs: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const { problems } = useEditor();
  const id = fieldId(path);
  const problem = problems.get(path);
  const describedBy = [hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children({
        id,
        'aria-invalid': Boolean(problem),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      })}
      <FieldError id={id} message={problem} />
    </div>
  );
}

function TextInput({
  path,
  label,
  hint,
  list,
  multiline,
  inputMode,
  className,
}: {
  path: string;
  label: string;
  hint?: string;
  list?: string;
  multiline?: boolean;
  inputMode?: 'decimal' | 'text';
  className?: string;
}) {
  const { reg } = useEditor();
  return (
    <Field path={path} label={label} {...(hint ? { hint } : {})} {...(className ? { className } : {})}>
      {(attrs) =>
        multiline ? (
          <textarea rows={2} {...attrs} {...reg(path)} />
        ) : (
          <input
            {...attrs}
            {...(list ? { list } : {})}
            {...(inputMode ? { inputMode } : {})}
            {...reg(path)}
          />
        )
      }
    </Field>
  );
}

/** Common units for the unit fields' suggestions. */
const UNIT_SUGGESTIONS = UNIT_EXAMPLES.split(', ').concat([
  'g',
  'MPa',
  'kN',
  'N·m',
  'µm',
  'Hz',
  's',
  'lx',
  'dB',
  'Gy/h',
  'mg/kg',
  '1',
]);

function PlanEditor({ initial }: { initial: CmcPlanDoc }) {
  const { t } = useTranslation('cmcPlans');
  const { author, repository: workspaceRepository } = useWorkspace().workspace;
  const cmc = useCmcRepository();
  const navigate = useNavigate();
  const taxonomy = useTaxonomy();
  const institutes = useInstitutes();
  const stageText = useStageText();
  const matching = useMatchingData();
  const [plan, setPlan] = useState(initial);
  const deferred = useDeferredValue(plan);
  const problemList = useMemo(() => validatePlan(deferred), [deferred]);
  const problems = useMemo(() => new Map(problemList.map((p) => [p.field, p.message])), [problemList]);
  const { register, getValues, setValue } = useForm<PlanFormValues>({ defaultValues: formValuesOf(initial) });
  // A colleague's change that sync brings in appears in place, except where the person is typing.
  const follower = useFollowStored<CmcPlanDoc>({
    initial,
    fieldsOf: planPaths,
    isEditing: (path) => isPending(path),
    apply: (changes, stored) => {
      const inputs = formValuesOf(stored);
      for (const path of Object.keys(changes)) setValue(inputName(path), inputs[inputName(path)] ?? '');
      startTransition(() =>
        setPlan((before) => ({ ...applyPlanChanges(before, changes), _rev: stored._rev })),
      );
    },
  });
  const { change, flush, isPending } = usePlanAutosave(cmc, initial._id, follower);
  useEffect(
    () =>
      workspaceRepository.watch(initial._id, (stored, conflicted) => {
        if (stored?.type === 'cmcplan') follower.stored(stored, conflicted);
      }),
    [workspaceRepository, initial._id, follower],
  );
  const deleteDraft = useDeleteDraft(workspaceRepository, '/cmc-plans');
  const [actionError, setActionError] = useState<string>();

  const record = useCallback(
    (changes: Record<string, unknown>) => {
      startTransition(() => setPlan((before) => applyPlanChanges(before, changes)));
      for (const [path, value] of Object.entries(changes)) change(path, value);
    },
    [change],
  );

  const reg = useCallback(
    (path: string) =>
      register(inputName(path), {
        onChange: () => {
          const changes: Record<string, unknown> = { [path]: storedValue(path, getValues(inputName(path))) };
          const at = parsePlanPath(path);
          // Marking a milestone done: the date it was done is most often today.
          if (at && 'milestone' in at && at.field === 'status' && changes[path] === 'done') {
            const actual = `milestones.${at.milestone}.actual`;
            if (!String(getValues(inputName(actual)) ?? '').trim()) {
              setValue(inputName(actual), localToday());
              changes[actual] = localToday();
            }
          }
          record(changes);
        },
      }),
    [register, getValues, setValue, record],
  );
  const context = useMemo(() => ({ reg, problems }), [reg, problems]);

  const area = taxonomy.find((a) => a.code === plan.area);
  const family = familyOf(plan.area);
  const branches = area?.branches ?? [];
  const stage = stageOf(deferred);
  const today = localToday();
  const own = plan.org === author.org;
  const services = [
    ...new Set([...servicesOf(taxonomy, plan.area, plan.branch), plan.service].filter(Boolean)),
  ];

  const deletable = draftDeletion(plan, author.org).deletable;
  const remove = async () => {
    setActionError(undefined);
    setActionError(
      await deleteDraft(
        initial._id,
        plan.service.trim() || t('list.unnamed'),
        (what) => t('editor.deleted', { what }),
        flush,
      ),
    );
  };

  return (
    <EditorContext.Provider value={context}>
      <section aria-labelledby="plan-title" className="cmc-plans plan-editor">
        <p className="no-print">
          <Link to="/cmc-plans">{t('editor.back')}</Link>
        </p>
        <h1 id="plan-title">{plan.service.trim() || t('list.unnamed')}</h1>
        <CmcNav />
        <p className="plan-meta">
          {areaLabel(taxonomy, plan.area)} › {plan.branch}
          {branches.find((b) => b.name === plan.branch)?.inferred ? <UnverifiedBadge /> : null}
          {own ? null : ` · ${t('editor.of', { name: instituteLabel(institutes.get(plan.org)) })}`}
        </p>
        <p className="plan-stage" data-testid="plan-stage">
          <StageMeter stage={stage} /> {t('editor.stageNow', { stage: stageText(stage) })}
        </p>
        <SaveIndicator />
        <ProblemsSummary problems={problemList} />

        <form
          className="plan-form"
          onSubmit={(e) => e.preventDefault()}
          noValidate
          aria-labelledby="plan-title"
        >
          <fieldset className="plan-section">
            <legend>{t('editor.capability')}</legend>
            <div className="field-row">
              <Field path="area" label={t('editor.area')}>
                {(attrs) => (
                  <select
                    {...attrs}
                    {...register(inputName('area'), {
                      onChange: () => {
                        setValue(inputName('branch'), '');
                        record({ area: getValues(inputName('area')), branch: '' });
                      },
                    })}
                  >
                    {taxonomy.some((a) => a.code === plan.area) ? null : (
                      <option value={plan.area}>{plan.area}</option>
                    )}
                    {taxonomy.map((a) => (
                      <option key={a.code} value={a.code}>
                        {a.name} ({a.code}){a.inferred ? ` (${t('unverified')})` : ''}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field path="branch" label={t('editor.branch')}>
                {(attrs) => (
                  <select {...attrs} {...reg('branch')}>
                    <option value="">—</option>
                    {branches.some((b) => b.name === plan.branch) || !plan.branch ? null : (
                      <option value={plan.branch}>{plan.branch}</option>
                    )}
                    {branches.map((b) => (
                      <option key={b.name} value={b.name}>
                        {b.name}
                        {b.inferred ? ` (${t('unverified')})` : ''}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <TextInput path="service" label={t('editor.service')} list="plan-services" />
            <datalist id="plan-services">
              {services.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
            {family === 'physics' ? (
              <div className="field-row">
                <TextInput path="subService" label={t('editor.subService')} />
                <TextInput path="individualService" label={t('editor.individualService')} />
              </div>
            ) : null}
            <TextInput
              path="serviceCode"
              label={t('editor.serviceCode')}
              hint={t('editor.serviceCodeHint')}
              className="narrow"
            />
            <TextInput path="quantity" label={t('editor.quantity')} hint={t('editor.quantityHint')} />
            {family === 'chembio' ? (
              <div className="field-row">
                <TextInput path="analyte" label={t('editor.analyte')} />
                <TextInput path="matrix" label={t('editor.matrix')} />
              </div>
            ) : null}
            {family === 'radiation' ? (
              <div className="field-row">
                <TextInput path="nuclide" label={t('editor.nuclide')} hint={t('editor.nuclideHint')} />
                <TextInput path="source" label={t('editor.source')} />
                <TextInput path="medium" label={t('editor.medium')} className="narrow" />
              </div>
            ) : null}
            <div className="field-row">
              <TextInput path="instrument" label={t('editor.instrument')} />
              <TextInput path="instrumentType" label={t('editor.instrumentType')} />
            </div>
            <TextInput
              path="method"
              label={family === 'chembio' ? t('editor.technique') : t('editor.method')}
            />
            {family === 'chembio' ? (
              <div className="field-row">
                <Field path="crm" label={t('editor.crm')} className="narrow">
                  {(attrs) => (
                    <select {...attrs} {...reg('crm')}>
                      <option value="">{t('editor.crmNone')}</option>
                      <option value="yes">{t('editor.crmYes')}</option>
                      <option value="no">{t('editor.crmNo')}</option>
                    </select>
                  )}
                </Field>
                <TextInput
                  path="deliveryMechanism"
                  label={t('editor.deliveryMechanism')}
                  hint={t('editor.deliveryHint')}
                />
              </div>
            ) : null}
          </fieldset>

          <fieldset className="plan-section">
            <legend>{t('editor.range')}</legend>
            <div className="field-row">
              <TextInput
                path="rangeMin"
                label={t('editor.rangeMin')}
                inputMode="decimal"
                className="narrow"
              />
              <TextInput
                path="rangeMax"
                label={t('editor.rangeMax')}
                inputMode="decimal"
                className="narrow"
              />
              <TextInput
                path="rangeUnit"
                label={t('editor.rangeUnit')}
                list="plan-units"
                className="narrow"
              />
            </div>
            <UnitFlag unit={plan.rangeUnit} />
            <p className="hint">{t('editor.unitHint')}</p>
            <ParameterList
              initial={initial.parameterList}
              onChange={(list) => record({ parameterList: list })}
            />
          </fieldset>

          <fieldset className="plan-section">
            <legend>{t('editor.uncertainty')}</legend>
            <div className="field-row">
              <Field path="uncertaintyForm" label={t('editor.uncertaintyForm')}>
                {(attrs) => (
                  <select {...attrs} {...reg('uncertaintyForm')}>
                    <option value="range">{t('editor.formRange')}</option>
                    <option value="equation">{t('editor.formEquation')}</option>
                    <option value="table">{t('editor.formTable')}</option>
                  </select>
                )}
              </Field>
              <Field path="uncertaintyMode" label={t('editor.uncertaintyMode')}>
                {(attrs) => (
                  <select {...attrs} {...reg('uncertaintyMode')}>
                    <option value="absolute">{t('editor.modeAbsolute')}</option>
                    <option value="relative">{t('editor.modeRelative')}</option>
                  </select>
                )}
              </Field>
            </div>
            <div className="field-row">
              <TextInput
                path="uncertaintyMin"
                label={t('editor.uncertaintyMin')}
                inputMode="decimal"
                className="narrow"
              />
              <TextInput
                path="uncertaintyMax"
                label={t('editor.uncertaintyMax')}
                inputMode="decimal"
                className="narrow"
              />
              <TextInput
                path="uncertaintyUnit"
                label={t('editor.uncertaintyUnit')}
                list="plan-units"
                className="narrow"
              />
              <TextInput
                path="coverageFactor"
                label={t('editor.coverageFactor')}
                hint={t('editor.coverageHint')}
                inputMode="decimal"
                className="narrow"
              />
              <Field path="confidenceLevel" label={t('editor.confidenceLevel')} className="narrow">
                {(attrs) => (
                  <select {...attrs} {...reg('confidenceLevel')}>
                    <option value="">{t('editor.confidenceNone')}</option>
                    {CONFIDENCE_LEVELS.map((level) => (
                      <option key={level} value={level}>
                        {t(`confidence.${level}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <UnitFlag unit={plan.uncertaintyUnit} />
            {plan.confidenceLevel === 'stated' ? (
              <TextInput path="confidenceStated" label={t('editor.confidenceStated')} />
            ) : null}
            {plan.uncertaintyForm === 'equation' ? (
              <TextInput
                path="uncertaintyEquation"
                label={t('editor.uncertaintyEquation')}
                hint={t('editor.equationHint')}
              />
            ) : null}
            {plan.uncertaintyForm === 'table' ? (
              <UncertaintyTable
                initial={initial.uncertaintyTable}
                problem={problems.get('uncertaintyTable')}
                onChange={(rows) => record({ uncertaintyTable: rows })}
              />
            ) : null}
            <datalist id="plan-units">
              {UNIT_SUGGESTIONS.map((u) => (
                <option key={u} value={u} />
              ))}
            </datalist>
          </fieldset>

          <fieldset className="plan-section">
            <legend>{t('editor.traceability')}</legend>
            <TextInput path="referenceStandard" label={t('editor.referenceStandard')} />
            <TextInput
              path="traceabilitySource"
              label={t('editor.traceabilitySource')}
              hint={t('editor.traceabilityHint')}
            />
            <TextInput
              path="comparisons"
              label={t('editor.comparisons')}
              hint={t('editor.comparisonsHint')}
            />
            <TextInput
              path="internationalStandard"
              label={t('editor.internationalStandard')}
              hint={t('editor.internationalStandardHint')}
            />
          </fieldset>

          <fieldset className="plan-section">
            <legend>{t('editor.identifiers')}</legend>
            <div className="field-row">
              <TextInput path="serviceId" label={t('editor.serviceId')} />
              <TextInput path="kcdbId" label={t('editor.kcdbId')} hint={t('editor.kcdbHint')} />
              <DateField
                path="maintenanceDue"
                label={t('editor.maintenanceDue')}
                value={plan.maintenanceDue}
              />
            </div>
            <TextInput path="comments" label={t('editor.comments')} multiline />
          </fieldset>

          <section aria-labelledby="path-title" className="review-path">
            <h2 id="path-title">{t('editor.path')}</h2>
            <p className="hint">{t('editor.pathIntro')}</p>
            {(
              [
                ['prerequisite', t('editor.prerequisites'), 'ul'],
                ['submission', t('editor.submission'), 'ol'],
              ] as const
            ).map(([phase, title, List]) => (
              <section key={phase} aria-labelledby={`phase-${phase}`}>
                <h3 id={`phase-${phase}`}>{title}</h3>
                <List className={`milestones ${phase}`}>
                  {MILESTONES.filter((m) => m.phase === phase).map(({ key }) => (
                    <li key={key}>
                      <MilestoneFields
                        milestoneKey={key}
                        plan={plan}
                        today={today}
                        current={stage === key}
                        suggestions={providersFor(
                          { ...plan, branch: canonicalBranch(taxonomy, plan.area, plan.branch) },
                          plan.milestones[key].support,
                          matching.capabilities,
                        )}
                        onProvider={(value) => record({ [`milestones.${key}.provider`]: value })}
                      />
                    </li>
                  ))}
                </List>
              </section>
            ))}
          </section>

          <ChecklistFields plan={plan} />
          <ReviewRounds
            plan={plan}
            onAdd={(id, round) => {
              for (const [field, value] of Object.entries(round))
                setValue(inputName(`reviewRounds.${id}.${field}`), value);
              record({ [`reviewRounds.${id}`]: round });
            }}
            onRemove={(id) => record({ [`reviewRounds.${id}`]: null })}
          />
        </form>

        <div className="actions plan-actions no-print">
          <button
            type="button"
            className="secondary"
            onClick={() =>
              void flush().then(() => navigate(`/cmc-plans/${encodeURIComponent(initial._id)}/summary`))
            }
          >
            {t('editor.summary')}
          </button>
          <ExportCmcRows
            planIds={[initial._id]}
            cmc={cmc}
            institutes={institutes}
            taxonomy={taxonomy}
            fileName={`${fileSlug(institutes.get(plan.org).acronym || plan.org)}-cmc-${fileSlug(plan.service)}`}
            label={t('export.one')}
            beforeExport={flush}
          />
          {deletable ? (
            <button type="button" className="secondary danger" onClick={() => void remove()}>
              {t('editor.delete')}
            </button>
          ) : null}
        </div>
        {actionError ? <p role="alert">{actionError}</p> : null}
      </section>
    </EditorContext.Provider>
  );
}

function MilestoneFields({
  milestoneKey,
  plan,
  today,
  current,
  suggestions,
  onProvider,
}: {
  milestoneKey: MilestoneKey;
  plan: CmcPlanDoc;
  today: string;
  current: boolean;
  suggestions: ProviderMatch[];
  onProvider: (value: string) => void;
}) {
  const { t } = useTranslation('cmcPlans');
  const { reg } = useEditor();
  const milestone = plan.milestones[milestoneKey];
  const base = `milestones.${milestoneKey}`;
  const open = milestone.status !== 'done' && milestone.status !== 'not_needed';
  const days =
    open && /^\d{4}-\d{2}-\d{2}$/.test(milestone.planned) ? daysFrom(today, milestone.planned) : undefined;
  const legendId = `milestone-${milestoneKey}`;
  return (
    <fieldset
      className={`milestone ${milestone.status}${current ? ' current' : ''}`}
      aria-labelledby={legendId}
      data-testid={`milestone-${milestoneKey}`}
    >
      <legend id={legendId}>
        {milestoneLabel(milestoneKey)}{' '}
        <span className={`status-tag ${milestone.status}`}>{t(`status.${milestone.status}`)}</span>
        {days !== undefined ? (
          <>
            {' '}
            <DueTag days={days} />
          </>
        ) : null}
      </legend>
      <div className="field-row">
        <Field path={`${base}.status`} label={t('editor.milestoneStatus')} className="narrow">
          {(attrs) => (
            <select {...attrs} {...reg(`${base}.status`)}>
              {MILESTONE_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`status.${status}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <DateField path={`${base}.planned`} label={t('editor.planned')} value={milestone.planned} />
        <DateField path={`${base}.actual`} label={t('editor.actual')} value={milestone.actual} />
      </div>
      <fieldset className="plain support">
        <legend>{t('editor.supportNeeded')}</legend>
        {SUPPORT_TYPES.map((type: SupportType) => (
          <label key={type} className="choice inline">
            <input type="checkbox" value={type} {...reg(`${base}.support`)} /> {t(`support.${type}`)}
          </label>
        ))}
      </fieldset>
      {milestone.support.length > 0 || milestone.provider ? (
        <ProviderField
          id={fieldId(`${base}.provider`)}
          value={milestone.provider}
          suggestions={suggestions}
          onChange={onProvider}
        />
      ) : null}
      <TextInput path={`${base}.notes`} label={t('editor.notes')} multiline />
    </fieldset>
  );
}

/** A date input; a date typed in some other form earlier stays visible as text until corrected. */
function DateField({ path, label, value }: { path: string; label: string; value: string }) {
  const { reg } = useEditor();
  const typedText = value !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(value);
  return (
    <Field path={path} label={label} className="narrow">
      {(attrs) => <input type={typedText ? 'text' : 'date'} {...attrs} {...reg(path)} />}
    </Field>
  );
}

const OTHER = '__other__';

function ProviderField({
  id,
  value,
  suggestions,
  onChange,
}: {
  id: string;
  value: string;
  suggestions: ProviderMatch[];
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation('cmcPlans');
  const institutes = useInstitutes();
  // A provider is an institute (its slug) or anyone else (a programme, a person), typed.
  const isInstitute =
    value !== '' && (suggestions.some((s) => s.org === value) || institutes.get(value).from !== 'slug');
  const [choosingOther, setChoosingOther] = useState(false);
  const other = choosingOther || (value !== '' && !isInstitute);
  const selected = other ? OTHER : value;
  const describe = (match: ProviderMatch) => {
    const best = match.reasons[0];
    const what = best ? t(`match.${best.kind}`) : '';
    const where = best ? (best.branch ?? best.area) : '';
    return `${instituteLabel(institutes.get(match.org))} — ${t(`match.${closeness(match.score)}`)}: ${what} ${t('match.in', { where })}`;
  };
  return (
    <div className="field provider">
      <label htmlFor={id}>{t('editor.provider')}</label>
      <p className="hint" id={`${id}-hint`}>
        {suggestions.length > 0 ? t('editor.providerHint') : t('editor.noSuggestions')}
      </p>
      <select
        id={id}
        aria-describedby={`${id}-hint`}
        value={selected}
        onChange={(e) => {
          const next = e.target.value;
          setChoosingOther(next === OTHER);
          if (next === OTHER) {
            if (isInstitute) onChange('');
            return;
          }
          onChange(next);
        }}
      >
        <option value="">{t('editor.providerNone')}</option>
        {suggestions.length > 0 ? (
          <optgroup label={t('editor.providerSuggested')}>
            {suggestions.map((match) => (
              <option key={match.org} value={match.org}>
                {describe(match)}
              </option>
            ))}
          </optgroup>
        ) : null}
        {isInstitute && !suggestions.some((s) => s.org === value) ? (
          <option value={value}>{instituteLabel(institutes.get(value))}</option>
        ) : null}
        <option value={OTHER}>{t('editor.providerOther')}</option>
      </select>
      {other ? (
        <div className="field">
          <label htmlFor={`${id}-other`}>{t('editor.providerOtherName')}</label>
          <input
            id={`${id}-other`}
            defaultValue={isInstitute ? '' : value}
            onChange={(e) => onChange(e.target.value)}
          />
        </div>
      ) : null}
    </div>
  );
}

function ProblemsSummary({ problems }: { problems: readonly { field: string; message: string }[] }) {
  const { t } = useTranslation('cmcPlans');
  if (problems.length === 0)
    return (
      <p className="plan-check ok" data-testid="plan-check">
        {t('editor.allGood')}
      </p>
    );
  return (
    <div className="plan-check" data-testid="plan-check">
      <p>{t('editor.toCheckTitle', { count: problems.length })}</p>
      <ul>
        {problems.map((problem) => (
          <li key={`${problem.field}:${problem.message}`}>
            <button
              type="button"
              className="link-button"
              onClick={() => document.getElementById(fieldId(problem.field))?.focus()}
            >
              {problem.message}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The "not SI" flag of a unit with its SI equivalent (SI Brochure); nothing for SI units. */
function UnitFlag({ unit }: { unit: string }) {
  const { t } = useTranslation('cmcPlans');
  const flag = notSiFlag(unit);
  if (!flag) return null;
  return (
    <p className="unit-flag" data-testid="unit-flag">
      <span className="badge inferred">{t('editor.notSi')}</span> {unit}: {flag.replace(/^Not SI: /, '')}
    </p>
  );
}

const newId = (prefix: string) => `${prefix}${crypto.randomUUID().slice(0, 8)}`;

/**
 * The parameters of the measurement as a list (name, value or range, unit). The rows live in
 * this component while typing, and the whole list is recorded on each change.
 */
function ParameterList({
  initial,
  onChange,
}: {
  initial: readonly CmcParameter[];
  onChange: (list: CmcParameter[]) => void;
}) {
  const { t } = useTranslation('cmcPlans');
  const [rows, setRows] = useState<CmcParameter[]>(() => [...initial]);
  const update = (next: CmcParameter[]) => {
    setRows(next);
    onChange(next);
  };
  const set = (i: number, field: 'name' | 'value' | 'unit', value: string) =>
    update(rows.map((row, j) => (j === i ? { ...row, [field]: value } : row)));
  return (
    <fieldset className="plain params" data-testid="parameters">
      <legend>{t('editor.parameters')}</legend>
      <p className="hint">{t('editor.parametersIntro')}</p>
      {rows.map((row, i) => (
        <div className="field-row" key={row.id}>
          <div className="field">
            <label htmlFor={`param-${row.id}-name`}>{t('editor.paramName')}</label>
            <input
              id={`param-${row.id}-name`}
              value={row.name}
              onChange={(e) => set(i, 'name', e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`param-${row.id}-value`}>{t('editor.paramValue')}</label>
            <input
              id={`param-${row.id}-value`}
              value={row.value}
              onChange={(e) => set(i, 'value', e.target.value)}
            />
          </div>
          <div className="field narrow">
            <label htmlFor={`param-${row.id}-unit`}>{t('editor.paramUnit')}</label>
            <input
              id={`param-${row.id}-unit`}
              list="plan-units"
              value={row.unit}
              onChange={(e) => set(i, 'unit', e.target.value)}
            />
            <UnitFlag unit={row.unit} />
          </div>
          <button
            type="button"
            className="secondary small"
            aria-label={t('editor.paramRemove', { n: i + 1 })}
            onClick={() => update(rows.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="secondary"
        onClick={() => update([...rows, { id: newId('p'), name: '', value: '', unit: '' }])}
      >
        {t('editor.paramAdd')}
      </button>
    </fieldset>
  );
}

/** The uncertainty as a table: a value of the measurand and its expanded uncertainty per row. */
function UncertaintyTable({
  initial,
  problem,
  onChange,
}: {
  initial: readonly UncertaintyRow[];
  problem: string | undefined;
  onChange: (rows: UncertaintyRow[]) => void;
}) {
  const { t } = useTranslation('cmcPlans');
  const [rows, setRows] = useState(() =>
    initial.map((row) => ({
      id: row.id,
      value: String(row.value ?? ''),
      uncertainty: String(row.uncertainty ?? ''),
    })),
  );
  const stored = (text: string): number | string | null => {
    if (!text.trim()) return null;
    const number = numberOf(text);
    return typeof number === 'number' ? number : text;
  };
  const update = (next: typeof rows) => {
    setRows(next);
    onChange(
      next.map((row) => ({ id: row.id, value: stored(row.value), uncertainty: stored(row.uncertainty) })),
    );
  };
  return (
    <fieldset className="plain" data-testid="uncertainty-table">
      <legend>{t('editor.formTable')}</legend>
      {rows.map((row, i) => (
        <div className="field-row" key={row.id}>
          <div className="field narrow">
            <label htmlFor={`u-${row.id}-value`}>{t('editor.tableValue')}</label>
            <input
              id={`u-${row.id}-value`}
              inputMode="decimal"
              value={row.value}
              onChange={(e) => update(rows.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)))}
            />
          </div>
          <div className="field narrow">
            <label htmlFor={`u-${row.id}-u`}>{t('editor.tableU')}</label>
            <input
              id={`u-${row.id}-u`}
              inputMode="decimal"
              value={row.uncertainty}
              onChange={(e) =>
                update(rows.map((r, j) => (j === i ? { ...r, uncertainty: e.target.value } : r)))
              }
            />
          </div>
          <button
            type="button"
            className="secondary small"
            aria-label={t('editor.tableRemove', { n: i + 1 })}
            onClick={() => update(rows.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      <button
        type="button"
        className="secondary"
        onClick={() => update([...rows, { id: newId('u'), value: '', uncertainty: '' }])}
      >
        {t('editor.tableAdd')}
      </button>
    </fieldset>
  );
}

/** The checklist before submission (CIPM MRA-G-13's criteria and the KCDB's rows). */
function ChecklistFields({ plan }: { plan: CmcPlanDoc }) {
  const { t } = useTranslation('cmcPlans');
  const { reg, problems } = useEditor();
  const problem = CHECKLIST.map((item) => problems.get(`checklist.${item.key}`)).find(Boolean);
  return (
    <section aria-labelledby="checklist-title" className="plan-section checklist" data-testid="checklist">
      <h2 id="checklist-title">{t('editor.checklist')}</h2>
      <p className="hint">{t('editor.checklistIntro')}</p>
      {problem ? <p className="field-error">{problem}</p> : null}
      <ul className="plain-list">
        {CHECKLIST.map((item) => (
          <li key={item.key}>
            <label className="choice">
              <input
                type="checkbox"
                id={fieldId(`checklist.${item.key}`)}
                {...reg(`checklist.${item.key}.done`)}
              />{' '}
              {item.label}
            </label>
            {plan.checklist[item.key].done || plan.checklist[item.key].note ? (
              <input
                aria-label={`${t('editor.checkNote')}: ${item.label}`}
                placeholder={t('editor.checkNote')}
                {...reg(`checklist.${item.key}.note`)}
              />
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Review rounds: comments received, answers, and the resubmission when sent back. */
function ReviewRounds({
  plan,
  onAdd,
  onRemove,
}: {
  plan: CmcPlanDoc;
  onAdd: (id: string, round: ReviewRound) => void;
  onRemove: (id: string) => void;
}) {
  const { t } = useTranslation('cmcPlans');
  const { reg } = useEditor();
  const rounds = roundsInOrder(plan.reviewRounds);
  const add = () => {
    const current = ROUND_STAGES.find((stage) => plan.milestones[stage].status !== 'done') ?? 'jcrb';
    onAdd(newId('r'), {
      stage: current,
      received: '',
      from: '',
      comments: '',
      answered: '',
      answer: '',
      returned: false,
      resubmitted: '',
    });
  };
  return (
    <section aria-labelledby="rounds-title" className="plan-section rounds" data-testid="review-rounds">
      <h2 id="rounds-title">{t('editor.rounds')}</h2>
      <p className="hint">{t('editor.roundsIntro')}</p>
      {rounds.length === 0 ? (
        <p>{t('editor.roundsNone')}</p>
      ) : (
        <p data-testid="rounds-summary">
          {t('editor.roundsSummary', { rounds: rounds.length, returned: returnedRounds(plan) })}
        </p>
      )}
      {rounds.map(({ id, round }, i) => {
        const base = `reviewRounds.${id}`;
        return (
          <fieldset key={id} className="round" aria-labelledby={`round-${id}`} data-testid={`round-${i + 1}`}>
            <legend id={`round-${id}`}>
              {t('editor.roundTitle', { n: i + 1 })} — {t(`roundStage.${round.stage}`)}
            </legend>
            <div className="field-row">
              <Field path={`${base}.stage`} label={t('editor.roundStage')} className="narrow">
                {(attrs) => (
                  <select {...attrs} {...reg(`${base}.stage`)}>
                    {ROUND_STAGES.map((stage) => (
                      <option key={stage} value={stage}>
                        {t(`roundStage.${stage}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <DateField path={`${base}.received`} label={t('editor.roundReceived')} value={round.received} />
              <TextInput path={`${base}.from`} label={t('editor.roundFrom')} />
            </div>
            <TextInput path={`${base}.comments`} label={t('editor.roundComments')} multiline />
            <div className="field-row">
              <DateField path={`${base}.answered`} label={t('editor.roundAnswered')} value={round.answered} />
              <TextInput path={`${base}.answer`} label={t('editor.roundAnswer')} multiline />
            </div>
            <label className="choice">
              <input type="checkbox" id={fieldId(`${base}.returned`)} {...reg(`${base}.returned`)} />{' '}
              {t('editor.roundReturned')}
            </label>
            {round.returned ? (
              <DateField
                path={`${base}.resubmitted`}
                label={t('editor.roundResubmitted')}
                value={round.resubmitted}
              />
            ) : null}
            <button type="button" className="secondary" onClick={() => onRemove(id)}>
              {t('editor.roundRemove')}
            </button>
          </fieldset>
        );
      })}
      <button type="button" className="secondary" onClick={add}>
        {t('editor.roundAdd')}
      </button>
    </section>
  );
}
