"use client";
import { usePathname } from "next/navigation";
import { Boxes, UserRound } from "lucide-react";
import { useCurrentUser } from "@/components/auth/current-user";
import { AppLink } from "@/components/ui/app-link";
import { roleAtLeast, type Role } from "@/lib/api/roles";
import { cn } from "@/lib/utils";
import { ThemeToggle } from "./theme-toggle";
import { LogoutButton } from "./logout-button";

/** The main navigation; each entry shows only to the roles that may open it (the page checks too). */
const NAV: { href: string; label: string; role: Role }[] = [
  { href: "/sessions", label: "Sessions", role: "viewer" },
  { href: "/audit", label: "Audit", role: "admin" },
  { href: "/users", label: "Users", role: "admin" },
];

export function AppHeader() {
  const pathname = usePathname();
  const user = useCurrentUser();
  const nav = NAV.filter((item) => user && roleAtLeast(user.role, item.role));
  return (
    <header className="sticky top-0 z-40 border-b border-border bg-background/95 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-4 px-4">
        <AppLink
          href="/sessions"
          className="flex items-center gap-2 rounded-md font-semibold focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          <Boxes className="size-5 text-primary" aria-hidden />
          <span className="whitespace-nowrap">
            AGB<span className="max-sm:sr-only"> Dashboard</span>
          </span>
        </AppLink>
        <nav aria-label="Main">
          <ul className="flex items-center gap-1">
            {nav.map((item) => {
              const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
              return (
                <li key={item.href}>
                  <AppLink
                    href={item.href}
                    aria-current={active ? "page" : undefined}
                    className={cn(
                      "block rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                      active ? "bg-accent text-accent-foreground" : "text-muted-foreground hover:text-foreground",
                    )}
                  >
                    {item.label}
                  </AppLink>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="ml-auto flex items-center gap-1">
          {user ? (
            <AppLink
              href="/account"
              title="Your account: password and logins"
              aria-current={pathname === "/account" ? "page" : undefined}
              className="flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm text-muted-foreground hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring aria-[current=page]:bg-accent aria-[current=page]:text-accent-foreground"
            >
              <UserRound className="size-4" aria-hidden />
              <span className="max-w-32 truncate font-medium text-foreground max-sm:sr-only" data-testid="header-user">
                {user.username}
              </span>
              <span className="rounded border border-border px-1.5 text-xs max-sm:sr-only" data-testid="header-role">
                {user.role}
              </span>
            </AppLink>
          ) : null}
          <ThemeToggle />
          <LogoutButton />
        </div>
      </div>
    </header>
  );
}
