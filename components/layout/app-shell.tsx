import * as React from "react";
import { earlyPaletteKeyScript } from "@/components/palette/early-keys";
import { PaletteLauncher } from "@/components/palette/palette-launcher";
import { CurrentUserProvider, type CurrentUser } from "@/components/auth/current-user";
import { AppHeader } from "./app-header";

/** The frame of every logged-in page; `user` comes from the server's login check (lib/server/auth/page.ts). */
export function AppShell({ user, children }: { user: CurrentUser; children: React.ReactNode }) {
  return (
    <CurrentUserProvider user={user}>
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-primary px-3 py-2 text-primary-foreground focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <AppHeader user={user} />
      <script dangerouslySetInnerHTML={{ __html: earlyPaletteKeyScript }} />
      <PaletteLauncher />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl px-4 py-6 focus:outline-none">
        {children}
      </main>
    </CurrentUserProvider>
  );
}
