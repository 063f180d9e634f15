// App-wide settings, each saved as soon as it changes: case-insensitive names (with this system's
// default), theme, start at login, close to tray, resume sharing on launch, and where new shares
// listen. The screen also says which Wharf this is.
import type { AppSettings } from '../../../src-shared/contract/index.js';
import { useBridge, useStore, useWharfState } from '../../app/wharf-context.js';
import { SwitchField } from '../../components/fields.js';
import { ErrorText } from '../../components/notices.js';
import { PageHeader, Section } from '../../components/page.js';
import { RadioCards } from '../../components/radio-cards.js';
import { useAction } from '../../components/use-action.js';

const PLATFORM_NAMES: Readonly<Record<string, string>> = { win32: 'Windows', darwin: 'macOS', linux: 'Linux' };

export function SettingsScreen() {
  const bridge = useBridge();
  const store = useStore();
  const settings = useWharfState((s) => s.settings);
  const info = useWharfState((s) => s.info);
  const action = useAction();

  if (!settings) return <p className="muted loading">Loading settings…</p>;
  const save = async (patch: Partial<AppSettings>) => {
    const saved = await action.run(() => bridge.invoke('settings:update', patch));
    if (saved) store.setSettings(saved);
  };
  const platform = info ? (PLATFORM_NAMES[info.platform] ?? info.platform) : 'this system';
  const systemCase = info?.caseInsensitiveDefault;
  const desktopOnly = info?.mode === 'headless' ? ' Applies to the desktop app; this web UI has no tray.' : '';

  return (
    <>
      <PageHeader title="Settings" description="Apply to every share and to the app itself; each change is saved at once." />
      {action.error && <ErrorText>{action.error}</ErrorText>}
      <Section title="Appearance">
        <RadioCards
          label="Theme"
          layout="row"
          value={settings.theme}
          onChange={(theme) => void save({ theme })}
          options={[
            { value: 'system', label: 'System', description: 'Follows your system' },
            { value: 'light', label: 'Light' },
            { value: 'dark', label: 'Dark' },
          ]}
        />
      </Section>
      <Section title="File names">
        <RadioCards
          label="Case-insensitive file names"
          value={settings.caseInsensitive === null ? 'system' : settings.caseInsensitive ? 'on' : 'off'}
          onChange={(v) => void save({ caseInsensitive: v === 'system' ? null : v === 'on' })}
          description="When a client asks for “Report.PDF” and only “report.pdf” exists, find it anyway. Shares that set it themselves (Cache, Advanced) keep their own choice."
          options={[
            { value: 'system', label: `${platform} default (${systemCase === undefined ? '…' : systemCase ? 'on' : 'off'})`, description: 'On for Windows and macOS, off elsewhere.' },
            { value: 'on', label: 'On' },
            { value: 'off', label: 'Off' },
          ]}
        />
      </Section>
      <Section title="Sharing">
        <RadioCards
          label="New shares listen on"
          value={settings.defaultBind}
          onChange={(defaultBind) => void save({ defaultBind })}
          description="For “Share folder over SFTP”. Each share can be changed later (Edit)."
          options={[
            { value: 'localhost', label: 'This computer only', description: 'Only programs on this computer can connect (127.0.0.1).' },
            { value: 'network', label: 'My network', description: 'Other devices on your network can connect, with the password.' },
          ]}
        />
        <SwitchField isSelected={settings.resumeOnLaunch} onChange={(resumeOnLaunch) => void save({ resumeOnLaunch })}
          description="Servers that were running when Wharf quit start again when it opens.">
          Resume sharing on launch
        </SwitchField>
      </Section>
      <Section title="Desktop">
        <SwitchField isSelected={settings.startAtLogin} onChange={(startAtLogin) => void save({ startAtLogin })}
          description={`Open Wharf when you log in to this computer.${desktopOnly}`}>
          Start at login
        </SwitchField>
        <SwitchField isSelected={settings.closeToTray} onChange={(closeToTray) => void save({ closeToTray })}
          description={`Closing the window keeps sharing from the tray icon; quit from the tray menu.${desktopOnly}`}>
          Close to tray
        </SwitchField>
      </Section>
      {info && (
        <p className="about muted">
          Wharf {info.version} on {platform} · {info.mode === 'headless' ? 'web UI (headless)' : 'desktop app'}
        </p>
      )}
    </>
  );
}
