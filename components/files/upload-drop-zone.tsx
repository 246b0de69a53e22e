"use client";
import { useRef, useState } from "react";
import { Upload } from "lucide-react";
import { cn } from "@/lib/utils";

/**
 * Accepts dropped files over its children; `inputRef` lets a toolbar button open the file picker.
 * `disabled` (a role that cannot write): only the children, no drop target.
 */
export function UploadDropZone({
  dir,
  onFiles,
  inputRef,
  children,
  className,
  disabled = false,
}: {
  dir: string;
  onFiles: (files: File[]) => void;
  inputRef: React.RefObject<HTMLInputElement | null>;
  children: React.ReactNode;
  className?: string;
  disabled?: boolean;
}) {
  const [over, setOver] = useState(false);
  const depth = useRef(0);
  const hasFiles = (e: React.DragEvent) => Array.from(e.dataTransfer.types).includes("Files");
  if (disabled) return <div className={cn("relative", className)}>{children}</div>;
  return (
    <div
      data-testid="upload-drop-zone"
      className={cn("relative", className)}
      onDragEnter={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        depth.current++;
        setOver(true);
      }}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = "copy";
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        depth.current = 0;
        setOver(false);
        const files = Array.from(e.dataTransfer.files);
        if (files.length) onFiles(files);
      }}
    >
      {children}
      {over ? (
        <div className="pointer-events-none absolute inset-0 flex items-center justify-center rounded-lg border-2 border-dashed border-primary bg-primary/10 text-sm font-medium">
          <Upload className="mr-2 size-4" aria-hidden /> Drop to upload to <span className="ml-1 font-mono">{dir}</span>
        </div>
      ) : null}
      <input
        ref={inputRef}
        type="file"
        multiple
        hidden
        data-testid="upload-input"
        aria-label={`Upload files to ${dir}`}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = "";
          if (files.length) onFiles(files);
        }}
      />
    </div>
  );
}
