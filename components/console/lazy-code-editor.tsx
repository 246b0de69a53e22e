"use client";
import dynamic from "next/dynamic";
import { Skeleton } from "@/components/ui/skeleton";
import type { CodeEditorProps } from "./code-editor";

/** The editor chunk loads after the page is interactive; a skeleton holds its place meanwhile. */
export const LazyCodeEditor = dynamic<CodeEditorProps>(() => import("./code-editor"), {
  ssr: false,
  loading: () => <Skeleton className="h-32 w-full" aria-label="Loading the editor" />,
});
