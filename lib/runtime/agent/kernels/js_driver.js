// Stateful JavaScript kernel: one node:repl context, driven with JSON lines over two pipes whose fds
// are in AGB_PROTO_IN / AGB_PROTO_OUT (fd 1/2 stay free for child processes a cell starts).
// Request {"id", "code"}; replies {"id", "type": "stdout"|"stderr", "chunk"} while running, then
// {"id", "type": "done", "value": string|null, "error": {name, value, traceback}|null}.
// node:repl (not vm.runInContext) because it gives top-level await and persistent let/const.
"use strict";
const net = require("node:net");
const repl = require("node:repl");
const util = require("node:util");
const { PassThrough, Writable } = require("node:stream");
const { Console } = require("node:console");

const proto = new net.Socket({ fd: Number(process.env.AGB_PROTO_IN), readable: true, writable: false });
const protoOut = new net.Socket({ fd: Number(process.env.AGB_PROTO_OUT), readable: false, writable: true });
delete process.env.AGB_PROTO_IN;
delete process.env.AGB_PROTO_OUT;
const send = (obj) => protoOut.write(JSON.stringify(obj) + "\n");

let current = null; // the running cell: {id, done}
let pending = []; // output written between cells: lands in the next cell, as in a notebook

function emit(type, chunk) {
  if (!chunk) return;
  const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
  if (current) send({ id: current.id, type, chunk: text });
  else pending.push({ type, chunk: text });
}

function sink(type) {
  return new Writable({
    write(chunk, _enc, cb) {
      emit(type, chunk);
      cb();
    },
  });
}

// Cell output: console.* and process.stdout/stderr.write go to the running cell, never to fd 1/2.
const stdoutSink = sink("stdout");
const stderrSink = sink("stderr");
const cellConsole = new Console({ stdout: stdoutSink, stderr: stderrSink, colorMode: false });
process.stdout.write = (chunk, enc, cb) => {
  emit("stdout", chunk);
  if (typeof enc === "function") enc();
  else if (typeof cb === "function") cb();
  return true;
};
process.stderr.write = (chunk, enc, cb) => {
  emit("stderr", chunk);
  if (typeof enc === "function") enc();
  else if (typeof cb === "function") cb();
  return true;
};

const replOut = new PassThrough();
replOut.resume(); // the REPL's own echo of errors: we report errors from the domain instead
const r = repl.start({
  input: new PassThrough(),
  output: replOut,
  terminal: false,
  useGlobal: false,
  prompt: "",
  breakEvalOnSigint: true,
});
r.context.console = cellConsole;

// Keep the user's frames, drop the REPL/driver internals below them.
function userStack(stack) {
  return String(stack || "")
    .split("\n")
    .filter((l) => !/^\s+at .*(\(node:|\bnode:|js_driver\.js|sigintHandlersWrap)/.test(l))
    .join("\n");
}

function errorOf(e) {
  if (e && e.code === "ERR_SCRIPT_EXECUTION_INTERRUPTED") {
    return { name: "Interrupted", value: "the execution was interrupted", traceback: "" };
  }
  if (e instanceof Error || (e && typeof e === "object" && "stack" in e)) {
    return { name: e.name || "Error", value: e.message || "", traceback: userStack(e.stack) };
  }
  return { name: "Uncaught", value: util.inspect(e), traceback: "" };
}

function finish(cell, value, error) {
  if (cell.done) return;
  cell.done = true;
  if (current === cell) current = null;
  send({ id: cell.id, type: "done", value, error });
  runNext();
}

// A thrown error never reaches the eval callback: the REPL's domain handles it. Listen there too.
r._domain.prependListener("error", (e) => {
  if (current) finish(current, null, errorOf(e));
});

// SIGINT while a cell awaits, or between cells, must not kill the kernel. While the synchronous part
// of a cell runs, breakEvalOnSigint must be alone: with another listener the signal kills the process,
// and its watchdog resets SIGINT to the default afterwards, so the listener is removed and re-added
// around every eval (re-adding re-installs node's handler).
const onSigint = () => {
  if (current) finish(current, null, { name: "Interrupted", value: "the execution was interrupted", traceback: "" });
};
process.on("SIGINT", onSigint);

const queue = [];
function runNext() {
  if (current || queue.length === 0) return;
  const req = queue.shift();
  const cell = { id: req.id, done: false };
  current = cell;
  const early = pending;
  pending = [];
  for (const p of early) emit(p.type, p.chunk);
  process.removeListener("SIGINT", onSigint);
  try {
    r.eval(req.code + "\n", r.context, "cell", (err, value) => {
      if (err) {
        if (err instanceof repl.Recoverable) {
          finish(cell, null, { name: "SyntaxError", value: "unexpected end of input", traceback: "" });
        } else finish(cell, null, errorOf(err));
        return;
      }
      const text = value === undefined ? null : util.inspect(value, { depth: 4, maxArrayLength: 200 });
      finish(cell, text, null);
    });
  } catch (e) {
    finish(cell, null, errorOf(e));
  } finally {
    process.on("SIGINT", onSigint);
  }
}

let buf = "";
proto.setEncoding("utf8");
proto.on("data", (d) => {
  buf += d;
  let i;
  while ((i = buf.indexOf("\n")) >= 0) {
    const line = buf.slice(0, i);
    buf = buf.slice(i + 1);
    if (!line.trim()) continue;
    queue.push(JSON.parse(line));
  }
  runNext();
});
proto.on("end", () => process.exit(0));
send({ id: 0, type: "ready" });
