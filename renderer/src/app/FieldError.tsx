/** A field's validation message, announced to screen readers. */
export function FieldError({ id, message }: { id: string; message?: string | undefined }) {
  if (!message) return null;
  return (
    <p className="field-error" id={`${id}-error`} role="alert">
      {message}
    </p>
  );
}

/** The attributes that tie an input to its FieldError. */
export function invalidProps(
  id: string,
  message: string | undefined,
): { 'aria-invalid': boolean; 'aria-describedby'?: string } {
  return message ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : { 'aria-invalid': false };
}
