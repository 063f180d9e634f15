// Who is connected now (user, address, protocol, share, since) with Disconnect, and the addresses
// banned after too many failed logins, with Unban.
import { Ban as BanIcon, Unplug } from 'lucide-react';
import type { Ban, Session, Share } from '../../../src-shared/contract/index.js';
import { useBridge, useWharfState } from '../../app/wharf-context.js';
import { Button } from '../../components/button.js';
import { formatAgo, formatClock, formatIn } from '../../components/format.js';
import { EmptyState, ErrorText } from '../../components/notices.js';
import { PageHeader, Section } from '../../components/page.js';
import { useAction } from '../../components/use-action.js';
import { useNow } from '../../components/use-now.js';

function shareName(shares: readonly Share[] | undefined, id: string): string {
  return shares?.find((s) => s.id === id)?.name ?? 'a removed share';
}

export function SessionsScreen() {
  const stats = useWharfState((s) => s.stats);
  const shares = useWharfState((s) => s.shares);
  const now = useNow(5000);
  const sessions = stats?.sessions ?? [];
  const bans = stats?.bans ?? [];
  return (
    <>
      <PageHeader title="Sessions" description="Who is connected now, and addresses locked out after too many wrong passwords." />
      <Section title="Connected">
        {sessions.length === 0 ? (
          <EmptyState title="Nobody is connected">When a client logs in to a share, it shows up here with a Disconnect button.</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Connected sessions</caption>
              <thead>
                <tr><th scope="col">User</th><th scope="col">Address</th><th scope="col">Protocol</th><th scope="col">Share</th><th scope="col">Since</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
              </thead>
              <tbody>
                {sessions.map((s) => <SessionRow key={`${s.shareId}/${s.id}`} session={s} share={shareName(shares, s.shareId)} now={now} />)}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      <Section title="Banned addresses">
        {bans.length === 0 ? (
          <EmptyState title="No banned addresses">An address that fails to log in 10 times within 10 minutes is locked out for a while; it shows up here.</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Banned addresses</caption>
              <thead>
                <tr><th scope="col">Address</th><th scope="col">Share</th><th scope="col">Banned</th><th scope="col">Ends</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
              </thead>
              <tbody>
                {bans.map((b) => <BanRow key={`${b.shareId}/${b.ip}`} ban={b} share={shareName(shares, b.shareId)} now={now} />)}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </>
  );
}

function SessionRow({ session, share, now }: { readonly session: Session; readonly share: string; readonly now: number }) {
  const bridge = useBridge();
  const action = useAction();
  return (
    <tr>
      <th scope="row" className="cell-name">{session.user}</th>
      <td className="mono">{session.clientIp}</td>
      <td>{session.protocol.toUpperCase()}</td>
      <td>{share}</td>
      <td className="num" title={formatClock(session.since)}>{formatAgo(session.since, now)}</td>
      <td className="cell-actions">
        <Button size="small" onPress={() => void action.run(() => bridge.invoke('sessions:disconnect', { shareId: session.shareId, id: session.id }))}
          isDisabled={action.busy} aria-label={`Disconnect ${session.user} from ${session.clientIp}`}>
          <Unplug size={14} aria-hidden="true" /><span>Disconnect</span>
        </Button>
        {action.error && <ErrorText>{action.error}</ErrorText>}
      </td>
    </tr>
  );
}

function BanRow({ ban, share, now }: { readonly ban: Ban; readonly share: string; readonly now: number }) {
  const bridge = useBridge();
  const action = useAction();
  return (
    <tr>
      <th scope="row" className="mono"><BanIcon size={14} aria-hidden="true" /> {ban.ip}</th>
      <td>{share}</td>
      <td className="num" title={formatClock(ban.since)}>{formatAgo(ban.since, now)}</td>
      <td className="num" title={formatClock(ban.until)}>{formatIn(ban.until, now)}</td>
      <td className="cell-actions">
        <Button size="small" onPress={() => void action.run(() => bridge.invoke('bans:lift', { shareId: ban.shareId, ip: ban.ip }))}
          isDisabled={action.busy} aria-label={`Unban ${ban.ip}`}>
          Unban
        </Button>
        {action.error && <ErrorText>{action.error}</ErrorText>}
      </td>
    </tr>
  );
}
