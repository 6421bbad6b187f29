import { describe, expect, it } from 'vitest';
import {
  buildAutostartEntry,
  findAutostartExec,
  findAutostartPath,
  quoteExecArgument,
} from '#core/desktop/autostart-entry';

describe('findAutostartPath', () => {
  it('uses ~/.config when XDG_CONFIG_HOME is unset or empty', () => {
    expect(findAutostartPath({}, '/home/ada')).toBe('/home/ada/.config/autostart/kith.desktop');
    expect(findAutostartPath({ XDG_CONFIG_HOME: '' }, '/home/ada')).toBe(
      '/home/ada/.config/autostart/kith.desktop',
    );
  });

  it('uses XDG_CONFIG_HOME when it is absolute, and ignores a relative one', () => {
    expect(findAutostartPath({ XDG_CONFIG_HOME: '/data/cfg' }, '/home/ada')).toBe(
      '/data/cfg/autostart/kith.desktop',
    );
    expect(findAutostartPath({ XDG_CONFIG_HOME: 'cfg' }, '/home/ada')).toBe(
      '/home/ada/.config/autostart/kith.desktop',
    );
  });
});

describe('findAutostartExec', () => {
  it('starts the AppImage file rather than its temporary mount', () => {
    expect(findAutostartExec({ APPIMAGE: '/home/ada/Apps/Kith.AppImage' }, '/tmp/.mount_Kith/kith')).toBe(
      '/home/ada/Apps/Kith.AppImage',
    );
  });

  it('starts this executable otherwise', () => {
    expect(findAutostartExec({}, '/opt/Kith/kith')).toBe('/opt/Kith/kith');
  });
});

describe('quoteExecArgument', () => {
  it('leaves a plain path alone', () => {
    expect(quoteExecArgument('/opt/Kith/kith')).toBe('/opt/Kith/kith');
  });

  it('quotes a path with a space', () => {
    expect(quoteExecArgument('/home/ada/My Apps/Kith.AppImage')).toBe('"/home/ada/My Apps/Kith.AppImage"');
  });

  it('escapes quote, dollar, backtick and backslash inside the quotes, then doubles backslashes for the string value', () => {
    // Quoting: /a "b" $c `d` \e → "/a \"b\" \$c \`d\` \\e"; the string escape then doubles every backslash.
    expect(quoteExecArgument('/a "b" $c `d` \\e')).toBe('"/a \\\\"b\\\\" \\\\$c \\\\`d\\\\` \\\\\\\\e"');
  });

  it('doubles % so it is not read as a field code', () => {
    expect(quoteExecArgument('/opt/100%/kith')).toBe('/opt/100%%/kith');
  });
});

describe('buildAutostartEntry', () => {
  it('writes an application entry that execs the path', () => {
    const entry = buildAutostartEntry('/home/ada/My Apps/Kith.AppImage');
    const lines = entry.split('\n');
    expect(lines[0]).toBe('[Desktop Entry]');
    expect(lines).toContain('Type=Application');
    expect(lines).toContain('Name=Kith');
    expect(lines).toContain('Exec="/home/ada/My Apps/Kith.AppImage" --hidden');
    expect(entry.endsWith('\n')).toBe(true);
  });
});
