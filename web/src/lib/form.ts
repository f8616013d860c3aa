import type { FormInstance } from "antd";

/**
 * The form's values when every field is valid; undefined when one is not (antd already shows the
 * fields' messages, so the caller simply stops and the form stays open). Any other failure is
 * rethrown.
 */
export async function validValues<T>(form: FormInstance<T>): Promise<T | undefined> {
  try {
    return await form.validateFields();
  } catch (err) {
    // antd rejects an invalid form (or a validation overtaken by a newer one) with { errorFields, … }.
    if (
      typeof err === "object" &&
      err !== null &&
      Array.isArray((err as { errorFields?: unknown }).errorFields)
    )
      return undefined;
    throw err;
  }
}
