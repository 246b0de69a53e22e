/** Browser/computer tools of `agb-browser-use-1`: listed, and each answers a clear tool error. */
import { z } from "zod";
import { defineTool } from "./registry";

/** The browser/computer tools AGB documents for that image (strict mode allows them by this list). */
export const BROWSER_TOOL_NAMES = [
  "click_mouse",
  "move_mouse",
  "drag_mouse",
  "scroll",
  "input_text",
  "press_keys",
  "release_keys",
  "get_cursor_position",
  "get_screen_size",
  "screenshot",
  "system_screenshot",
  "list_root_windows",
  "get_active_window",
  "activate_window",
  "close_window",
  "maximize_window",
  "minimize_window",
  "restore_window",
  "resize_window",
  "fullscreen_window",
  "focus_mode",
  "get_installed_apps",
  "list_visible_apps",
  "start_app",
  "stop_app_by_pid",
  "stop_app_by_pname",
  "stop_app_by_cmd",
];

export const BROWSER_UNAVAILABLE =
  "is not available in the embedded runtime (no browser or desktop); shell and file tools work on this image";

export const browserTools = BROWSER_TOOL_NAMES.map((name) =>
  defineTool({
    name,
    description: `Computer-use tool (${BROWSER_UNAVAILABLE}).`,
    args: z.looseObject({}),
    images: ["agb-browser-use-1"],
    needsSandbox: false,
    async run() {
      return { isError: true, text: `Tool ${name} ${BROWSER_UNAVAILABLE}.` };
    },
  }),
);
