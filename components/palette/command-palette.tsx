"use client";
// The command palette (cmdk in a Radix dialog): go to a session by id or id prefix, filter the list
// by a known label, create a session, open a console tab of the current session, go to another page,
// switch theme, log out. `?` shows the keyboard shortcuts instead.
import * as React from "react";
import { Command } from "cmdk";
import { usePathname, useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { useKnownLabels } from "@/components/labels/use-known-labels";
import { ArrowRight, LogOut, Monitor, Moon, Plus, Sun, Tag, TerminalSquare } from "lucide-react";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { useTheme } from "@/components/layout/theme-provider";
import { useCan, useCurrentUser } from "@/components/auth/current-user";
import { ACCOUNT, NAV, navFor } from "@/components/layout/nav-items";
import { CreateSessionDialogContent } from "@/components/sessions/create-session-dialog-content";
import { toastError } from "@/components/ui/notify";
import { QueryProvider } from "@/components/query/query-provider";
import { callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import { queryKeys } from "@/lib/query-keys";
import { CONSOLE_TAB_EVENT } from "@/components/console/console-tab-event";
import type { PaletteMode } from "./palette-launcher";

const SHORTCUTS: [string, string][] = [
  ["⌘K / Ctrl+K", "Open or close the command palette"],
  ["?", "Show these shortcuts"],
  ["↑ ↓, Enter", "Move through and pick a palette entry"],
  ["Esc", "Close the palette or a dialog"],
  ["Ctrl+Enter", "Run the code in the Code tab"],
  ["↑ ↓ in the command box", "Walk through earlier commands"],
];

const CONSOLE_TABS = [
  { tab: "code", label: "Code" },
  { tab: "commands", label: "Commands" },
  { tab: "terminal", label: "Terminal" },
  { tab: "files", label: "Files" },
  { tab: "metrics", label: "Metrics" },
] as const;

const item =
  "flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 text-sm aria-selected:bg-accent aria-selected:text-accent-foreground [&_svg]:size-4 [&_svg]:text-muted-foreground";
const group =
  "px-1 py-1 [&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:py-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-medium [&_[cmdk-group-heading]]:text-muted-foreground";

type Props = { mode: PaletteMode | null; onModeChange: (m: PaletteMode | null) => void };

/** Mounts its own QueryProvider: it opens on every page, the sessions list's too, which has none. */
export default function CommandPalette(props: Props) {
  return (
    <QueryProvider>
      <Palette {...props} />
    </QueryProvider>
  );
}

function Palette({ mode, onModeChange }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const { setChoice } = useTheme();
  const [query, setQuery] = React.useState("");
  const [creating, setCreating] = React.useState(false);
  const canCreate = useCan("operator");
  const user = useCurrentUser();
  const pages = user ? navFor(user.role, [...NAV, ACCOUNT]).filter((p) => p.href !== pathname) : [];
  const open = mode === "commands";
  const currentSession = /^\/sessions\/([^/]+)$/.exec(pathname)?.[1];

  const ids = useQuery({
    queryKey: queryKeys.sessions.ids([]),
    queryFn: ({ signal }) => callApi(endpoints.sessionIds, { signal }),
    enabled: open,
    staleTime: 10_000,
  });
  const known = useKnownLabels(open);

  const q = query.trim();
  const matches =
    q.length >= 2 ? (ids.data?.ids ?? []).filter((id) => id.startsWith(q) || id.startsWith(`s-${q}`)).slice(0, 8) : [];
  const labels = (known.data?.keys ?? []).flatMap((k) => k.values.map((v) => ({ key: k.key, value: v }))).slice(0, 200);

  const run = (fn: () => void) => {
    onModeChange(null);
    setQuery("");
    fn();
  };

  return (
    <>
      <Dialog open={open} onOpenChange={(o) => onModeChange(o ? "commands" : null)}>
        <DialogContent className="max-w-lg overflow-hidden p-0" data-testid="command-palette">
          <DialogTitle className="sr-only">Command palette</DialogTitle>
          <DialogDescription className="sr-only">
            Type to search sessions, label filters and actions; use the arrow keys and Enter to pick one.
          </DialogDescription>
          <Command label="Command palette" shouldFilter className="flex flex-col">
            <Command.Input
              value={query}
              onValueChange={setQuery}
              placeholder="Session id, label, or action…"
              aria-label="Search commands and sessions"
              className="h-11 w-full border-b border-border bg-transparent px-3 text-sm outline-none"
            />
            <Command.List className="max-h-[min(60vh,24rem)] overflow-y-auto p-1">
              <Command.Empty className="px-3 py-6 text-center text-sm text-muted-foreground">
                Nothing matches.
              </Command.Empty>
              {q ? (
                <Command.Group heading="Sessions" className={group}>
                  {matches.map((id) => (
                    <Command.Item
                      key={id}
                      value={`session ${id}`}
                      keywords={[q]}
                      className={item}
                      onSelect={() => run(() => router.push(`/sessions/${encodeURIComponent(id)}`))}
                    >
                      <ArrowRight aria-hidden /> Go to session <span className="font-mono text-xs">{id}</span>
                    </Command.Item>
                  ))}
                  {matches.length === 0 && /^[A-Za-z0-9._-]{6,128}$/.test(q) ? (
                    <Command.Item
                      value={`open id ${q}`}
                      keywords={[q]}
                      className={item}
                      onSelect={() => run(() => router.push(`/sessions/${encodeURIComponent(q)}`))}
                    >
                      <ArrowRight aria-hidden /> Open session id <span className="font-mono text-xs">{q}</span>
                    </Command.Item>
                  ) : null}
                </Command.Group>
              ) : null}
              {currentSession ? (
                <Command.Group heading="This session" className={group}>
                  {CONSOLE_TABS.map((t) => (
                    <Command.Item
                      key={t.tab}
                      value={`open ${t.label} tab`}
                      className={item}
                      onSelect={() =>
                        run(() => window.dispatchEvent(new CustomEvent(CONSOLE_TAB_EVENT, { detail: t.tab })))
                      }
                    >
                      <TerminalSquare aria-hidden /> Open the {t.label} tab
                    </Command.Item>
                  ))}
                </Command.Group>
              ) : null}
              <Command.Group heading="Go to" className={group}>
                {pages.map((p) => (
                  <Command.Item
                    key={p.href}
                    value={`go to ${p.label} page`}
                    className={item}
                    onSelect={() => run(() => router.push(p.href))}
                  >
                    <ArrowRight aria-hidden /> {p.label}
                  </Command.Item>
                ))}
              </Command.Group>
              <Command.Group heading="Actions" className={group}>
                {canCreate ? (
                  <Command.Item
                    value="create new session"
                    className={item}
                    onSelect={() => run(() => setCreating(true))}
                  >
                    <Plus aria-hidden /> Create a session
                  </Command.Item>
                ) : null}
                <Command.Item value="theme light" className={item} onSelect={() => run(() => setChoice("light"))}>
                  <Sun aria-hidden /> Theme: light
                </Command.Item>
                <Command.Item value="theme dark" className={item} onSelect={() => run(() => setChoice("dark"))}>
                  <Moon aria-hidden /> Theme: dark
                </Command.Item>
                <Command.Item value="theme system" className={item} onSelect={() => run(() => setChoice("system"))}>
                  <Monitor aria-hidden /> Theme: follow the system
                </Command.Item>
                <Command.Item
                  value="log out sign out"
                  className={item}
                  onSelect={() =>
                    run(async () => {
                      try {
                        await callApi(endpoints.logout);
                        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
                        window.location.assign("/login");
                      } catch (e) {
                        toastError("Could not log out", e);
                      }
                    })
                  }
                >
                  <LogOut aria-hidden /> Log out
                </Command.Item>
              </Command.Group>
              {labels.length ? (
                <Command.Group heading="Filter by label" className={group}>
                  {labels.map((l) => (
                    <Command.Item
                      key={`${l.key}\n${l.value}`}
                      value={`label ${l.key}:${l.value}`}
                      className={item}
                      onSelect={() =>
                        run(() => router.push(`/sessions?label=${encodeURIComponent(`${l.key}:${l.value}`)}`))
                      }
                    >
                      <Tag aria-hidden /> Filter by{" "}
                      <span className="font-mono text-xs">
                        {l.key}:{l.value}
                      </span>
                    </Command.Item>
                  ))}
                </Command.Group>
              ) : null}
            </Command.List>
          </Command>
        </DialogContent>
      </Dialog>
      <Dialog open={mode === "shortcuts"} onOpenChange={(o) => onModeChange(o ? "shortcuts" : null)}>
        <DialogContent className="max-w-md" data-testid="shortcuts-dialog">
          <DialogTitle>Keyboard shortcuts</DialogTitle>
          <DialogDescription className="sr-only">The keys the dashboard understands.</DialogDescription>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            {SHORTCUTS.map(([k, what]) => (
              <React.Fragment key={k}>
                <dt>
                  <kbd className="rounded border border-border bg-muted px-1.5 py-0.5 font-mono text-xs">{k}</kbd>
                </dt>
                <dd className="text-muted-foreground">{what}</dd>
              </React.Fragment>
            ))}
          </dl>
        </DialogContent>
      </Dialog>
      {creating ? <CreateSessionDialogContent open={creating} onOpenChange={setCreating} initialLabels={[]} /> : null}
    </>
  );
}
