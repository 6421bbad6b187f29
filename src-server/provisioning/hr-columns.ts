/** What a column of an HR file can give a person. */
export type HrField =
  | 'employeeId'
  | 'email'
  | 'name'
  | 'firstName'
  | 'lastName'
  | 'title'
  | 'department'
  | 'site'
  | 'manager'
  | 'skills'
  | 'timezone';

/**
 * The header spellings each field is recognised by, compared without case, spaces, dots, dashes and
 * underscores ("Employee ID", employee_id and employeeId are one spelling). The README lists them.
 */
export const HR_COLUMN_SPELLINGS: Readonly<Record<HrField, readonly string[]>> = {
  employeeId: [
    'employeeid',
    'employeenumber',
    'employeeno',
    'empid',
    'empno',
    'staffid',
    'workerid',
    'personnelnumber',
    'id',
  ],
  email: ['email', 'emailaddress', 'workemail', 'workemailaddress', 'businessemail', 'mail'],
  name: ['name', 'fullname', 'displayname', 'employeename', 'preferredname'],
  firstName: ['firstname', 'givenname'],
  lastName: ['lastname', 'familyname', 'surname'],
  title: ['title', 'jobtitle', 'position', 'role'],
  department: ['department', 'dept', 'departmentname', 'division'],
  site: ['site', 'location', 'office', 'worklocation', 'city'],
  manager: [
    'manager',
    'manageremail',
    'managerid',
    'manageremployeeid',
    'supervisor',
    'supervisoremail',
    'reportsto',
    'linemanager',
  ],
  skills: ['skills', 'skill', 'expertise'],
  timezone: ['timezone', 'tz', 'timezonename'],
};

const FIELD_BY_SPELLING = new Map<string, HrField>(
  Object.entries(HR_COLUMN_SPELLINGS).flatMap(([field, spellings]) =>
    spellings.map((s) => [s, field as HrField] as const),
  ),
);

export function fieldOfHeader(header: string): HrField | undefined {
  return FIELD_BY_SPELLING.get(header.toLowerCase().replace(/[\s._-]+/g, ''));
}
