import { funderChoice } from './funding.form';

interface FunderProgrammes {
  id: string;
  _id: string;
  name: string;
  programmes: Readonly<Record<string, { name: string }>>;
}

/** None, then every funder's programmes as "Funder — Programme" (the value ties both). */
export function ProgrammeOptions({ funders }: { funders: readonly FunderProgrammes[] }) {
  return (
    <>
      <option value="">—</option>
      {funders.flatMap((f) =>
        Object.entries(f.programmes).map(([id, p]) => (
          <option key={`${f.id}|${id}`} value={funderChoice(f._id, id)}>
            {f.name} — {p.name}
          </option>
        )),
      )}
    </>
  );
}
