"use client";
// The session's console: code, shell commands, files and metrics. Code, Commands and Files stay
// mounted when hidden so a running stream, typed commands and unsaved edits survive a tab switch;
// Metrics unmounts so it only polls while shown.
import { useEffect, useState } from "react";
import { Activity, Code2, FolderOpen, SquareTerminal, TerminalSquare } from "lucide-react";
import { useCan } from "@/components/auth/current-user";
import { RoleNotice } from "@/components/auth/role-notice";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { FileBrowser } from "@/components/files/file-browser";
import { MetricsPanel } from "@/components/metrics/metrics-panel";
import { TerminalTab } from "@/components/terminal/terminal-tab";
import { CodeTab } from "./code-tab";
import { CommandsTab } from "./commands-tab";
import { CONSOLE_TAB_EVENT } from "./console-tab-event";

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
          {canRun ? <CommandsTab sessionId={sessionId} /> : <RoleNotice>run commands in this session</RoleNotice>}
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
