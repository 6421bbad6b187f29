import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '#server/cli-args';

describe('parseCliArgs', () => {
  it('defaults to 127.0.0.1:8787 and ./data/kith-server.db without a demo org', () => {
    expect(parseCliArgs([], '/srv/kith')).toEqual({
      dbFile: '/srv/kith/data/kith-server.db',
      host: '127.0.0.1',
      port: 8787,
      logger: false,
    });
  });

  it('passes the configured publicUrl on, for the SCIM locations', () => {
    expect(parseCliArgs([], '/srv/kith', { KITH_PUBLIC_URL: 'https://kith.example.com' })).toMatchObject({
      publicUrl: 'https://kith.example.com',
    });
  });

  it('reads every flag, resolving --data against the working directory', () => {
    const options = parseCliArgs(
      ['--port', '0', '--host', '0.0.0.0', '--data', 'state', '--demo', 'm', '--seed', '9'],
      '/srv',
    );
    expect(options).toEqual({
      dbFile: '/srv/state/kith-server.db',
      host: '0.0.0.0',
      port: 0,
      logger: false,
      demo: { size: 'M', seed: 9 },
    });
  });

  it('accepts a head count as the demo size and an absolute data folder', () => {
    expect(parseCliArgs(['--demo', '5000', '--data', '/var/kith'], '/srv')).toMatchObject({
      dbFile: '/var/kith/kith-server.db',
      demo: { size: 5000, seed: 1 },
    });
  });

  it('seeds a demo org without communities with --people-only', () => {
    expect(parseCliArgs(['--demo', 'S', '--people-only']).demo).toEqual({
      size: 'S',
      seed: 1,
      communities: false,
    });
    expect(parseCliArgs(['--demo', 'S']).demo).toEqual({ size: 'S', seed: 1 });
  });

  it('seeds a demo org whose people have no connections yet with --no-connections', () => {
    expect(parseCliArgs(['--demo', 'S', '--no-connections']).demo).toEqual({
      size: 'S',
      seed: 1,
      connections: false,
    });
  });

  it.each([
    [['--people-only'], /--people-only and --no-connections only make sense with --demo/],
    [['--no-connections'], /only make sense with --demo/],
    [['--port', 'abc'], /--port/],
    [['--port', '70000'], /--port/],
    [['--demo', 'XL'], /--demo/],
    [['--seed', '3'], /--seed, --people-only/],
    [['--verbose'], /Unknown option/],
  ])('rejects %j with a message naming the flag', (args, message) => {
    expect(() => parseCliArgs(args)).toThrow(message);
  });
});
