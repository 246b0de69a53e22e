// Tracebacks from IPython and IRkernel carry ANSI colour codes; we show plain text.
// Covers CSI sequences (ESC [ ... final byte), OSC sequences (ESC ] ... BEL/ST) and lone ESC pairs.
const ANSI =
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}
