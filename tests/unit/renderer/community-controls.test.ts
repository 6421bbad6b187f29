import { describe, expect, it } from 'vitest';
import type { MyMembership } from '#shared/domain/community';
import { communityControls } from '../../../src-renderer/lib/community-labels.ts';

const as = (role: MyMembership['role'], status: MyMembership['status'] = 'active'): MyMembership => ({
  role,
  status,
  followed: false,
  muted: false,
});

describe('communityControls', () => {
  it('offers a team the directory manages no membership, member management, requests or leader tools', () => {
    for (const me of [
      as(null, null),
      as('member'),
      as('moderator'),
      as('leader'),
      as('member', 'requested'),
    ]) {
      expect(communityControls({ managedByDirectory: true }, me)).toEqual({
        membership: false,
        leaderTools: false,
        decideRequests: false,
        manageMembers: false,
      });
    }
  });

  it('offers the usual controls by role on any other community', () => {
    const open = { managedByDirectory: false };
    expect(communityControls(open, as(null, null))).toEqual({
      membership: true,
      leaderTools: false,
      decideRequests: false,
      manageMembers: false,
    });
    expect(communityControls(open, as('moderator'))).toMatchObject({
      manageMembers: true,
      leaderTools: false,
    });
    expect(communityControls(open, as('leader'))).toEqual({
      membership: true,
      leaderTools: true,
      decideRequests: true,
      manageMembers: true,
    });
    // A request is not yet a role.
    expect(communityControls(open, as('leader', 'requested'))).toMatchObject({ leaderTools: false });
  });
});
