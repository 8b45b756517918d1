import type { FormInstance } from 'antd';
import { useState } from 'react';
import { showError } from '../api/client.js';

/**
 * The one way a form submits: `saving` while the request runs, server field errors put on the
 * fields (or a message), and an optional hook for errors a form treats specially.
 */
export function useFormSubmit<V>(form: FormInstance, run: (values: V) => Promise<void>, onError?: (err: unknown) => void) {
  const [saving, setSaving] = useState(false);
  const submit = async (values: V) => {
    setSaving(true);
    try {
      await run(values);
    } catch (err) {
      showError(err, form);
      onError?.(err);
    } finally {
      setSaving(false);
    }
  };
  return { saving, submit };
}
