// The three roles, in order of what they may do. Shared by the server (which enforces them) and
// the browser (which hides what a role cannot do); their schema is lib/api/schemas/common.ts's `role`.

export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** True when `have` may do what `need` may. */
export const roleAtLeast = (have: Role, need: Role): boolean => ROLES.indexOf(have) >= ROLES.indexOf(need);

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: "sees sessions, labels, metrics and files; changes nothing",
  operator: "also creates and deletes sessions, edits labels, runs code and commands, writes files",
  admin: "also manages users and reads the audit log",
};
