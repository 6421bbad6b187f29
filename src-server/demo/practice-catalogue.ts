import { list, type CommunityTemplate } from './community-catalogue.ts';

/** Communities of practice: people who share a craft, drawn by their skills. */
export const PRACTICES: readonly CommunityTemplate[] = [
  {
    name: 'Kubernetes & Cloud Native',
    kind: 'community_of_practice',
    purpose:
      'Everyone who runs services on our clusters: Kubernetes operations, Terraform modules, AWS accounts, Observability and cluster Security. We share runbooks, review designs and help each other through upgrades.',
    objectives: [
      'Every team upgrades to the supported Kubernetes version within a quarter of its release',
      'One shared library of Terraform modules instead of one per team',
      'A monthly deep-dive session, recorded for the other time zones',
    ],
    visibility: 'open',
    skills: list('Kubernetes, Terraform, AWS, Observability, Security'),
    topics: list(
      'Helm charts, cluster upgrades, pod autoscaling, Argo CD, resource limits, ingress controllers, Terraform modules, EKS node groups, network policies',
    ),
  },
  {
    name: 'TypeScript Guild',
    kind: 'community_of_practice',
    purpose:
      'TypeScript across the company: React front ends, Node services and GraphQL APIs. Conventions, tooling, code reviews and the occasional type puzzle.',
    objectives: [
      'Strict mode on in every repository by the end of the year',
      'A shared ESLint and tsconfig baseline that teams actually use',
      'Pair new joiners with a guild buddy for their first month',
    ],
    visibility: 'open',
    skills: list('TypeScript, React, GraphQL'),
    topics: list(
      'strict mode, monorepo tooling, zod schemas, React Server Components, GraphQL codegen, ESLint rules, type-level tests, bundle size',
    ),
  },
  {
    name: 'Data Engineering Guild',
    kind: 'community_of_practice',
    purpose:
      'Pipelines from source to dashboard: PostgreSQL, Kafka, Spark, Airflow, dbt and Snowflake on AWS, written in Python and SQL. We agree on patterns so that data is trustworthy everywhere.',
    objectives: [
      'Data contracts on the ten most used Kafka topics',
      'Every dbt model documented and tested',
      'Cut the nightly Airflow run from five hours to two',
    ],
    visibility: 'open',
    skills: list('PostgreSQL, Kafka, Spark, Airflow, dbt, Snowflake, AWS, Python, SQL'),
    departments: list('Data & Analytics'),
    topics: list(
      'dbt incremental models, Kafka schema registry, Airflow sensors, Snowflake costs, CDC from PostgreSQL, data contracts, backfills, Spark partitioning',
    ),
  },
  {
    name: 'Security Champions',
    kind: 'community_of_practice',
    purpose:
      'One champion per team who keeps Security in mind: threat modelling, dependency hygiene, Incident Response drills, Okta and GDPR questions. The security team answers here first.',
    objectives: [
      'A named champion in every engineering team',
      'Threat models for every service that handles personal data',
      'Mean time to patch critical vulnerabilities under seven days',
    ],
    visibility: 'request',
    skills: list('Security, Incident Response, Okta, GDPR'),
    departments: list('Engineering, IT, Legal'),
    topics: list(
      'threat modelling, dependency scanning, secrets rotation, phishing drills, SSO with Okta, penetration test findings, least privilege, security reviews',
    ),
  },
  {
    name: 'Design Systems & Accessibility',
    kind: 'community_of_practice',
    purpose:
      'Designers and engineers who build our Design Systems together: Figma libraries, React components, Interaction Design patterns and Accessibility for everyone.',
    objectives: [
      'Every product screen built from design system components',
      'WCAG 2.2 AA on the five most used flows',
      'A component office hour every other week',
    ],
    visibility: 'open',
    skills: list('Design Systems, Figma, Accessibility, React, Interaction Design'),
    departments: list('Design'),
    topics: list(
      'Figma variables, design tokens, focus management, colour contrast, screen reader testing, component versioning, dark mode, motion guidelines',
    ),
  },
  {
    name: 'Machine Learning Practitioners',
    kind: 'community_of_practice',
    purpose:
      'People who train, ship and monitor models: Machine Learning, PyTorch, Python, Statistics and Forecasting. Paper reading, model reviews and lessons from production.',
    objectives: [
      'A shared checklist for taking a model to production',
      'One paper club session a month',
      'Model monitoring on every model that makes a customer-facing decision',
    ],
    visibility: 'open',
    skills: list('Machine Learning, PyTorch, Python, Statistics, Forecasting'),
    departments: list('Data & Analytics'),
    topics: list(
      'feature stores, model drift, LLM evaluation, demand forecasting, A/B test power, GPU budgets, embeddings, explainability',
    ),
  },
  {
    name: 'Product Discovery Practice',
    kind: 'community_of_practice',
    purpose:
      'Product managers, designers and researchers improving how we decide what to build: Discovery, User Research, Prioritization, A/B Testing, Roadmapping and Usability Testing.',
    objectives: [
      'Every squad talks to at least three customers a month',
      'A shared repository of interview notes and insights',
      'Opportunity trees for every roadmap item above one quarter of effort',
    ],
    visibility: 'open',
    skills: list('Discovery, User Research, Prioritization, A/B Testing, Roadmapping, Usability Testing'),
    departments: list('Product, Design'),
    topics: list(
      'opportunity trees, customer interviews, RICE scoring, experiment design, roadmap reviews, jobs to be done, research repositories, beta programs',
    ),
  },
  {
    name: 'SRE & Observability',
    kind: 'community_of_practice',
    purpose:
      'Reliability as a practice: SLOs, Observability, CI/CD, on-call and Incident Response for services written in Go, Rust and more, on Kubernetes and Terraform.',
    objectives: [
      'SLOs with error budgets on every tier-1 service',
      'Blameless post-mortems published within five working days',
      'Halve the pages that wake people up at night',
    ],
    visibility: 'open',
    skills: list('Observability, CI/CD, Kubernetes, Go, Rust, Terraform, Incident Response'),
    topics: list(
      'SLO alerting, OpenTelemetry, on-call rotations, post-mortems, canary releases, log retention, tracing sampling, runbooks',
    ),
  },
  {
    name: 'Backend Languages: Go, Rust & Java',
    kind: 'community_of_practice',
    purpose:
      'Backend craft in Go, Rust and Java: APIs (REST and GraphQL), Kafka consumers, PostgreSQL access, performance work and code review habits.',
    objectives: [
      'A service template per language that passes our production checklist',
      'Shared guidance on retries, timeouts and idempotency',
      'A quarterly performance clinic',
    ],
    visibility: 'open',
    skills: list('Go, Rust, Java, Kafka, PostgreSQL, GraphQL'),
    topics: list(
      'connection pooling, error handling, idempotent consumers, virtual threads, async Rust, API versioning, profiling, graceful shutdown',
    ),
  },
  {
    name: 'Analytics & BI Community',
    kind: 'community_of_practice',
    purpose:
      'Analysts and everyone who builds dashboards: SQL, Tableau, Looker, dbt and product Analytics. Metric definitions we agree on, and dashboards people trust.',
    objectives: [
      'One definition for each company KPI',
      'Retire dashboards nobody opened in six months',
      'SQL office hours twice a month',
    ],
    visibility: 'open',
    skills: list('SQL, Tableau, Looker, Analytics, dbt'),
    departments: list('Data & Analytics, Product, Marketing'),
    topics: list(
      'metric definitions, Looker explores, window functions, dashboard reviews, cohort analysis, data freshness, self-serve analytics, funnel reports',
    ),
  },
  {
    name: 'Sales Engineering & Solutions',
    kind: 'community_of_practice',
    purpose:
      'Solutions engineers and account teams sharing how we win: Enterprise Sales, Account Planning, MEDDIC qualification, Salesforce hygiene and Partnerships.',
    objectives: [
      'A demo environment that resets itself every night',
      'Win and loss reviews shared within two weeks of a decision',
      'MEDDIC fields filled on every opportunity above 50k',
    ],
    visibility: 'request',
    skills: list('Enterprise Sales, Account Planning, MEDDIC, Salesforce, Partnerships'),
    departments: list('Sales'),
    topics: list(
      'demo scripts, RFP answers, proof of concept plans, security questionnaires, champion building, pricing objections, partner co-selling, deal reviews',
    ),
  },
  {
    name: 'Customer Success Playbooks',
    kind: 'community_of_practice',
    purpose:
      'How we help customers succeed: Onboarding, Renewals, Escalations, Zendesk workflows, Account Management and Customer Advocacy.',
    objectives: [
      'A playbook for each customer segment',
      'Time to first value under 30 days for new customers',
      'Twenty new customer references this year',
    ],
    visibility: 'open',
    skills: list('Onboarding, Renewals, Escalations, Zendesk, Account Management, Customer Advocacy'),
    departments: list('Customer Success'),
    topics: list(
      'health scores, QBR decks, renewal risk, Zendesk macros, escalation paths, onboarding checklists, churn interviews, customer advisory boards',
    ),
  },
  {
    name: 'Finance Business Partners',
    kind: 'community_of_practice',
    purpose:
      'Finance people who partner with the business: FP&A, Budgeting, Forecasting, Excel modelling and Revenue Recognition.',
    objectives: [
      'A rolling forecast every department owns',
      'Close the books in five working days',
      'A shared library of Excel model templates',
    ],
    visibility: 'request',
    skills: list('FP&A, Budgeting, Forecasting, Excel, Revenue Recognition'),
    departments: list('Finance'),
    topics: list(
      'rolling forecasts, budget cycles, headcount planning, revenue recognition, variance analysis, scenario models, month-end close, unit economics',
    ),
  },
  {
    name: 'Talent & Recruiting Practice',
    kind: 'community_of_practice',
    purpose:
      'Recruiters and hiring managers improving how we hire: Recruiting, Employer Branding, Workday requisitions and Onboarding.',
    objectives: [
      'Structured interviews for every open role',
      'Time to hire under 40 days',
      'Every new joiner onboarded with a buddy',
    ],
    visibility: 'open',
    skills: list('Recruiting, Employer Branding, Workday, Onboarding'),
    departments: list('People & HR'),
    topics: list(
      'structured interviews, sourcing, job descriptions, interview training, offer process, referral program, campus hiring, candidate experience',
    ),
  },
  {
    name: 'Lean & Continuous Improvement',
    kind: 'community_of_practice',
    purpose:
      'Making work flow better: Process Improvement, Lean, Six Sigma and Program Management, from procurement to release trains.',
    objectives: [
      'Ten improvement projects with measured results this year',
      'A shared toolkit of value stream maps',
      'Green belt training for twenty people',
    ],
    visibility: 'open',
    skills: list('Process Improvement, Lean, Six Sigma, Program Management'),
    departments: list('Operations'),
    topics: list(
      'value stream maps, kaizen events, root cause analysis, OKR check-ins, handoffs, waste walks, control charts, program reviews',
    ),
  },
  {
    name: 'Workplace IT & Automation',
    kind: 'community_of_practice',
    purpose:
      'IT people automating the workplace: Scripting, Endpoint Management with Jamf, Microsoft 365, ServiceNow workflows and Active Directory.',
    objectives: [
      'Zero-touch laptop setup for every new joiner',
      'Automate the twenty most frequent ServiceNow requests',
      'A shared script library with reviews',
    ],
    visibility: 'open',
    skills: list('Scripting, Endpoint Management, Jamf, Microsoft 365, ServiceNow, Active Directory'),
    departments: list('IT'),
    topics: list(
      'Jamf policies, PowerShell scripts, ServiceNow catalog items, Intune profiles, mailbox migrations, conditional access, patch Tuesday, device compliance',
    ),
  },
  {
    name: 'Content & SEO Craft',
    kind: 'community_of_practice',
    purpose:
      'Writers and marketers who care about words and reach: SEO, Content Marketing, Copywriting and Social Media.',
    objectives: [
      'A style guide everyone who writes for customers follows',
      'Double organic traffic to the documentation site',
      'A monthly writing workshop',
    ],
    visibility: 'open',
    skills: list('SEO, Content Marketing, Copywriting, Social Media'),
    departments: list('Marketing'),
    topics: list(
      'search intent, editorial calendar, headline testing, case studies, LinkedIn posts, style guide, content audits, newsletters',
    ),
  },
  {
    name: 'Python Users Group',
    kind: 'community_of_practice',
    purpose:
      'Python from scripts to services: packaging, typing, testing, Airflow DAGs, PyTorch notebooks and everyday Scripting.',
    objectives: [
      'One recommended project template',
      'Move every team to a supported Python version',
      'A lightning-talk evening each quarter',
    ],
    visibility: 'open',
    skills: list('Python, Airflow, PyTorch, Scripting'),
    topics: list(
      'uv and packaging, type hints, pytest fixtures, async IO, notebooks in production, dependency pinning, Pydantic models, profiling',
    ),
  },
  {
    name: 'Test Automation & CI/CD',
    kind: 'community_of_practice',
    purpose:
      'Fast, trustworthy pipelines: CI/CD, test automation in Java, TypeScript and Python, flaky test hunting and release engineering.',
    objectives: [
      'Median pipeline under ten minutes',
      'Flaky tests quarantined within a day',
      'Contract tests between every pair of services that talk',
    ],
    visibility: 'open',
    skills: list('CI/CD, Java, TypeScript, Python'),
    departments: list('Engineering'),
    topics: list(
      'flaky tests, Playwright, test pyramids, build caching, contract tests, release trains, feature flags, mutation testing',
    ),
  },
  {
    name: 'Contracts & Legal Ops',
    kind: 'community_of_practice',
    purpose:
      'Legal and commercial people working on Contracts, Compliance, GDPR questions and Negotiation playbooks.',
    objectives: [
      'A clause library for the twenty most negotiated clauses',
      'Standard contracts signed in under five days',
      'GDPR training for every customer-facing team',
    ],
    visibility: 'request',
    skills: list('Contracts, Compliance, GDPR, Negotiation'),
    departments: list('Legal, Sales'),
    topics: list(
      'data processing agreements, liability caps, contract lifecycle tools, negotiation playbooks, subprocessor lists, e-signature, export controls, NDAs',
    ),
  },
];
