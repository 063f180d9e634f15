// Which safety banners the window shows, worked out from the shares alone: plain FTP (never
// encrypted: shares have no TLS setting), a share open to the network whose logins Wharf does not
// guard with a password of its own (an auth proxy decides), and a share of a whole home folder or
// disk. Pure and DOM-free so the rules are unit-tested.
import type { Share } from '../../../src-shared/contract/index.js';

export type BannerKind = 'ftp-plain' | 'network-no-password' | 'home-folder';

export interface SafetyBanner {
  /** Stable key: kind plus share id. */
  readonly key: string;
  readonly kind: BannerKind;
  readonly shareId: string;
  readonly title: string;
  readonly text: string;
}

/** Home folders (Linux, macOS, Windows, root's) and whole disks, by their usual paths. */
const HOME_FOLDER = [
  /^\/home\/[^/]+\/?$/,
  /^\/var\/home\/[^/]+\/?$/,
  /^\/Users\/[^/]+\/?$/,
  /^\/root\/?$/,
  /^[A-Za-z]:[\\/]Users[\\/][^\\/]+[\\/]?$/,
];
const WHOLE_DISK = [/^\/$/, /^[A-Za-z]:[\\/]?$/];

export function isHomeFolder(path: string): boolean {
  return HOME_FOLDER.some((re) => re.test(path));
}

export function isWholeDisk(path: string): boolean {
  return WHOLE_DISK.some((re) => re.test(path));
}

function onNetwork(share: Share): boolean {
  return (share.sftp.enabled && share.sftp.bind === 'network') || (share.ftp.enabled && share.ftp.bind === 'network');
}

export function safetyBanners(shares: readonly Share[]): SafetyBanner[] {
  const out: SafetyBanner[] = [];
  for (const share of shares) {
    const name = `“${share.name}”`;
    if (share.ftp.enabled) {
      const where = share.ftp.bind === 'network' ? 'anyone on your network' : 'any program on this computer';
      out.push({
        key: `ftp-plain:${share.id}`,
        kind: 'ftp-plain',
        shareId: share.id,
        title: `FTP on ${name} is not encrypted`,
        text: `Passwords and files cross the connection as plain text that ${where} can read. Use SFTP, or turn FTP off for this share.`,
      });
    }
    if (onNetwork(share) && share.authProxy !== null) {
      out.push({
        key: `network-no-password:${share.id}`,
        kind: 'network-no-password',
        shareId: share.id,
        title: `${name} is open to your network without a Wharf password`,
        text: 'Its logins are decided by the auth proxy program, not by a password Wharf checks. Make sure the program refuses strangers, or listen on this computer only.',
      });
    }
    if (share.source.kind === 'local' && (isHomeFolder(share.source.path) || isWholeDisk(share.source.path))) {
      const whole = isWholeDisk(share.source.path) ? 'the whole disk' : 'a whole home folder';
      out.push({
        key: `home-folder:${share.id}`,
        kind: 'home-folder',
        shareId: share.id,
        title: `${name} shares ${whole}`,
        text: 'Whoever logs in can reach private files such as documents, browser profiles and SSH keys. Share a subfolder instead.',
      });
    }
  }
  return out;
}
