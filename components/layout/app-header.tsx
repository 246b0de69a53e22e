// The header, rendered on the server (its icons, the client parts' ones too, and its role checks
// ship no code); the links that show which page is current, the theme toggle and the logout
// button are its only client parts.
import { Boxes, LogOut, Monitor, Moon, Sun, UserRound } from "lucide-react";
import type { CurrentUser } from "@/components/auth/current-user";
import { AppLink } from "@/components/ui/app-link";
import { ThemeToggle } from "./theme-toggle";
import { LogoutButton } from "./logout-button";
import { NavLink } from "./nav-link";
import { ACCOUNT, navFor } from "./nav-items";

const focusRing = "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring";
const current = "aria-[current=page]:bg-accent aria-[current=page]:text-accent-foreground";

export function AppHeader({ user }: { user: CurrentUser }) {
  const nav = navFor(user.role);
  return (
    <header className="sticky top-0 z-40 border-b border-border bg-background/95 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-4 px-4">
        <AppLink href="/sessions" className={`flex items-center gap-2 rounded-md font-semibold ${focusRing}`}>
          <Boxes className="size-5 text-primary" aria-hidden />
          <span className="whitespace-nowrap">
            AGB<span className="max-sm:sr-only"> Dashboard</span>
          </span>
        </AppLink>
        <nav aria-label="Main">
          <ul className="flex items-center gap-1">
            {nav.map((item) => (
              <li key={item.href}>
                <NavLink
                  href={item.href}
                  className={`block rounded-md px-3 py-1.5 text-sm font-medium text-muted-foreground hover:text-foreground ${focusRing} ${current}`}
                >
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="ml-auto flex items-center gap-1">
          <NavLink
            href={ACCOUNT.href}
            exact
            title="Your account: password and logins"
            className={`flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm text-muted-foreground hover:text-foreground ${focusRing} ${current}`}
          >
            <UserRound className="size-4" aria-hidden />
            <span className="max-w-32 truncate font-medium text-foreground max-sm:sr-only" data-testid="header-user">
              {user.username}
            </span>
            <span className="rounded border border-border px-1.5 text-xs max-sm:sr-only" data-testid="header-role">
              {user.role}
            </span>
          </NavLink>
          <ThemeToggle
            icons={{ system: <Monitor aria-hidden />, light: <Sun aria-hidden />, dark: <Moon aria-hidden /> }}
          />
          <LogoutButton icon={<LogOut aria-hidden />} />
        </div>
      </div>
    </header>
  );
}
