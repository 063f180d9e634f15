// Running transfers: file, user, direction, a progress bar (percent when the size is known, a
// moving stripe with the bytes so far when it is not, as for uploads), speed and time left
// smoothed over a second. Columns have fixed widths and tabular digits so updates do not jump.
import { ArrowDown, ArrowUp } from 'lucide-react';
import { ProgressBar } from 'react-aria-components';
import type { Transfer } from '../../../src-shared/contract/index.js';
import { formatBytes, formatEta, formatSpeed, percentOf } from '../../components/format.js';
import type { SpeedWindow } from './speed-window.js';

export function Direction({ transfer }: { readonly transfer: Transfer }) {
  const up = transfer.direction === 'upload';
  return (
    <span className="direction">
      {up ? <ArrowUp size={14} aria-hidden="true" /> : <ArrowDown size={14} aria-hidden="true" />}
      {up ? 'Upload' : 'Download'}
    </span>
  );
}

export function LiveTransfers({ transfers, speeds }: { readonly transfers: readonly Transfer[]; readonly speeds: SpeedWindow }) {
  return (
    <div className="table-wrap">
      <table className="table transfers-table">
        <caption className="visually-hidden">Transfers in progress</caption>
        <colgroup>
          <col /><col className="col-user" /><col className="col-dir" /><col className="col-progress" /><col className="col-speed" /><col className="col-eta" />
        </colgroup>
        <thead>
          <tr><th scope="col">File</th><th scope="col">User</th><th scope="col">Direction</th><th scope="col">Progress</th><th scope="col" className="right">Speed</th><th scope="col" className="right">Time left</th></tr>
        </thead>
        <tbody>
          {transfers.map((t) => {
            const { speed, eta } = speeds.rate(t);
            const known = t.size !== null && t.size > 0;
            const percent = known && t.size !== null ? percentOf(t.bytes, t.size) : null;
            const valueText = percent !== null && t.size !== null ? `${percent}% (${formatBytes(t.bytes)} of ${formatBytes(t.size)})` : `${formatBytes(t.bytes)} so far`;
            return (
              <tr key={t.id} data-transfer-id={t.id}>
                <th scope="row" className="cell-file" title={t.file}>{t.file}</th>
                <td className="cell-user">{t.user}</td>
                <td><Direction transfer={t} /></td>
                <td>
                  <ProgressBar
                    className="progress"
                    aria-label={`Progress of ${t.file}`}
                    value={percent ?? undefined}
                    isIndeterminate={percent === null}
                    valueLabel={valueText}
                  >
                    <div className={percent === null ? 'bar bar-indeterminate' : 'bar'}>
                      <div className="bar-fill" style={percent === null ? undefined : { width: `${percent}%` }} />
                    </div>
                    <span className="progress-text num">{valueText}</span>
                  </ProgressBar>
                </td>
                <td className="num right">{formatSpeed(speed)}</td>
                <td className="num right">{formatEta(eta)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
