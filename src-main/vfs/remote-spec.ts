// rclone's PATH syntax, parsed as rclone's fs/fspath does: a local path, a named remote
// (`NAME:path`, `NAME,param=value:path`) or an on-the-fly remote (`:sftp,host=H,user=U:path`).
// Values may be quoted with ' or " (a doubled quote is a literal one) to hold `,` or `:`.
// This file only splits the text; remote-spec-resolve.ts turns the result into a backend spec.

export class RemoteSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemoteSpecError';
  }
}

export type ParsedPath =
  | { readonly kind: 'local'; readonly path: string }
  | {
      readonly kind: 'remote';
      /** The remote's name ("work"), or the backend type for an on-the-fly remote ("sftp"). */
      readonly name: string;
      /** True for `:type,...:` remotes, which need no configuration. */
      readonly onTheFly: boolean;
      /** Parameters written in the string (they override a named remote's configuration). */
      readonly params: Readonly<Record<string, string>>;
      /** The path on the remote (on Windows `\` turned into `/`); may be empty: the default folder. */
      readonly path: string;
    };

/** Remote names in a path: ASCII word characters, space, `-` and `.` (rclone 1.61+ and the app take dots). */
const CONFIG_NAME = /^[\w .-]+$/;
const NAME_RULE = 'a remote name may only contain 0-9, A-Z, a-z, _, -, . and space';
const PARAM_CHAR = /^[A-Za-z0-9_]$/;

type State = 'name' | 'param' | 'value' | 'quoted' | 'afterQuote' | 'done';


/** On Windows `C:` is a drive, never a remote (rclone's driveletter package). */
function isDriveLetter(name: string, platform: NodeJS.Platform): boolean {
  return platform === 'win32' && /^[A-Za-z]$/.test(name);
}

function checkName(name: string): void {
  const bare = name.startsWith(':') ? name.slice(1) : name;
  if (bare === '') throw new RemoteSpecError('the remote name is empty');
  if (!CONFIG_NAME.test(bare)) {
    throw new RemoteSpecError(NAME_RULE);
  }
}

/**
 * Splits rclone's PATH syntax. A string with no `:`, or with `/` or `\` before its first `:` or
 * `,`, is a local path (so `./a:b` and `/x/y:z` stay local).
 */
export function parseRemotePath(text: string, platform: NodeJS.Platform = process.platform): ParsedPath {
  if (text === '') throw new RemoteSpecError('the path is empty');
  if (!text.includes(':')) return { kind: 'local', path: text };
  let state: State = 'name';
  let name = '';
  let prev = 0;
  let param = '';
  let quote = '';
  let doubled = false;
  const params: Record<string, string> = {};
  let end = -1;
  const chars = [...text];
  // Offsets into `text` (UTF-16 units) of each character, so slices stay correct past the BMP.
  let offset = 0;
  for (let k = 0; k < chars.length && state !== 'done'; k++) {
    const c = chars[k] as string;
    const i = offset;
    offset += c.length;
    switch (state) {
      case 'name':
        if (i === 0 && c === ':') continue;
        if (c === '/' || c === '\\') {
          // `:` after a separator: a local path, unless it began as an on-the-fly remote.
          if (text.startsWith(':')) throw new RemoteSpecError(NAME_RULE);
          return { kind: 'local', path: text };
        }
        if (c === ':' || c === ',') {
          name = text.slice(0, i);
          checkName(name);
          prev = i + 1;
          if (c === ':') {
            if (isDriveLetter(name, platform)) return { kind: 'local', path: text };
            end = i;
            state = 'done';
          } else {
            state = 'param';
          }
        }
        break;
      case 'param':
        if (c === ':' || c === ',' || c === '=') {
          param = text.slice(prev, i);
          if (param === '') throw new RemoteSpecError('a connection-string parameter has no name');
          prev = i + 1;
          if (c === '=') {
            state = 'value';
          } else {
            // A bare parameter is a boolean flag, as in rclone.
            params[param] = 'true';
            if (c === ':') {
              end = i;
              state = 'done';
            }
          }
        } else if (!PARAM_CHAR.test(c)) {
          throw new RemoteSpecError('connection-string parameter names may only contain 0-9, A-Z, a-z and _');
        }
        break;
      case 'value':
        if ((c === "'" || c === '"') && i === prev) {
          quote = c;
          doubled = false;
          prev = i + 1;
          state = 'quoted';
        } else if (c === ':' || c === ',') {
          params[param] = text.slice(prev, i);
          prev = i + 1;
          if (c === ':') {
            end = i;
            state = 'done';
          } else {
            state = 'param';
          }
        }
        break;
      case 'quoted':
        if (c === quote) state = 'afterQuote';
        break;
      case 'afterQuote':
        if (c === ':' || c === ',') {
          let value = text.slice(prev, i - 1);
          if (doubled) value = value.split(quote + quote).join(quote);
          params[param] = value;
          prev = i + 1;
          if (c === ':') {
            end = i;
            state = 'done';
          } else {
            state = 'param';
          }
        } else if (c === quote) {
          // A doubled quote stands for one literal quote.
          doubled = true;
          state = 'quoted';
        } else {
          throw new RemoteSpecError('expected `:`, `,` or another quote after a quoted value');
        }
        break;
    }
  }
  switch (state as State) {
    case 'name':
      throw new RemoteSpecError('the remote name needs a trailing `:`');
    case 'param':
      throw new RemoteSpecError('a connection-string parameter must end with `,` or `:`');
    case 'value':
      throw new RemoteSpecError('an unquoted value must end with `,` or `:`');
    case 'quoted':
      throw new RemoteSpecError('a quoted value is not terminated');
    case 'afterQuote':
      throw new RemoteSpecError('expected `:`, `,` or another quote after a quoted value');
    case 'done':
      break;
  }
  const onTheFly = name.startsWith(':');
  return {
    kind: 'remote',
    name: onTheFly ? name.slice(1) : name,
    onTheFly,
    params,
    path: platform === 'win32' ? text.slice(end + 1).replace(/\\/g, '/') : text.slice(end + 1),
  };
}
