import { describe, expect, it } from 'vitest';
import { decideWindowClose, type WindowCloseInput } from '#core/desktop/window-close';

function makeInput(overrides: Partial<WindowCloseInput> = {}): WindowCloseInput {
  return { platform: 'win32', closeToTray: true, hasTray: true, quitting: false, ...overrides };
}

describe('decideWindowClose', () => {
  it('hides the window when close-to-tray is on and a tray exists', () => {
    expect(decideWindowClose(makeInput())).toBe('hide');
    expect(decideWindowClose(makeInput({ platform: 'linux' }))).toBe('hide');
  });

  it('closes it (and so quits) when close-to-tray is off', () => {
    expect(decideWindowClose(makeInput({ closeToTray: false }))).toBe('close');
  });

  it('closes it when there is no tray to bring it back', () => {
    expect(decideWindowClose(makeInput({ hasTray: false }))).toBe('close');
  });

  it('always hides on macOS, where the app stays in the Dock', () => {
    expect(decideWindowClose(makeInput({ platform: 'darwin', closeToTray: false, hasTray: false }))).toBe(
      'hide',
    );
  });

  it('closes it while quitting, whatever the setting and platform', () => {
    expect(decideWindowClose(makeInput({ quitting: true }))).toBe('close');
    expect(decideWindowClose(makeInput({ platform: 'darwin', quitting: true }))).toBe('close');
  });
});
