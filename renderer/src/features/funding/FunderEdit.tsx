/**
 * The secretariat edits a funder in place: its own fields, each programme (what it funds, who
 * is eligible, how to apply, contacts) and each programme's calls with their deadlines. Every
 * change is saved as typed (use-funding-edit.ts); deleting a funder, a programme or a call asks
 * first and says what still names it. Institutes see the change after their next sync.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { emptyProgramme, type Programme } from '@shared/docs/funder/schema';
import { namesOfFunder } from '@shared/funding/edit';
import { FUNDER_KIND_LABELS, FUNDER_KINDS } from '@shared/funding/kinds';
import type { DebouncedSave } from '../../app/use-debounced-save';
import { SaveIndicator } from '../../app/SaveIndicator';
import { deleteDoc } from '../../data/funding';
import type { FunderRow } from '../../data/funding-projector';
import { ConfirmDelete } from './ConfirmDelete';
import { ProgrammeChecks, type ProgrammeList } from './ProgrammeChecks';
import { programmeFormSchema } from './funding.form';
import { useFunding } from './use-funding';
import { useFunderEdit } from './use-funding-edit';
import { ChoiceOptions } from '../../app/options';

const newId = () => crypto.randomUUID().slice(0, 8);
type Edit = DebouncedSave<Record<string, unknown>>;

export function FunderEdit({ funder, onClose }: { funder: FunderRow; onClose: () => void }) {
  const { t } = useTranslation('funding');
  const { workspace, supports, activities } = useFunding();
  const edit = useFunderEdit(funder._id);
  // Programmes added here show at once, before the read model has the new revision.
  const [added, setAdded] = useState<Record<string, Programme>>({});
  const [removed, setRemoved] = useState<Set<string>>(new Set());
  const programmes = Object.entries({ ...funder.programmes, ...added }).filter(([id]) => !removed.has(id));
  const f = `edit-${funder.id}`;
  const named = namesOfFunder(funder._id, undefined, { supports, activities });
  return (
    <div className="edit funder-edit" data-testid={`edit-${funder.id}`}>
      <SaveIndicator />
      <div className="row">
        <div className="field">
          <label htmlFor={`${f}-name`}>{t('map.name')}</label>
          <input
            id={`${f}-name`}
            defaultValue={funder.name}
            onChange={(e) => edit.change({ name: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${f}-kind`}>{t('map.kind')}</label>
          <select
            id={`${f}-kind`}
            defaultValue={funder.kind}
            onChange={(e) => edit.change({ kind: e.target.value })}
          >
            <ChoiceOptions values={FUNDER_KINDS} labels={FUNDER_KIND_LABELS} />
          </select>
        </div>
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor={`${f}-website`}>{t('map.website')}</label>
          <input
            id={`${f}-website`}
            defaultValue={funder.website}
            onChange={(e) => edit.change({ website: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${f}-contacts`}>{t('map.contacts')}</label>
          <input
            id={`${f}-contacts`}
            defaultValue={funder.contacts}
            onChange={(e) => edit.change({ contacts: e.target.value })}
          />
        </div>
      </div>
      {programmes.map(([id, p]) => (
        <ProgrammeEdit
          key={id}
          funder={funder}
          id={id}
          programme={p}
          edit={edit}
          onRemoved={() => setRemoved((r) => new Set(r).add(id))}
        />
      ))}
      <p>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            const id = newId();
            const programme = emptyProgramme(t('edit.newProgramme'));
            setAdded((a) => ({ ...a, [id]: programme }));
            edit.change({ [`programmes.${id}`]: programme });
          }}
        >
          {t('map.addProgramme')}
        </button>
      </p>
      <div className="edit-actions">
        <button type="button" onClick={() => void edit.flush().then(onClose)}>
          {t('edit.done')}
        </button>
        <ConfirmDelete
          label={t('edit.deleteFunder')}
          consequence={t('edit.deleteFunderWhat', {
            name: funder.name,
            supports: named.supports,
            activities: named.activities,
          })}
          onDelete={async () => {
            await edit.flush();
            await deleteDoc(workspace.libraryRepository, funder._id);
            onClose();
          }}
        />
      </div>
    </div>
  );
}

function ProgrammeEdit({
  funder,
  id,
  programme,
  edit,
  onRemoved,
}: {
  funder: FunderRow;
  id: string;
  programme: Programme;
  edit: Edit;
  onRemoved: () => void;
}) {
  const { t } = useTranslation('funding');
  const { supports, activities } = useFunding();
  const [calls, setCalls] = useState(() => Object.entries(programme.calls));
  const [sdgError, setSdgError] = useState<string>();
  const p = `edit-${funder.id}-${id}`;
  const path = (field: string) => `programmes.${id}.${field}`;
  const named = namesOfFunder(funder._id, id, { supports, activities });
  const list = (field: ProgrammeList, form: HTMLFieldSetElement) =>
    edit.change({
      [path(field)]: [...form.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value),
    });
  return (
    <fieldset className="programme" data-testid={`programme-edit-${id}`}>
      <legend>{programme.name || t('map.programme')}</legend>
      <div className="field">
        <label htmlFor={`${p}-name`}>{t('map.programme')}</label>
        <input
          id={`${p}-name`}
          defaultValue={programme.name}
          onChange={(e) => edit.change({ [path('name')]: e.target.value })}
        />
      </div>
      <ProgrammeChecks
        checkbox={(field, value) => ({
          defaultChecked: (programme[field] as readonly string[]).includes(value),
        })}
        onChange={list}
      />
      <div className="field">
        <label htmlFor={`${p}-sdgs`}>{t('map.sdgs')}</label>
        <input
          id={`${p}-sdgs`}
          defaultValue={programme.sdgs.join(', ')}
          aria-invalid={Boolean(sdgError)}
          aria-describedby={sdgError ? `${p}-sdgs-error` : undefined}
          onChange={(e) => {
            const checked = programmeFormSchema.shape.sdgs.safeParse(e.target.value);
            setSdgError(checked.success ? undefined : checked.error.issues[0]?.message);
            if (checked.success)
              edit.change({
                [path('sdgs')]: e.target.value
                  .split(/[,\s]+/)
                  .filter(Boolean)
                  .map(Number),
              });
          }}
        />
        {sdgError ? (
          <p className="field-error" id={`${p}-sdgs-error`}>
            {sdgError}
          </p>
        ) : null}
      </div>
      {(['eligibility', 'howToApply'] as const).map((field) => (
        <div className="field" key={field}>
          <label htmlFor={`${p}-${field}`}>{t(`map.${field}`)}</label>
          <textarea
            id={`${p}-${field}`}
            rows={2}
            defaultValue={programme[field]}
            onChange={(e) => edit.change({ [path(field)]: e.target.value })}
          />
        </div>
      ))}
      <div className="field">
        <label htmlFor={`${p}-contacts`}>{t('map.contacts')}</label>
        <input
          id={`${p}-contacts`}
          defaultValue={programme.contacts}
          onChange={(e) => edit.change({ [path('contacts')]: e.target.value })}
        />
      </div>
      <h5>{t('edit.calls')}</h5>
      {calls.map(([cid, call]) => (
        <div className="row call-edit" key={cid} data-testid={`call-edit-${cid}`}>
          <div className="field">
            <label htmlFor={`${p}-${cid}-title`}>{t('map.callTitle')}</label>
            <input
              id={`${p}-${cid}-title`}
              defaultValue={call.title}
              onChange={(e) => edit.change({ [path(`calls.${cid}.title`)]: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${p}-${cid}-deadline`}>{t('map.deadline')}</label>
            <input
              id={`${p}-${cid}-deadline`}
              type="date"
              defaultValue={call.deadline}
              onChange={(e) => edit.change({ [path(`calls.${cid}.deadline`)]: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${p}-${cid}-url`}>{t('edit.callUrl')}</label>
            <input
              id={`${p}-${cid}-url`}
              defaultValue={call.url}
              onChange={(e) => edit.change({ [path(`calls.${cid}.url`)]: e.target.value })}
            />
          </div>
          <ConfirmDelete
            label={t('edit.deleteCall')}
            consequence={t('edit.deleteCallWhat', { title: call.title || t('map.callTitle') })}
            onDelete={() => {
              edit.change({ [path(`calls.${cid}`)]: null });
              setCalls((c) => c.filter(([other]) => other !== cid));
            }}
          />
        </div>
      ))}
      <p>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            const cid = newId();
            const call = { title: '', deadline: '', url: '' };
            edit.change({ [path(`calls.${cid}`)]: call });
            setCalls((c) => [...c, [cid, call]]);
          }}
        >
          {t('edit.addCall')}
        </button>
      </p>
      <ConfirmDelete
        label={t('edit.deleteProgramme')}
        consequence={t('edit.deleteProgrammeWhat', {
          name: programme.name,
          supports: named.supports,
          activities: named.activities,
        })}
        onDelete={() => {
          edit.change({ [`programmes.${id}`]: null });
          onRemoved();
        }}
      />
    </fieldset>
  );
}
