import { posix } from 'node:path';

/**
 * Start at login on Linux, where Electron's app.setLoginItemSettings does nothing: an XDG autostart entry
 * (https://specifications.freedesktop.org/autostart-spec/latest/), written and removed by the shell.
 */

export interface AutostartEnv {
  XDG_CONFIG_HOME?: string;
  /** Set by the AppImage runtime to the .AppImage file; process.execPath would be inside its temporary mount. */
  APPIMAGE?: string;
}

/** ~/.config/autostart/kith.desktop, or under $XDG_CONFIG_HOME when it is set to an absolute path (as the spec asks). */
export function findAutostartPath(env: AutostartEnv, homeDir: string): string {
  const configHome = env.XDG_CONFIG_HOME;
  const base = configHome && posix.isAbsolute(configHome) ? configHome : posix.join(homeDir, '.config');
  return posix.join(base, 'autostart', 'kith.desktop');
}

/** The program the session starts: the AppImage itself when running from one, else this executable. */
export function findAutostartExec(env: AutostartEnv, execPath: string): string {
  return env.APPIMAGE || execPath;
}

/**
 * The argument a login start gets on Linux and Windows: Kith then starts in the tray without a window, as
 * Slack and Element do, rather than opening over whatever the person is starting their day with.
 */
export const START_HIDDEN_FLAG = '--hidden';

/** The .desktop file that starts `execPath` at login, in the tray. */
export function buildAutostartEntry(execPath: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=Kith',
    'Comment=Map your internal network',
    `Exec=${quoteExecArgument(execPath)} ${START_HIDDEN_FLAG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Characters that force an Exec argument into double quotes (Desktop Entry spec, "The Exec key"). */
const RESERVED = /[\s"'\\><~|&;$*?#()`]/;

/**
 * One Exec argument: quoted when it holds a reserved character (with ", `, $ and \ backslash-escaped inside
 * the quotes), % doubled (field codes), then the string-value escapes (\ → \\, newline → \n) applied on top,
 * so a path such as /opt/My Apps/kith survives both parsing passes.
 */
export function quoteExecArgument(arg: string): string {
  const quoted = RESERVED.test(arg) ? `"${arg.replace(/["`$\\]/g, '\\$&')}"` : arg;
  return quoted.replaceAll('%', '%%').replaceAll('\\', '\\\\').replaceAll('\n', '\\n');
}
