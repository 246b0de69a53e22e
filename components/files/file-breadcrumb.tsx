"use client";
import { ChevronRight } from "lucide-react";
import { breadcrumbs } from "./paths";

export function FileBreadcrumb({
  path,
  root,
  onNavigate,
}: {
  path: string;
  root: string;
  onNavigate: (path: string) => void;
}) {
  const crumbs = breadcrumbs(path, root);
  return (
    <nav aria-label="Folder path" className="min-w-0 overflow-x-auto">
      <ol className="flex items-center gap-0.5 text-sm whitespace-nowrap">
        {crumbs.map((c, i) => (
          <li key={c.path} className="flex items-center gap-0.5">
            {i > 0 ? <ChevronRight className="size-3.5 shrink-0 text-muted-foreground" aria-hidden /> : null}
            {i === crumbs.length - 1 ? (
              <span aria-current="page" className="px-1 font-mono font-medium">
                {c.name}
              </span>
            ) : (
              <button
                type="button"
                onClick={() => onNavigate(c.path)}
                className="cursor-pointer rounded px-1 font-mono text-muted-foreground hover:bg-accent hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
              >
                {c.name}
              </button>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
