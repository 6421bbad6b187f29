import type { IntroPath, IntroStep } from '#shared/domain/graph';

export type PathStrength = 'strong' | 'fair' | 'weak';

/**
 * A path's score (the product of each tie's strength / 5) in words. Two good ties (4/5 each) make 0.64,
 * strong; three casual ones (3/5) make 0.22, fair.
 */
export function describePathScore(score: number): PathStrength {
  if (score >= 0.45) return 'strong';
  if (score >= 0.2) return 'fair';
  return 'weak';
}

export const PATH_STRENGTH_COLORS: Record<PathStrength, string> = {
  strong: 'teal',
  fair: 'yellow',
  weak: 'gray',
};

/** How the previous person on a path knows `step.person`, as it reads between their two names. */
export function describeTie(step: Pick<IntroStep, 'via' | 'communityName'>): string {
  switch (step.via) {
    case 'connection':
      return 'knows';
    case 'shared':
      return 'knows (shared connection)';
    case 'reports_to':
      return 'reports to';
    case 'manages':
      return 'manages';
    case 'community':
      return step.communityName ? `both in ${step.communityName}` : 'in a community with';
  }
}

/** Whether the tie's strength says something: reporting lines and memberships carry an assumed one. */
export function tieHasStrength(step: Pick<IntroStep, 'via'>): boolean {
  return step.via === 'connection' || step.via === 'shared';
}

/**
 * Who to ask and how far the target is from them. The steps run from the person to ask to the target, so
 * two steps mean the person to ask knows the target.
 */
export function describeAsk(path: IntroPath, targetName: string): string {
  const fromAsk = path.steps.length - 1;
  if (fromAsk <= 1) return `${path.ask.name} knows ${targetName}`;
  return `${path.ask.name} is ${fromAsk} steps from ${targetName}`;
}
