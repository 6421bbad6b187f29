/** The vocabulary of the demo org: departments, sites, names. */

/** Comma-separated lists keep this file readable once formatted. */
function list(items: string): readonly string[] {
  return items.split(', ');
}

export interface Department {
  name: string;
  /** Share of the headcount. */
  weight: number;
  /** The noun of an individual contributor's title: "Senior <role>". */
  roles: readonly string[];
  /** "VP of <area>", "Director of <area>", "<area> Manager". */
  area: string;
  skills: readonly string[];
}

export const DEPARTMENTS: readonly Department[] = [
  {
    name: 'Engineering',
    weight: 30,
    roles: list(
      'Software Engineer, Backend Engineer, Frontend Engineer, Site Reliability Engineer, QA Engineer',
    ),
    area: 'Engineering',
    skills: list(
      'Kubernetes, TypeScript, Go, Rust, PostgreSQL, Terraform, React, Java, Python, AWS, Kafka, GraphQL, Observability, Security, CI/CD',
    ),
  },
  {
    name: 'Product',
    weight: 6,
    roles: list('Product Manager, Product Owner, Product Analyst'),
    area: 'Product',
    skills: list(
      'Roadmapping, Discovery, User Research, Prioritization, OKRs, Pricing, A/B Testing, Stakeholder Management, SQL, Jira',
    ),
  },
  {
    name: 'Design',
    weight: 4,
    roles: list('Product Designer, UX Researcher, UX Writer, Visual Designer'),
    area: 'Design',
    skills: list(
      'Figma, Design Systems, Prototyping, Accessibility, User Research, Interaction Design, Illustration, Motion Design, Usability Testing',
    ),
  },
  {
    name: 'Data & Analytics',
    weight: 6,
    roles: list('Data Scientist, Data Engineer, Data Analyst, Machine Learning Engineer'),
    area: 'Data',
    skills: list(
      'Python, SQL, dbt, Spark, Airflow, Machine Learning, Statistics, Tableau, Looker, PyTorch, Snowflake, Forecasting',
    ),
  },
  {
    name: 'Sales',
    weight: 14,
    roles: list(
      'Account Executive, Sales Development Representative, Solutions Engineer, Sales Operations Analyst',
    ),
    area: 'Sales',
    skills: list(
      'Negotiation, Salesforce, Enterprise Sales, Prospecting, Forecasting, Public Sector, Partnerships, Account Planning, MEDDIC',
    ),
  },
  {
    name: 'Marketing',
    weight: 6,
    roles: list('Marketing Manager, Content Strategist, Growth Marketer, Brand Designer, Event Manager'),
    area: 'Marketing',
    skills: list(
      'SEO, Content Marketing, Brand, Events, Paid Media, Marketing Automation, Copywriting, Social Media, HubSpot, Analytics',
    ),
  },
  {
    name: 'Customer Success',
    weight: 9,
    roles: list(
      'Customer Success Manager, Support Engineer, Implementation Consultant, Technical Account Manager',
    ),
    area: 'Customer Success',
    skills: list(
      'Onboarding, Zendesk, Renewals, Troubleshooting, Training, Customer Advocacy, Escalations, SQL, Account Management',
    ),
  },
  {
    name: 'Finance',
    weight: 4,
    roles: list('Financial Analyst, Accountant, Controller, Payroll Specialist'),
    area: 'Finance',
    skills: list('FP&A, IFRS, Excel, SAP, Treasury, Tax, Budgeting, Audit, Revenue Recognition'),
  },
  {
    name: 'People & HR',
    weight: 4,
    roles: list(
      'HR Business Partner, Recruiter, Learning & Development Specialist, People Operations Specialist',
    ),
    area: 'People',
    skills: list(
      'Recruiting, Employer Branding, Coaching, Compensation, Employee Relations, Workday, Onboarding, DEI, Change Management',
    ),
  },
  {
    name: 'Legal',
    weight: 2,
    roles: list('Legal Counsel, Paralegal, Compliance Officer, Privacy Counsel'),
    area: 'Legal',
    skills: list(
      'Contracts, GDPR, Compliance, Employment Law, Intellectual Property, Litigation, Corporate Law, Negotiation',
    ),
  },
  {
    name: 'Operations',
    weight: 6,
    roles: list('Operations Analyst, Program Manager, Procurement Specialist, Facilities Coordinator'),
    area: 'Operations',
    skills: list(
      'Process Improvement, Lean, Procurement, Vendor Management, Program Management, Logistics, Six Sigma, Excel, Facilities',
    ),
  },
  {
    name: 'IT',
    weight: 5,
    roles: list('IT Support Specialist, Systems Administrator, Network Engineer, Security Analyst'),
    area: 'IT',
    skills: list(
      'Okta, Active Directory, Networking, Endpoint Management, ServiceNow, Jamf, Incident Response, Microsoft 365, Scripting',
    ),
  },
];

export interface Site {
  city: string;
  timezone: string;
  weight: number;
}

export const SITES: readonly Site[] = [
  { city: 'Lyon', timezone: 'Europe/Paris', weight: 12 },
  { city: 'Paris', timezone: 'Europe/Paris', weight: 14 },
  { city: 'London', timezone: 'Europe/London', weight: 10 },
  { city: 'Berlin', timezone: 'Europe/Berlin', weight: 8 },
  { city: 'Madrid', timezone: 'Europe/Madrid', weight: 5 },
  { city: 'Amsterdam', timezone: 'Europe/Amsterdam', weight: 5 },
  { city: 'New York', timezone: 'America/New_York', weight: 11 },
  { city: 'Austin', timezone: 'America/Chicago', weight: 6 },
  { city: 'Toronto', timezone: 'America/Toronto', weight: 5 },
  { city: 'São Paulo', timezone: 'America/Sao_Paulo', weight: 5 },
  { city: 'Singapore', timezone: 'Asia/Singapore', weight: 6 },
  { city: 'Bangalore', timezone: 'Asia/Kolkata', weight: 8 },
  { city: 'Sydney', timezone: 'Australia/Sydney', weight: 4 },
];

export const FIRST_NAMES: readonly string[] = list(
  'Camille, Léa, Chloé, Manon, Inès, Hugo, Louis, Lucas, Théo, Mathis, Amélie, Julien, Nicolas, Sophie, Claire, Antoine, Élodie, Thomas, Margaux, Baptiste, Oliver, Amelia, Harry, Isla, George, Emily, James, Grace, Jack, Charlotte, Lukas, Hannah, Jonas, Lena, Felix, Mia, Leon, Emma, Paul, Marie, Lucía, Pablo, Sofía, Alejandro, Martina, Javier, Carmen, Diego, Valeria, Mateo, Daan, Sanne, Bram, Fleur, Sem, Noor, Liam, Olivia, Noah, Ava, Ethan, Sophia, Mason, Isabella, Aiden, Harper, Jayden, Zoe, Gabriel, Beatriz, João, Ana, Rafael, Larissa, Thiago, Fernanda, Wei, Mei, Jun, Xin, Hiroshi, Yuki, Haruto, Sakura, Min-jun, Seo-yeon, Arjun, Priya, Rohan, Ananya, Vikram, Divya, Rahul, Kavya, Aditya, Meera, Siddharth, Nisha, Karthik, Lakshmi, Omar, Fatima, Youssef, Amira, Karim, Leila, Mehdi, Yasmine, Samir, Nadia, Kwame, Amara, Chidi, Ngozi, Tunde, Zainab, Kofi, Abena, Mateus, Aisha, Lachlan, Matilda, Cooper, Ruby, Mikael, Astrid, Ingrid, Erik, Anja, Piotr',
);

export const LAST_NAMES: readonly string[] = list(
  "Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, Moreau, Simon, Laurent, Lefebvre, Michel, Garcia, Fournier, Girard, Bonnet, Dupont, Lambert, Smith, Jones, Taylor, Brown, Williams, Wilson, Johnson, Davies, Evans, Walker, Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Hoffmann, Schulz, García, Fernández, González, Rodríguez, López, Martínez, Sánchez, Pérez, Gómez, Ruiz, de Jong, Jansen, de Vries, van den Berg, Bakker, Visser, Smit, Meijer, Mulder, Bos, Miller, Davis, Anderson, Jackson, White, Harris, Clark, Lewis, Young, King, Silva, Santos, Oliveira, Souza, Pereira, Costa, Carvalho, Almeida, Ferreira, Ribeiro, Wang, Li, Zhang, Liu, Chen, Tan, Lim, Ng, Wong, Lee, Sato, Suzuki, Takahashi, Tanaka, Kim, Park, Choi, Nguyen, Tran, Pham, Sharma, Patel, Iyer, Reddy, Nair, Gupta, Singh, Rao, Menon, Krishnan, Haddad, Benali, Mansour, El Amrani, Khalil, Okafor, Mensah, Adeyemi, Diallo, Traoré, O'Brien, Murphy, Kelly, Andersson, Johansson, Nielsen, Hansen, Kowalski, Nowak, Novak",
);

export const INTERESTS: readonly string[] = list(
  'trail running, climbing, jazz piano, sourdough baking, chess, cycling, board games, photography, gardening, sailing, volunteering at a food bank, mentoring new joiners, learning Japanese, pottery, film photography, cooking for friends, marathons, birdwatching, salsa dancing, open source, science fiction, hiking, yoga, woodworking, choir singing, football, podcasts about history',
);
