// The share form's state and its checks: the text the person typed, turned into a create or patch
// payload and checked with the contract's schemas; each problem is filed under the field it is about.
import type { BindMode, Share } from '../../../src-shared/contract/index.js';
import { DEFAULT_FTP_PORT, DEFAULT_SFTP_PORT, shareCreateSchema, sharePatchSchema, userNameSchema } from '../../../src-shared/contract/index.js';
import type { z } from 'zod';
import { parsePort } from './port-text.js';

export interface ShareFormValues {
  readonly name: string;
  readonly sourceKind: 'local' | 'remote';
  readonly folder: string;
  readonly remote: string;
  readonly remotePath: string;
  readonly sftpEnabled: boolean;
  readonly sftpPort: string;
  readonly sftpBind: BindMode;
  readonly ftpEnabled: boolean;
  readonly ftpPort: string;
  readonly ftpBind: BindMode;
  readonly readOnly: boolean;
  readonly authProxy: string;
  /** New shares only: the first user, who gets a generated password (unless an auth proxy decides). */
  readonly userName: string;
}

export type FieldErrors = Partial<Record<keyof ShareFormValues | 'form', string>>;

export function initialValues(share: Share | undefined, defaultBind: BindMode): ShareFormValues {
  if (!share) {
    return {
      name: '',
      sourceKind: 'local',
      folder: '',
      remote: '',
      remotePath: '',
      sftpEnabled: true,
      sftpPort: String(DEFAULT_SFTP_PORT),
      sftpBind: defaultBind,
      ftpEnabled: false,
      ftpPort: String(DEFAULT_FTP_PORT),
      ftpBind: defaultBind,
      readOnly: false,
      authProxy: '',
      userName: 'wharf',
    };
  }
  return {
    name: share.name,
    sourceKind: share.source.kind,
    folder: share.source.kind === 'local' ? share.source.path : '',
    remote: share.source.kind === 'remote' ? share.source.remote : '',
    remotePath: share.source.kind === 'remote' ? share.source.path : '',
    sftpEnabled: share.sftp.enabled,
    sftpPort: String(share.sftp.port),
    sftpBind: share.sftp.bind,
    ftpEnabled: share.ftp.enabled,
    ftpPort: String(share.ftp.port),
    ftpBind: share.ftp.bind,
    readOnly: share.readOnly,
    authProxy: share.authProxy ?? '',
    userName: '',
  };
}

const FIELD_OF_PATH: Readonly<Record<string, keyof ShareFormValues>> = {
  name: 'name',
  'source.path': 'folder',
  'source.remote': 'remote',
  'sftp.port': 'sftpPort',
  'ftp.port': 'ftpPort',
  authProxy: 'authProxy',
};

function collect(issues: readonly z.core.$ZodIssue[], errors: FieldErrors, values: ShareFormValues): void {
  for (const issue of issues) {
    const path = issue.path.join('.');
    let field: keyof FieldErrors = FIELD_OF_PATH[path] ?? 'form';
    if (path === 'source.path' && values.sourceKind === 'remote') field = 'remotePath';
    if (errors[field] === undefined) errors[field] = capitalize(issue.message);
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

type Checked<T> = { readonly ok: true; readonly payload: T } | { readonly ok: false; readonly errors: FieldErrors };

function common(values: ShareFormValues, errors: FieldErrors) {
  const sftpPort = parsePort(values.sftpPort);
  const ftpPort = parsePort(values.ftpPort);
  if ('error' in sftpPort) errors.sftpPort = sftpPort.error;
  if ('error' in ftpPort) errors.ftpPort = ftpPort.error;
  if (values.sourceKind === 'remote' && values.remote === '') errors.remote = 'Choose a remote (add one under Remotes first)';
  return {
    name: values.name,
    source:
      values.sourceKind === 'local'
        ? ({ kind: 'local', path: values.folder.trim() } as const)
        : ({ kind: 'remote', remote: values.remote, path: values.remotePath.trim() } as const),
    sftp: { enabled: values.sftpEnabled, port: 'port' in sftpPort ? sftpPort.port : 0, bind: values.sftpBind },
    ftp: { enabled: values.ftpEnabled, port: 'port' in ftpPort ? ftpPort.port : 0, bind: values.ftpBind },
    readOnly: values.readOnly,
    authProxy: values.authProxy.trim() === '' ? null : values.authProxy.trim(),
  };
}

export function checkCreate(values: ShareFormValues): Checked<z.input<typeof shareCreateSchema>> {
  const errors: FieldErrors = {};
  const payload = common(values, errors);
  if (payload.authProxy === null) {
    const user = userNameSchema.safeParse(values.userName);
    if (!user.success) errors.userName = capitalize(user.error.issues[0]?.message ?? 'not a user name');
  }
  const parsed = shareCreateSchema.safeParse(payload);
  if (!parsed.success) collect(parsed.error.issues, errors, values);
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, payload };
}

/** The patch leaves `enabled` alone: the switches on the share's card turn servers on and off. */
export function checkPatch(values: ShareFormValues): Checked<z.input<typeof sharePatchSchema>> {
  const errors: FieldErrors = {};
  const { sftp, ftp, ...rest } = common(values, errors);
  const payload = { ...rest, sftp: { port: sftp.port, bind: sftp.bind }, ftp: { port: ftp.port, bind: ftp.bind } };
  const parsed = sharePatchSchema.safeParse(payload);
  if (!parsed.success) collect(parsed.error.issues, errors, values);
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, payload };
}
