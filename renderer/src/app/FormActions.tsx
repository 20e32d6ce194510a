/** A form's Save and Cancel, and what went wrong when saving, announced to screen readers. */
export function FormActions({
  save,
  cancel,
  onCancel,
  error,
}: {
  save: string;
  cancel: string;
  onCancel: () => void;
  /** What went wrong when saving; a form whose saving reports elsewhere gives none. */
  error?: string | undefined;
}) {
  return (
    <>
      <div className="actions">
        <button type="submit">{save}</button>
        <button type="button" className="secondary" onClick={onCancel}>
          {cancel}
        </button>
      </div>
      {error ? <p role="alert">{error}</p> : null}
    </>
  );
}
