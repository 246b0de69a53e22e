// The pages a user moves between, for the header's navigation and the command palette's "Go to":
// each shows only to the roles that may open it (the page checks too).
import { roleAtLeast, type Role } from "@/lib/api/roles";

export interface NavItem {
  href: string;
  label: string;
  role: Role;
}

/** The header's main navigation. */
export const NAV: NavItem[] = [
  { href: "/sessions", label: "Sessions", role: "viewer" },
  { href: "/audit", label: "Audit", role: "admin" },
  { href: "/users", label: "Users", role: "admin" },
];

/** The header shows this one apart, as the user's name. */
export const ACCOUNT: NavItem = { href: "/account", label: "Account", role: "viewer" };

/** The items a role may open. */
export const navFor = (role: Role, items: NavItem[] = NAV): NavItem[] => items.filter((i) => roleAtLeast(role, i.role));
