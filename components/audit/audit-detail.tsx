"use client";
// An entry's detail, readable: the code or command that ran as code text, other facts as a short
// list, anything nested as indented JSON.
import type { AuditEntryView } from "@/lib/api/schemas/audit";

/** Detail keys whose value is text someone ran: shown as a code block. */
const CODE_KEYS = ["code", "command"] as const;

function codeText(v: unknown): string | null {
  if (typeof v === "string") return v;
  // A long text is stored cut (lib/server/audit/record.ts): its head, length and hash.
  if (v && typeof v === "object" && "head" in v && typeof (v as { head: unknown }).head === "string") {
    const c = v as { head: string; chars?: number; sha256?: string };
    return `${c.head}\n… (cut: ${c.chars ?? "?"} characters in all, sha256 ${c.sha256 ?? "?"})`;
  }
  return null;
}

const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v, null, 2));

export function AuditDetail({ detail }: { detail: AuditEntryView["detail"] }) {
  const entries = Object.entries(detail).filter(([, v]) => v !== undefined && v !== null);
  if (entries.length === 0) return <span className="text-muted-foreground">—</span>;
  const code = CODE_KEYS.map((k) => [k, codeText(detail[k])] as const).find(([, t]) => t !== null);
  const rest = entries.filter(([k]) => k !== code?.[0]);
  return (
    <div className="min-w-0 space-y-1.5">
      {code ? (
        <pre
          className="max-h-48 max-w-[40rem] overflow-auto rounded-md bg-muted px-2.5 py-1.5 font-mono text-xs whitespace-pre-wrap break-words"
          data-testid="audit-code"
          aria-label={code[0] === "code" ? "Code run" : "Command run"}
        >
          {code[1]}
        </pre>
      ) : null}
      {rest.length > 0 ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5 text-xs">
          {rest.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-muted-foreground">{k}</dt>
              <dd className="min-w-0 font-mono break-all">
                {typeof v === "object" ? <pre className="whitespace-pre-wrap">{show(v)}</pre> : show(v)}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}
