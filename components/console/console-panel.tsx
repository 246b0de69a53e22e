"use client";
// The session's console: code, shell commands, files and metrics. Code, and Commands, Terminal and
// Files once opened, stay mounted when hidden so a running stream, typed commands and unsaved edits
// survive a tab switch; Metrics unmounts so it only polls while shown.
import { useEffect, useState } from "react";
import dynamic from "next/dynamic";
import { Activity, Code2, FolderOpen, SquareTerminal, TerminalSquare } from "lucide-react";
import { useCan } from "@/components/auth/current-user";
import { RoleNotice } from "@/components/auth/role-notice";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { CodeTab } from "./code-tab";
import { CONSOLE_TAB_EVENT } from "./console-tab-event";

// Only the Code tab is in the page's first load; each other tab's code loads when it is first opened.
const tabLoading = () => <p className="py-6 text-sm text-muted-foreground">Loading…</p>;
const CommandsTab = dynamic(() => import("./commands-tab").then((m) => m.CommandsTab), {
  ssr: false,
  loading: tabLoading,
});
const TerminalTab = dynamic(() => import("@/components/terminal/terminal-tab").then((m) => m.TerminalTab), {
  ssr: false,
  loading: tabLoading,
});
const FileBrowser = dynamic(() => import("@/components/files/file-browser").then((m) => m.FileBrowser), {
  ssr: false,
  loading: tabLoading,
});
const MetricsPanel = dynamic(() => import("@/components/metrics/metrics-panel").then((m) => m.MetricsPanel), {
  ssr: false,
  loading: tabLoading,
});

export type Tab = "code" | "commands" | "terminal" | "files" | "metrics";

const TRIGGERS: { value: Tab; label: string; Icon: typeof Code2 }[] = [
  { value: "code", label: "Code", Icon: Code2 },
  { value: "commands", label: "Commands", Icon: SquareTerminal },
  { value: "terminal", label: "Terminal", Icon: TerminalSquare },
  { value: "files", label: "Files", Icon: FolderOpen },
  { value: "metrics", label: "Metrics", Icon: Activity },
];

export function ConsolePanel({ sessionId, imageId }: { sessionId: string; imageId: string | null }) {
  const [tab, setTab] = useState<Tab>("code");
  // A viewer sees files and metrics; code, commands and terminals are for operators (403 otherwise).
  const canRun = useCan("operator");
  useEffect(() => {
    const onTab = (e: Event) => {
      const want = (e as CustomEvent<unknown>).detail;
      if (TRIGGERS.some((t) => t.value === want)) setTab(want as Tab);
    };
    window.addEventListener(CONSOLE_TAB_EVENT, onTab);
    return () => window.removeEventListener(CONSOLE_TAB_EVENT, onTab);
  }, []);
  const hidden = "data-[state=inactive]:hidden";
  return (
    <div data-testid="console-panel" data-image-id={imageId ?? undefined} className="min-w-0">
      <Tabs value={tab} onValueChange={(v) => setTab(v as Tab)}>
        <TabsList aria-label="Console tools">
          {TRIGGERS.map(({ value, label, Icon }) => (
            <TabsTrigger key={value} className="max-sm:px-2 max-sm:[&_svg]:hidden" value={value}>
              <Icon aria-hidden /> {label}
            </TabsTrigger>
          ))}
        </TabsList>
        <TabsContent value="code" forceMount className={hidden}>
          {canRun ? <CodeTab sessionId={sessionId} /> : <RoleNotice>run code in this session</RoleNotice>}
        </TabsContent>
        <TabsContent value="commands" forceMount className={hidden}>
          {canRun ? (
            <LazyMount active={tab === "commands"}>
              <CommandsTab sessionId={sessionId} />
            </LazyMount>
          ) : (
            <RoleNotice>run commands in this session</RoleNotice>
          )}
        </TabsContent>
        <TabsContent value="terminal" forceMount className={hidden}>
          {/* Mounted on first visit: xterm and its stream load only for people who open a terminal. */}
          {canRun ? (
            <LazyMount active={tab === "terminal"}>
              <TerminalTab sessionId={sessionId} onOpenCommands={() => setTab("commands")} />
            </LazyMount>
          ) : (
            <RoleNotice>open a terminal in this session</RoleNotice>
          )}
        </TabsContent>
        <TabsContent value="files" forceMount className={hidden}>
          {/* Mounted on first visit only: no directory listing is fetched for people who never open Files. */}
          <LazyMount active={tab === "files"}>
            <FileBrowser sessionId={sessionId} />
          </LazyMount>
        </TabsContent>
        <TabsContent value="metrics">
          <MetricsPanel sessionId={sessionId} />
        </TabsContent>
      </Tabs>
    </div>
  );
}

function LazyMount({ active, children }: { active: boolean; children: React.ReactNode }) {
  const [seen, setSeen] = useState(active);
  if (active && !seen) setSeen(true);
  return seen ? children : null;
}
