"use client";
import { cn } from "@/lib/utils";

/** A collapsible JSON view built from <details>, so it needs no state and works with the keyboard. */
export function JsonTree({ value, name, depth = 0 }: { value: unknown; name?: string; depth?: number }) {
  const label = name !== undefined ? <span className="text-muted-foreground">{name}: </span> : null;
  if (value === null || typeof value !== "object") {
    return (
      <div className="pl-4">
        {label}
        <JsonScalar value={value} />
      </div>
    );
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) {
    return (
      <div className="pl-4">
        {label}
        {open}
        {close}
      </div>
    );
  }
  return (
    <details open={depth < 2} className={cn(depth > 0 && "pl-4")}>
      <summary className="cursor-pointer select-none">
        {label}
        {open}
        <span className="text-muted-foreground">
          {" "}
          {entries.length} {Array.isArray(value) ? "items" : "keys"}{" "}
        </span>
        {close}
      </summary>
      {entries.map(([k, v]) => (
        <JsonTree key={k} name={k} value={v} depth={depth + 1} />
      ))}
    </details>
  );
}

function JsonScalar({ value }: { value: unknown }) {
  if (typeof value === "string") return <span className="break-all text-success">{JSON.stringify(value)}</span>;
  if (typeof value === "number") return <span className="text-primary">{String(value)}</span>;
  if (typeof value === "boolean" || value === null) return <span className="text-warning">{String(value)}</span>;
  return <span>{String(value)}</span>;
}
