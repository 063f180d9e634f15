// Copies a value to the clipboard and says so for a moment ("Copied"), in a live region so screen
// readers hear it too. The button keeps its width when the word changes.
import { Check, Copy } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Button } from './button.js';

async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API refused (no permission or an insecure origin): fall back to a selection copy.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'offscreen';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

export interface CopyButtonProps {
  readonly value: string;
  /** What is copied, for assistive technology ("address sftp://…"); the visible text stays "Copy". */
  readonly what: string;
  readonly describedBy?: string;
}

export function CopyButton({ value, what, describedBy }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const copy = async () => {
    const ok = await writeClipboard(value);
    setState(ok ? 'copied' : 'failed');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState('idle'), 1800);
  };
  return (
    <span className="copy">
      <Button size="small" variant="quiet" onPress={() => void copy()} aria-label={describedBy ? undefined : `Copy ${what}`} aria-describedby={describedBy} className="copy-button">
        {state === 'copied' ? <Check size={14} aria-hidden="true" /> : <Copy size={14} aria-hidden="true" />}
        <span>{state === 'copied' ? 'Copied' : 'Copy'}</span>
      </Button>
      <span role="status" className="visually-hidden">{state === 'copied' ? `Copied ${what}` : state === 'failed' ? `Could not copy ${what}` : ''}</span>
    </span>
  );
}
