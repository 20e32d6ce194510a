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
  error: string | undefined;
}) {
  return (
    <>
      <button type="submit">{save}</button>{' '}
      <button type="button" className="secondary" onClick={onCancel}>
        {cancel}
      </button>
      {error ? <p role="alert">{error}</p> : null}
    </>
  );
}
