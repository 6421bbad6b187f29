import type { SuggestionReason } from '#shared/domain/community';

/** Why a community is suggested, in a sentence: "3 of your connections are members: Ada, Bob…". */
export function describeReason(reason: SuggestionReason): string {
  switch (reason.type) {
    case 'connections': {
      const names = reason.people.map((p) => p.name);
      const verb = reason.count === 1 ? 'is a member' : 'are members';
      const more = reason.count > names.length ? '…' : '';
      const shown = names.length === 0 ? '' : `: ${names.join(', ')}${more}`;
      return `${reason.count} of your connections ${verb}${shown}`;
    }
    case 'skills':
      return `Matches your ${reason.skills.length === 1 ? 'skill' : 'skills'}: ${reason.skills.join(', ')}`;
    case 'department_peers':
      return reason.count === 1
        ? `1 person from ${reason.department} is a member`
        : `${reason.count} people from ${reason.department} are members`;
  }
}
