/**
 * run_code against real kernels in real sandboxes (docs/protocol.md, "run_code"; the SDK's code-execution and
 * code-enhanced-advanced). One runtime for the file; session A carries the stateful checks.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCode, startTestRuntime, tool, type TestRuntime } from "./helpers";

let t: TestRuntime;
let a: string;

beforeAll(async () => {
  t = await startTestRuntime();
  a = await t.wire.newSession();
});
afterAll(async () => {
  await t?.stop();
});

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe("run_code: python (ipykernel)", () => {
  it("prints to stdout chunks and answers the run_code result format as one text item", async () => {
    const r = await runCode(t.wire, a, 'print("Hello from Python")', "python");
    expect(r.success).toBe(true);
    expect(r.call.body.data.content).toHaveLength(1);
    expect(r.stdout).toContain("Hello from Python");
    expect(r.raw.stderr).toEqual([]);
    expect(typeof r.raw.execution_count).toBe("number");
    expect(typeof r.raw.execution_time).toBe("number");
  });

  it("keeps state between runs and counts executions", async () => {
    const first = await runCode(t.wire, a, "x = 42", "python");
    const second = await runCode(t.wire, a, "print(x)", "python");
    expect(second.stdout).toBe("42\n");
    expect(second.raw.execution_count).toBe(first.raw.execution_count + 1);
  });

  it("runs multi-line code with imports; the last expression is the main result", async () => {
    const r = await runCode(
      t.wire,
      a,
      "import math, json\nprint('Python:', math.sqrt(16))\njson.dumps({'a': 1})",
      "python",
    );
    expect(r.stdout).toContain("Python: 4.0");
    expect(r.results).toEqual([{ "text/plain": `'{"a": 1}'`, isMainResult: true }]);
  });

  it("gives several results for display() with isMainResult only on the last expression", async () => {
    const r = await runCode(
      t.wire,
      a,
      "from IPython.display import display, HTML, Markdown\ndisplay(HTML('<b>bold</b>'))\ndisplay(Markdown('*md*'))\n7 * 6",
      "python",
    );
    expect(r.results).toHaveLength(3);
    expect(r.results[0]["text/html"]).toBe("<b>bold</b>");
    expect(r.results[1]["text/markdown"]).toBe("*md*");
    expect(r.results.map((x) => x.isMainResult)).toEqual([false, false, true]);
    expect(r.results[2]["text/plain"]).toBe("42");
  });

  it("returns a matplotlib figure as image/png that decodes as a PNG", async () => {
    const r = await runCode(
      t.wire,
      a,
      "import matplotlib.pyplot as plt\nplt.plot([1, 2, 3], [1, 4, 9])\nplt.show()",
      "python",
      120,
    );
    expect(r.success).toBe(true);
    const img = r.results.find((x) => x["image/png"]);
    expect(img).toBeDefined();
    const png = Buffer.from(img["image/png"], "base64");
    expect(png.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
    expect(png.readUInt32BE(16)).toBeGreaterThan(100); // IHDR width
  });

  it("writes matplotlib SVG to stdout", async () => {
    const r = await runCode(
      t.wire,
      a,
      "import io, matplotlib.pyplot as plt\nf = plt.figure()\nplt.plot([1, 2])\nb = io.StringIO()\nf.savefig(b, format='svg')\nplt.close(f)\nprint(b.getvalue()[:200])",
      "python",
      120,
    );
    expect(r.stdout).toContain("svg");
  });

  it("renders a pandas DataFrame as text/html", async () => {
    const r = await runCode(
      t.wire,
      a,
      "import pandas as pd\npd.DataFrame({'a': [1, 2], 'b': ['x', 'y']})",
      "python",
      120,
    );
    const main = r.results.find((x) => x.isMainResult);
    expect(main["text/html"]).toContain("<table");
    expect(main["text/html"]).toContain("<td>x</td>");
    expect(main["text/plain"]).toContain("a  b");
  });

  it("reports an exception as executionError with its traceback, so the SDK says success:false", async () => {
    const r = await runCode(t.wire, a, "undefined_variable + 1", "python");
    expect(r.call.isError).toBe(false);
    expect(r.success).toBe(false);
    expect(r.raw.executionError).toBe("NameError: name 'undefined_variable' is not defined");
    expect(r.raw.error.name).toBe("NameError");
    expect(r.stderr).toContain("Traceback");
    const after = await runCode(t.wire, a, "print(x + 1)", "python");
    expect(after.stdout).toBe("43\n");
  });

  it("interrupts a run past timeout_s and keeps the kernel's state", async () => {
    await runCode(t.wire, a, "kept = 'still here'", "python");
    const r = await runCode(t.wire, a, "import time\nwhile True:\n    time.sleep(0.05)", "python", 1);
    expect(r.success).toBe(false);
    expect(r.raw.executionError).toMatch(/^TimeoutError: .*1s.*keeps its state/);
    const after = await runCode(t.wire, a, "print(kept)", "python");
    expect(after.stdout).toBe("still here\n");
  });

  it("interrupt_code stops a running cell (the dashboard's Stop button); state survives", async () => {
    const running = runCode(t.wire, a, "import time\nfor i in range(600):\n    time.sleep(0.1)", "python", 120);
    await new Promise((r) => setTimeout(r, 700));
    const stop = await tool(t.wire, a, "interrupt_code", { language: "python" });
    expect(stop.isError).toBe(false);
    expect(JSON.parse(stop.text).interrupted).toEqual(["python"]);
    const r = await running;
    expect(r.raw.executionError).toMatch(/^KeyboardInterrupt/);
    expect((await runCode(t.wire, a, "print(kept)", "python")).stdout).toBe("still here\n");
  });

  it("reports a dead kernel (os._exit) clearly, with what it printed first, and restarts it on the next run", async () => {
    const r = await runCode(
      t.wire,
      a,
      "import os, time\nprint('last words', flush=True)\ntime.sleep(0.1)\nos._exit(1)",
      "python",
    );
    expect(r.success).toBe(false);
    expect(r.stdout).toBe("last words\n");
    expect(r.raw.executionError).toMatch(/^KernelDied: the python kernel exited with code 1/);
    const next = await runCode(t.wire, a, "print('fresh')", "python");
    expect(next.success).toBe(true);
    expect(next.stdout).toBe("fresh\n");
    expect(next.raw.kernelRestarted).toBe(true);
    expect(next.raw.execution_count).toBe(1);
  });

  it("survives a kernel killed for memory and restarts it", async () => {
    const r = await runCode(t.wire, a, "b = b'x' * (3 * 1024 ** 3)", "python", 60);
    expect(r.success).toBe(false);
    // With the session's memory cgroup the kernel is OOM-killed and the console is told so;
    // without one Python raises MemoryError.
    expect(r.raw.executionError).toMatch(
      /^(killed: out of memory, limit [^:]+: KernelDied: .*SIGKILL \(probably out of memory\)|MemoryError)/,
    );
    expect((await runCode(t.wire, a, "print('alive')", "python")).stdout).toBe("alive\n");
  });

  it("applies the default timeout when timeout_s is omitted (raw callMcpTool)", async () => {
    const r = await tool(t.wire, a, "run_code", { code: "print('raw')", language: "python" });
    expect(r.success && !r.isError).toBe(true);
    expect(JSON.parse(r.text).stdout).toEqual(["raw\n"]);
  });
});

describe("run_code: javascript, java, r", () => {
  it("javascript: console.log to stdout, last expression as the result, state and top-level await", async () => {
    const r = await runCode(
      t.wire,
      a,
      "console.log('Hello from JS'); let n = 2; const m = await Promise.resolve(3); n * m",
      "javascript",
    );
    expect(r.success).toBe(true);
    expect(r.stdout).toBe("Hello from JS\n");
    expect(r.results).toEqual([{ "text/plain": "6", isMainResult: true }]);
    const again = await runCode(t.wire, a, "n + m", "javascript");
    expect(again.results[0]["text/plain"]).toBe("5");
  });

  it("javascript: errors fail the run; an endless loop is interrupted at its timeout with state kept", async () => {
    const err = await runCode(t.wire, a, "missingThing.x", "javascript");
    expect(err.success).toBe(false);
    expect(err.raw.executionError).toBe("ReferenceError: missingThing is not defined");
    const loop = await runCode(t.wire, a, "while (true) {}", "javascript", 1);
    expect(loop.raw.executionError).toMatch(/^TimeoutError/);
    expect((await runCode(t.wire, a, "n", "javascript")).results[0]["text/plain"]).toBe("2");
  });

  it("java: bare statements and loops in JShell, with state", async () => {
    const code =
      'System.out.println("Hello from Java");\nint sum = 0;\nfor (int i = 1; i <= 10; i++) { sum += i; }\nSystem.out.println("Sum: " + sum);';
    const r = await runCode(t.wire, a, code, "java", 120);
    expect(r.success, r.call.text).toBe(true);
    expect(r.stdout).toContain("Hello from Java");
    expect(r.stdout).toContain("Sum: 55");
    const again = await runCode(t.wire, a, "sum * 2", "java");
    expect(again.results).toEqual([{ "text/plain": "110", isMainResult: true }]);
    const bad = await runCode(t.wire, a, "int z = 1 / 0;", "java");
    expect(bad.raw.executionError).toBe("java.lang.ArithmeticException: / by zero");
  });

  it("r: cat output, state between runs, values as results, errors", async () => {
    const r = await runCode(t.wire, a, 'y <- 99\ncat("Mean:", mean(c(1, 2, 3)), "\\n")', "r", 120);
    expect(r.success).toBe(true);
    expect(r.stdout).toContain("Mean: 2");
    expect((await runCode(t.wire, a, "cat(y)", "r")).stdout).toBe("99");
    const v = await runCode(t.wire, a, "y + 1", "r");
    expect(v.results.find((x) => x.isMainResult)["text/plain"]).toBe("[1] 100");
    const e = await runCode(t.wire, a, 'stop("boom")', "r");
    expect(e.raw.executionError).toBe("Error: boom");
  });
});

describe("run_code: sessions, inputs", () => {
  it("two sessions run in parallel without sharing state", async () => {
    const b = await t.wire.newSession();
    await runCode(t.wire, a, "who = 'session-a'", "python");
    const [pa, pb, jb] = await Promise.all([
      runCode(t.wire, a, "import time; time.sleep(0.3); print(who)", "python"),
      runCode(t.wire, b, "print('who' in dir())", "python", 120),
      runCode(t.wire, b, "console.log('js in b')", "javascript", 120),
    ]);
    expect(pa.stdout).toBe("session-a\n");
    expect(pb.stdout).toBe("False\n");
    expect(jb.stdout).toBe("js in b\n");
    await t.wire.release(b);
  });

  it("answers clear errors for missing code, an unsupported language and a bad timeout, never a 5xx", async () => {
    const missing = await t.wire.callTool(a, "run_code", { language: "python" });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toMatch(/code is required/);
    const ruby = await t.wire.callTool(a, "run_code", { code: "puts 1", language: "ruby" });
    expect(ruby.status).toBe(400);
    expect(ruby.body.message).toMatch(/unsupported language "ruby"; supported: python, javascript, java, r/);
    const neg = await t.wire.callTool(a, "run_code", { code: "1", language: "python", timeout_s: -1 });
    expect(neg.status).toBe(400);
    expect(neg.body.message).toMatch(/timeout_s/);
    const alias = await runCode(t.wire, a, "print('alias ok')", "PY");
    expect(alias.stdout).toBe("alias ok\n");
  });

  it("a language whose runtime is missing answers a tool error naming it", async () => {
    // Every runtime is installed in the sandboxes here, so drive a real agent whose PATH has no R.
    const agent = spawn("/usr/bin/python3", [path.resolve("lib/runtime/agent/agent.py")], {
      env: { ...process.env, PATH: "/nonexistent", HOME: "/tmp" },
      stdio: ["pipe", "pipe", "inherit"],
    });
    const reply = await new Promise<{ ok: boolean; error: { kind: string; message: string } }>((resolve) => {
      let buf = "";
      agent.stdout.on("data", (d: Buffer) => {
        buf += d.toString();
        for (const line of buf.split("\n").slice(0, -1)) {
          const m = JSON.parse(line);
          if (m.id === 1) resolve(m);
        }
      });
      agent.stdin.write(JSON.stringify({ id: 1, op: "run_code", args: { code: "cat(1)", language: "r" } }) + "\n");
    });
    agent.kill("SIGKILL");
    expect(reply.ok).toBe(false);
    expect(reply.error.kind).toBe("tool");
    expect(reply.error.message).toMatch(/the r runtime is not installed.*r-base-core/);
  });
});
