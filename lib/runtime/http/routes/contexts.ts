/**
 * Context and storage APIs: cloud-only (docs/protocol.md, "Contexts, browser and computer"). The calls the SDK makes on its ordinary paths
 * (list, sync, sync status) answer empty successes; the rest say they are not supported.
 */
import { EnvelopeError } from "../envelope";
import type { Route } from "../context";

const notSupported = (name: string) => () => {
  throw new EnvelopeError(
    200,
    "NotSupported",
    `${name}: contexts (cloud storage) are not supported by the embedded runtime`,
    400,
  );
};

export const contextRoutes: Route[] = [
  { method: "GET", path: "/sdk/ListContexts", auth: true, handle: () => ({ data: [] }) },
  { method: "POST", path: "/sdk/SyncContext", auth: true, handle: () => ({ data: {} }) },
  { method: "GET", path: "/sdk/GetContextInfo", auth: true, handle: () => ({ data: { contextStatus: "[]" } }) },
  { method: "POST", path: "/sdk/DescribeContextFiles", auth: true, handle: () => ({ data: [], extra: { count: 0 } }) },
  { method: "GET", path: "/sdk/GetContext", auth: true, handle: notSupported("GetContext") },
  ...[
    "ModifyContext",
    "DeleteContext",
    "ClearContext",
    "GetContextFileDownloadUrl",
    "GetContextFileUploadUrl",
    "DeleteContextFile",
    "GetAndLoadInternalContext",
  ].map((name): Route => ({ method: "POST", path: `/sdk/${name}`, auth: true, handle: notSupported(name) })),
];
