// Transfers: what is moving now, the throughput of the last two minutes, and the history.
import { useMemo } from 'react';
import { useWharfState } from '../../app/wharf-context.js';
import { EmptyState } from '../../components/notices.js';
import { PageHeader, Section } from '../../components/page.js';
import { useNow } from '../../components/use-now.js';
import { SpeedWindow } from './speed-window.js';
import { ThroughputChart } from './throughput-chart.js';
import { TransferHistory } from './transfer-history.js';
import { LiveTransfers } from './transfer-list.js';

export function TransfersScreen() {
  const stats = useWharfState((s) => s.stats);
  const now = useNow(1000);
  const speeds = useMemo(() => new SpeedWindow(), []);
  const transfers = stats?.transfers ?? [];
  // Idempotent per snapshot: a sample is added only when a newer snapshot arrives.
  if (stats) speeds.update(stats.transfers, stats.at);
  const active = transfers.filter((t) => t.state === 'active');
  const finished = transfers.filter((t) => t.state !== 'active');

  return (
    <>
      <PageHeader title="Transfers" description="Files moving through Wharf right now, and the ones that finished lately." />
      <Section title="In progress">
        {active.length === 0 ? (
          <EmptyState title="Nothing is moving">Uploads and downloads appear here while clients copy files.</EmptyState>
        ) : (
          <LiveTransfers transfers={active} speeds={speeds} />
        )}
      </Section>
      <Section title="Throughput, last 2 minutes">
        <ThroughputChart samples={stats?.throughput ?? []} now={Math.max(now, stats?.at ?? 0)} />
      </Section>
      <Section title="History">
        {finished.length === 0 ? (
          <EmptyState title="No finished transfers yet">Completed and failed transfers are listed here, newest first.</EmptyState>
        ) : (
          <TransferHistory transfers={finished} />
        )}
      </Section>
    </>
  );
}
