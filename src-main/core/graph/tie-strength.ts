/** How strong a tie paths assume where nobody rated it, on the 1–5 scale of a connection's strength. */
export const REPORTING_LINE_STRENGTH = 4;
export const MEMBERSHIP_STRENGTH = 2;
/** Co-members of a community this large or larger barely know each other: too weak a tie to ask. */
export const MAX_COMMUNITY_FOR_INTRODUCTIONS = 300;
/** Co-members of a small community know each other better than those of a large one. */
export function coMemberStrength(memberCount: number): number {
  return memberCount <= 30 ? 2 : 1;
}

export const COMMUNITY_NODE_PREFIX = 'community:';

/** A tie's chance to carry an introduction: strength / 5. A path's score is the product over its ties. */
export const tieWeight = (strength: number) => strength / 5;
