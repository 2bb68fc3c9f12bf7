/**
 * A field's error messages under it. `id` is set only while there are errors: the field's
 * aria-describedby names it then, and it is absent otherwise.
 */
export function FieldError({ id, errors }: { id: string | undefined; errors?: readonly string[] }) {
  return id ? (
    <p id={id} className="field-error">
      {errors?.join(' ')}
    </p>
  ) : null;
}
