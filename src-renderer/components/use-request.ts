// Loads one request channel's answer for a screen and reloads it when `key` changes (for instance
// when the shares list changed, which is how user and key changes are announced).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PayloadOf, RequestChannel, ResultOf } from '../../src-shared/contract/index.js';
import { useBridge } from '../app/wharf-context.js';

export interface Loaded<T> {
  readonly value: T | undefined;
  readonly error: string | undefined;
  readonly loading: boolean;
  reload(): void;
}

/** `payload` null: nothing to load yet (no share chosen). */
export function useRequest<C extends RequestChannel>(channel: C, payload: PayloadOf<C> | null, key: unknown = undefined): Loaded<ResultOf<C>> {
  const bridge = useBridge();
  const [value, setValue] = useState<ResultOf<C> | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  const payloadKey = payload === null ? null : JSON.stringify(payload);

  useEffect(() => {
    if (payloadKey === null) {
      setValue(undefined);
      return;
    }
    const id = ++latest.current;
    setLoading(true);
    void bridge.invoke(channel, JSON.parse(payloadKey) as PayloadOf<C>).then((result) => {
      if (id !== latest.current) return;
      setLoading(false);
      if (result.ok) {
        setValue(result.value);
        setError(undefined);
      } else {
        setError(result.error.message);
      }
    });
  }, [bridge, channel, payloadKey, key, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { value, error, loading, reload };
}
