"use client";
import * as React from "react";
import { Button, type ButtonProps } from "./button";
import { cn } from "@/lib/utils";
import { toastFailure } from "./notify";

/** Copies `value`; `label` names what is copied for screen readers ("Copy session id"). */
export function CopyButton({
  value,
  label,
  className,
  size = "icon-sm",
  variant = "ghost",
  ...props
}: { value: string; label: string } & Omit<ButtonProps, "value" | "onClick">) {
  const [copied, setCopied] = React.useState(false);
  React.useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(t);
  }, [copied]);
  return (
    <Button
      {...props}
      size={size}
      variant={variant}
      aria-label={label}
      title={label}
      className={cn("text-muted-foreground hover:text-foreground", className)}
      onClick={async () => {
        try {
          await copyText(value);
          setCopied(true);
        } catch {
          toastFailure("Could not copy to the clipboard");
        }
      }}
    >
      <span className={copied ? "icon-check text-success" : "icon-copy"} aria-hidden />
      <span className="sr-only" aria-live="polite">
        {copied ? "Copied" : ""}
      </span>
    </Button>
  );
}

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  // Plain-http self-hosting (no secure context) has no Clipboard API: fall back to a hidden textarea.
  const ta = document.createElement("textarea");
  ta.value = text;
  ta.setAttribute("readonly", "");
  ta.style.position = "fixed";
  ta.style.opacity = "0";
  document.body.appendChild(ta);
  ta.select();
  const ok = document.execCommand("copy");
  ta.remove();
  if (!ok) throw new Error("copy failed");
}
