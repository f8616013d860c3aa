import type { FormInstance } from "antd";

/**
 * The form's values when every field is valid; undefined when one is not (antd already shows the
 * fields' messages, so the caller simply stops and the form stays open). A validation that antd
 * reports as overtaken by a newer one (`outOfDate`, no field in error) is asked again, so that a
 * press of 确定 while a field is still validating is not lost. Any other failure is rethrown.
 */
export async function validValues<T>(form: FormInstance<T>): Promise<T | undefined> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await form.validateFields();
    } catch (err) {
      const failed = err as { errorFields?: unknown[]; outOfDate?: boolean } | null;
      if (typeof failed !== "object" || failed === null || !Array.isArray(failed.errorFields)) throw err;
      if (failed.errorFields.length > 0 || !failed.outOfDate || attempt >= 3) return undefined;
    }
  }
}
