// Finished transfers, newest first: done or failed (in words and with an icon), size, when, and
// the average speed.
import { CheckCircle2, XCircle } from 'lucide-react';
import type { Transfer } from '../../../src-shared/contract/index.js';
import { formatBytes, formatClock, formatElapsed, formatSpeed } from '../../components/format.js';
import { Direction } from './transfer-list.js';

export function TransferHistory({ transfers }: { readonly transfers: readonly Transfer[] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Finished transfers</caption>
        <thead>
          <tr><th scope="col">File</th><th scope="col">User</th><th scope="col">Direction</th><th scope="col">Result</th><th scope="col" className="right">Size</th><th scope="col" className="right">Took</th><th scope="col">Ended</th></tr>
        </thead>
        <tbody>
          {transfers.map((t) => {
            const took = (t.endedAt ?? t.startedAt) - t.startedAt;
            const avg = took > 0 ? (t.bytes / took) * 1000 : 0;
            return (
              <tr key={t.id}>
                <th scope="row" className="cell-file" title={t.file}>{t.file}</th>
                <td className="cell-user">{t.user}</td>
                <td><Direction transfer={t} /></td>
                <td>
                  {t.state === 'done' ? (
                    <span className="ok-text"><CheckCircle2 size={14} aria-hidden="true" />Completed</span>
                  ) : (
                    <span className="warn-text"><XCircle size={14} aria-hidden="true" />Failed after {formatBytes(t.bytes)}</span>
                  )}
                </td>
                <td className="num right">{formatBytes(t.size ?? t.bytes)}</td>
                <td className="num right" title={avg > 0 ? `average ${formatSpeed(avg)}` : undefined}>{formatElapsed(took)}</td>
                <td className="num">{t.endedAt === null ? '—' : formatClock(t.endedAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
