/**
 * Every tool of the embedded runtime. Tool modules append their definitions here (one import and
 * one spread each); /mcp and /mcp/listTools read TOOLS.
 */
import { browserTools } from "./browser";
import { codeTools } from "./code";
import { metricsHistoryTool, terminalTool } from "./extensions";
import { fileTools } from "./files";
import { metricsTool } from "./metrics";
import type { ToolDef } from "./registry";
import { shellTool } from "./shell";

export const TOOLS: readonly ToolDef[] = [
  shellTool,
  ...codeTools,
  ...fileTools,
  metricsTool,
  ...browserTools,
  terminalTool,
  metricsHistoryTool,
];
