// Runs one request for a button or form: busy while it runs, the error message (written by main
// for the person) when it fails, the value when it succeeds.
import { useCallback, useState } from 'react';
import type { Envelope } from '../../src-shared/contract/index.js';

export interface Action {
  readonly busy: boolean;
  readonly error: string | undefined;
  setError(message: string | undefined): void;
  /** Resolves with the value, or undefined when the request failed (the error is then set). */
  run<T>(request: () => Promise<Envelope<T>>): Promise<T | undefined>;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const run = useCallback(async <T,>(request: () => Promise<Envelope<T>>): Promise<T | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await request();
      if (result.ok) return result.value;
      setError(result.error.message);
      return undefined;
    } catch {
      setError('Wharf did not answer; check that it is still running, then try again');
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
