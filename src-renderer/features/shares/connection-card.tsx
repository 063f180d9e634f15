// The connection card of a running server: every address with Copy, a QR code of the address other
// devices can use, port, user, the password (only right after it was generated: labelled
// "Password", hidden until Show), the host-key fingerprint in monospace, and a one-line how-to.
// Every value is rendered as text by React, never as markup.
import { QRCodeSVG } from 'qrcode.react';
import { useId } from 'react';
import type { ConnectionCard } from '../../../src-shared/contract/index.js';
import { Button } from '../../components/button.js';
import { CopyButton } from '../../components/copy-button.js';
import { SecretField } from '../../components/secret-field.js';

const LOOPBACK = /^(127\.|::1$|localhost$)/;

/** The address a phone or another computer can use: the first non-loopback one, else the first. */
export function qrAddress(card: ConnectionCard): { readonly url: string; readonly localOnly: boolean } | undefined {
  const remote = card.urls.find((u) => !LOOPBACK.test(u.address));
  const chosen = remote ?? card.urls[0];
  return chosen ? { url: chosen.url, localOnly: remote === undefined } : undefined;
}

export interface ConnectionCardViewProps {
  readonly card: ConnectionCard;
  /** Dismisses a card that shows a generated password ("I have noted it"). */
  readonly onDone?: () => void;
}

export function ConnectionCardView({ card, onDone }: ConnectionCardViewProps) {
  const protocol = card.protocol.toUpperCase();
  const qr = qrAddress(card);
  const fingerprintId = useId();
  return (
    <section className={card.password === null ? 'conn-card' : 'conn-card conn-card-fresh'} aria-label={`Connection card for ${card.shareName} over ${protocol}`}>
      <div className="conn-main">
        <h3 className="conn-title">Connect over {protocol}</h3>
        <ul className="conn-urls" aria-label="Addresses">
          {card.urls.map((u) => (
            <li key={u.url}>
              <code className="conn-url">{u.url}</code>
              <CopyButton value={u.url} what={`address ${u.url}`} />
            </li>
          ))}
        </ul>
        <dl className="facts">
          <dt>Port</dt>
          <dd className="num">{card.port}</dd>
          <dt>User</dt>
          <dd>{card.user ?? 'Decided by the auth proxy'}</dd>
          {card.password === null && card.user !== null && (
            <>
              <dt>Password</dt>
              <dd className="muted">Shown only when it is made; set a new one in Users if it is lost.</dd>
            </>
          )}
          {card.fingerprint !== null && (
            <>
              <dt id={fingerprintId}>Host key</dt>
              <dd className="fingerprint-row">
                <code className="fingerprint">{card.fingerprint}</code>
                <CopyButton value={card.fingerprint} what="host key fingerprint" />
              </dd>
            </>
          )}
        </dl>
        {card.password !== null && (
          <div className="fresh-password">
            <SecretField value={card.password} />
            <p className="field-description">Shown only now: copy it or note it down before you press Done.</p>
          </div>
        )}
        <p className="conn-hint">{card.hint}</p>
        {card.fingerprint !== null && (
          <p className="field-description">On first connect your client shows the host key: it must match the one above.</p>
        )}
        {onDone && card.password !== null && (
          <div className="conn-done">
            <Button variant="primary" onPress={onDone}>Done, I have the password</Button>
          </div>
        )}
      </div>
      {qr && (
        <figure className="conn-qr">
          <div className="qr-box">
            <QRCodeSVG value={qr.url} size={128} marginSize={2} level="M" bgColor="#ffffff" fgColor="#000000" role="img" aria-label={`QR code of the address ${qr.url}`} />
          </div>
          <figcaption>{qr.localOnly ? 'Works on this computer only: listen on your network to connect from other devices.' : 'Scan with a phone on the same network.'}</figcaption>
        </figure>
      )}
    </section>
  );
}
