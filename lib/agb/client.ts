import "server-only";
// The AGB client: one transport, one module per concern, bound here into a single object.
import * as code from "./code";
import * as command from "./command";
import * as files from "./files";
import * as images from "./images";
import * as labels from "./labels";
import * as metrics from "./metrics";
import * as sessions from "./sessions";
import * as tools from "./tools";
import { createTransport, type Transport, type TransportConfig } from "./transport";

type Bound<F> = F extends (t: Transport, ...args: infer A) => infer R ? (...args: A) => R : never;

export function createAgbClient(cfg: TransportConfig) {
  const t = createTransport(cfg);
  return {
    transport: t,
    createSession: (...a: Parameters<Bound<typeof sessions.createSession>>) => sessions.createSession(t, ...a),
    getSession: (...a: Parameters<Bound<typeof sessions.getSession>>) => sessions.getSession(t, ...a),
    getSessionStatus: (...a: Parameters<Bound<typeof sessions.getSessionStatus>>) => sessions.getSessionStatus(t, ...a),
    getSessionResource: (...a: Parameters<Bound<typeof sessions.getSessionResource>>) =>
      sessions.getSessionResource(t, ...a),
    releaseSession: (...a: Parameters<Bound<typeof sessions.releaseSession>>) => sessions.releaseSession(t, ...a),
    waitReleased: (...a: Parameters<Bound<typeof sessions.waitReleased>>) => sessions.waitReleased(t, ...a),
    keepAlive: (...a: Parameters<Bound<typeof sessions.keepAlive>>) => sessions.keepAlive(t, ...a),
    listSessionsPage: (...a: Parameters<Bound<typeof sessions.listSessionsPage>>) => sessions.listSessionsPage(t, ...a),
    getLabels: (id: string) => labels.getLabels(t, id),
    setLabels: (id: string, l: Record<string, string>) => labels.setLabels(t, id, l),
    callTool: (...a: Parameters<Bound<typeof tools.callTool>>) => tools.callTool(t, ...a),
    listTools: (imageId: string) => tools.listTools(t, imageId),
    runCode: (...a: Parameters<Bound<typeof code.runCode>>) => code.runCode(t, ...a),
    runShell: (...a: Parameters<Bound<typeof command.runShell>>) => command.runShell(t, ...a),
    getFileInfo: (id: string, path: string) => files.getFileInfo(t, id, path),
    listDirectory: (id: string, path: string) => files.listDirectory(t, id, path),
    listDirectoryDetailed: (id: string, path: string) => files.listDirectoryDetailed(t, id, path),
    readBytes: (...a: Parameters<Bound<typeof files.readBytes>>) => files.readBytes(t, ...a),
    readUnsized: (...a: Parameters<Bound<typeof files.readUnsized>>) => files.readUnsized(t, ...a),
    readText: (id: string, path: string) => files.readText(t, id, path),
    writeText: (...a: Parameters<Bound<typeof files.writeText>>) => files.writeText(t, ...a),
    writeBytes: (...a: Parameters<Bound<typeof files.writeBytes>>) => files.writeBytes(t, ...a),
    createDirectory: (id: string, path: string) => files.createDirectory(t, id, path),
    moveFile: (id: string, s: string, d: string) => files.moveFile(t, id, s, d),
    deleteFile: (id: string, path: string, opts?: { recursive?: boolean }) => files.deleteFile(t, id, path, opts),
    editFile: (...a: Parameters<Bound<typeof files.editFile>>) => files.editFile(t, ...a),
    searchFiles: (...a: Parameters<Bound<typeof files.searchFiles>>) => files.searchFiles(t, ...a),
    readMultipleFiles: (id: string, paths: string[]) => files.readMultipleFiles(t, id, paths),
    getMetrics: (id: string) => metrics.getMetrics(t, id),
    listLocalImages: () => images.listLocalImages(t),
    close: () => t.close(),
  };
}

export type AgbClient = ReturnType<typeof createAgbClient>;
export { AgbError, isAgbError } from "./errors";
export { runCodeStream, type StreamEvent } from "./stream";
export { parseToolList } from "./sessions";
export type { SessionData } from "./wire-schemas";
export type { CodeRun } from "./code";
