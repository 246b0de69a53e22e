"use client";
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Loader2 } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LazyCodeEditor } from "@/components/console/lazy-code-editor";
import { toastError } from "@/components/ui/notify";
import { callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import type { ReadFileResponse } from "@/lib/api/schemas/console";
import { queryKeys } from "@/lib/query-keys";
import { languageForFile } from "@/components/console/editor-languages";
import { formatBytes } from "./paths";
import { CHUNK_BYTES } from "./use-file-chunk";

/** A large text file, read-only, loaded a chunk at a time so the browser never holds it all at once unasked. */
export function ChunkedFileReader({
  sessionId,
  path,
  first,
  header,
}: {
  sessionId: string;
  path: string;
  first: ReadFileResponse;
  header: { closeButton: React.ReactNode; download: React.ReactNode };
}) {
  const qc = useQueryClient();
  const [text, setText] = useState(first.content);
  const [loaded, setLoaded] = useState(first.offset + new TextEncoder().encode(first.content).length);
  const [loading, setLoading] = useState(false);
  const more = async () => {
    setLoading(true);
    try {
      const next = await qc.fetchQuery({
        queryKey: queryKeys.console.fileChunk(sessionId, path, loaded, CHUNK_BYTES),
        queryFn: () =>
          callApi(endpoints.readFile, { id: sessionId, query: { path, offset: loaded, length: CHUNK_BYTES } }),
        staleTime: Infinity,
        gcTime: 0,
      });
      const bytes = new TextEncoder().encode(next.content).length;
      setText((t) => t + next.content);
      setLoaded((l) => l + Math.max(bytes, 1));
    } catch (e) {
      toastError("Could not load the next part", e);
    } finally {
      setLoading(false);
    }
  };
  const done = loaded >= first.size;
  return (
    <div className="flex min-w-0 flex-col gap-2" data-testid="file-viewer" data-mode="chunked">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="min-w-0 flex-1 truncate font-mono text-sm font-medium" title={path}>
          {path}
        </h3>
        <Badge variant="outline">Read-only</Badge>
        {header.download}
        {header.closeButton}
      </div>
      <p className="text-xs text-muted-foreground">
        Large file: showing {formatBytes(Math.min(loaded, first.size))} of {formatBytes(first.size)}. Download it to
        edit.
      </p>
      <LazyCodeEditor
        value={text}
        language={languageForFile(path)}
        readOnly
        ariaLabel={`Contents of ${path}`}
        minHeight="16rem"
        maxHeight="60vh"
      />
      {!done ? (
        <div>
          <Button size="sm" variant="outline" onClick={more} disabled={loading}>
            {loading ? <Loader2 className="animate-spin" aria-hidden /> : null} Load the next{" "}
            {formatBytes(Math.min(CHUNK_BYTES, first.size - loaded))}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
