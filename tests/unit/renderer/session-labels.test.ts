import { describe, expect, it } from 'vitest';
import { describeSignIn } from '../../../src-renderer/lib/session-labels.ts';

describe('describeSignIn', () => {
  it('says which identity provider the person signed in with, the demo, or a token', () => {
    expect(describeSignIn({ demo: false, providerName: 'Contoso' })).toBe('Signed in with Contoso');
    expect(describeSignIn({ demo: true, providerName: null })).toBe('Demo organization');
    expect(describeSignIn({ demo: false, providerName: null })).toBe('Signed in with an access token');
  });
});
