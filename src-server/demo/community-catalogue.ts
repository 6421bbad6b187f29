import type { CommunityKind, CommunityVisibility } from '#shared/domain/community';

/** The communities a demo org may have: what they are for and who they draw. */

/** Comma-separated lists keep this file readable once formatted. */
export function list(items: string): readonly string[] {
  return items.split(', ');
}

export interface CommunityTemplate {
  /** `{site}` is replaced by a city for the per-site ones. */
  name: string;
  kind: Exclude<CommunityKind, 'team'>;
  purpose: string;
  objectives: readonly string[];
  visibility: CommunityVisibility;
  /** People with any of these skills are drawn to it; its purpose names each of them. */
  skills?: readonly string[];
  departments?: readonly string[];
  /** Interests as people's bios word them (org-data INTERESTS). */
  interests?: readonly string[];
  /** Words of a title that draw people (managers to a managers' circle). */
  titles?: readonly string[];
  /** One community per site, drawing that site's people. */
  perSite?: boolean;
  /** What its posts are about. */
  topics: readonly string[];
}

export const CHANGE_NETWORKS: readonly CommunityTemplate[] = [
  {
    name: 'Cloud Migration Champions',
    kind: 'change_network',
    purpose:
      'Champions in each team moving our workloads from the data centres to AWS: Terraform, Kubernetes and a lot of planning.',
    objectives: [
      'Close the Lyon data centre by the end of next year',
      'Every team with a champion and a migration plan',
      'A weekly status update, in one place',
    ],
    visibility: 'open',
    skills: list('AWS, Terraform, Kubernetes'),
    departments: list('Engineering, IT'),
    topics: list(
      'the migration plan, wave two, cut-over weekends, landing zones, cost tagging, legacy databases, rollback plans, the decommissioning list',
    ),
  },
  {
    name: 'AI Adoption Network',
    kind: 'change_network',
    purpose:
      'Ambassadors in every department helping colleagues use AI assistants safely and well: use cases, guidelines, training, and a bridge to our Machine Learning, Python and Analytics experts.',
    objectives: [
      'An ambassador in every department and site',
      'Fifty documented use cases',
      'Guidelines everyone has read',
    ],
    visibility: 'open',
    skills: list('Machine Learning, Python, Analytics'),
    topics: list(
      'prompting tips, the usage guidelines, a use case, data privacy, meeting summaries, code assistants, the training sessions, licences',
    ),
  },
  {
    name: 'Workday Rollout Champions',
    kind: 'change_network',
    purpose:
      'Champions helping every team through the move to Workday: Change Management, training, questions from the floor and feedback to the project.',
    objectives: [
      'Every manager trained before go-live',
      'Answer questions from the floor within a day',
      'Collect feedback after each release',
    ],
    visibility: 'request',
    skills: list('Workday, Change Management'),
    departments: list('People & HR, Finance'),
    topics: list(
      'go-live, the training calendar, absence requests, manager self-service, data migration, the FAQ, approval chains, mobile app',
    ),
  },
  {
    name: 'Hybrid Work Ambassadors',
    kind: 'change_network',
    purpose:
      'One or two ambassadors per site shaping how we work between home and office: office days, meeting habits, tools.',
    objectives: [
      'A team agreement on office days in every team',
      'Better meeting rooms for hybrid calls',
      'A survey every six months',
    ],
    visibility: 'open',
    topics: list(
      'office days, meeting room kit, the survey results, desk booking, core hours, team agreements, async updates, onboarding remotely',
    ),
  },
  {
    name: 'Security Awareness Ambassadors',
    kind: 'change_network',
    purpose:
      'Ambassadors who bring Security habits to every department: phishing drills, password managers, and Incident Response basics such as reporting incidents.',
    objectives: [
      'Phishing click rate under three percent',
      'A password manager for everyone',
      'A security moment in every department meeting',
    ],
    visibility: 'open',
    skills: list('Security, Incident Response'),
    topics: list(
      'phishing drills, password managers, reporting incidents, travel safety, MFA, social engineering, the quarterly training, USB sticks',
    ),
  },
  {
    name: 'CRM Transition: Salesforce & HubSpot',
    kind: 'change_network',
    purpose:
      'Sales, marketing and customer success champions moving us to one CRM setup with Salesforce and HubSpot.',
    objectives: [
      'One customer record across teams',
      'Train every account owner',
      'Retire the old spreadsheets',
    ],
    visibility: 'request',
    skills: list('Salesforce, HubSpot'),
    departments: list('Sales, Marketing, Customer Success'),
    topics: list(
      'lead routing, the data clean-up, dashboards, training, field mapping, the cut-over, duplicates, reports',
    ),
  },
  {
    name: 'SAP Finance Transformation',
    kind: 'change_network',
    purpose:
      'Key users in finance and operations preparing the move to SAP S/4HANA: Procurement and accounting processes, testing and training.',
    objectives: [
      'Key users in every finance team',
      'User acceptance tests signed off',
      'A smooth first close on the new system',
    ],
    visibility: 'private',
    skills: list('SAP, Procurement'),
    departments: list('Finance, Operations'),
    topics: list(
      'user acceptance tests, the chart of accounts, purchase orders, the first close, training, cut-over, master data, reports',
    ),
  },
];

/** Team names by department; a team community is a manager and their reports. */
export const TEAM_NAMES: Readonly<Record<string, readonly string[]>> = {
  Engineering: [
    'Platform',
    'Payments',
    'Mobile',
    'Search & Discovery',
    'Identity & Access',
    'Developer Experience',
    'Checkout',
    'Notifications',
  ],
  Product: ['Growth Product', 'Core Product'],
  Design: ['Design Ops', 'Brand Design'],
  'Data & Analytics': ['Analytics Engineering', 'Forecasting'],
  Sales: ['EMEA Enterprise Sales', 'North America Mid-Market', 'APAC Sales'],
  Marketing: ['Demand Generation', 'Brand & Content'],
  'Customer Success': ['Onboarding', 'Premier Support'],
  Finance: ['FP&A', 'Accounting'],
  'People & HR': ['Talent Acquisition', 'People Operations'],
  Legal: ['Commercial Legal'],
  Operations: ['Procurement', 'Workplace'],
  IT: ['Service Desk', 'Infrastructure'],
};

export const TEAM_OBJECTIVES: readonly string[] = [
  'Ship what we committed to this quarter',
  'Keep decisions written down where everyone can find them',
  'Everyone takes a real week off each quarter',
];
