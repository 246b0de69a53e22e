// A window event that asks the session page's console to show a tab (sent by the command palette).
export const CONSOLE_TAB_EVENT = "agb:console-tab";
