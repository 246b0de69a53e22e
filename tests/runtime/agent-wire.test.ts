/**
 * The agent's JSON codec (lib/runtime/agent/wire.py, on _json without the json module) against
 * json itself: the same text for the same separators and ensure_ascii, the same values back, and
 * json's errors for what json refuses.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";

const AGENT_DIR = path.resolve(__dirname, "../../lib/runtime/agent");

const SCRIPT = String.raw`
import json, sys
sys.path.insert(0, sys.argv[1])
import wire
values = [
    {"id": 7, "ok": True, "result": {"a": [1, 2.5, None, "é\u2028\x00\"\\"], "b": {}}},
    "plain é", 3, -1.5e300, None, False, [], {"x": float("inf"), "y": float("nan")},
    {"nested": {"k": [{"z": "\U0001f600 \u00e9"}]}}, {"big": 10**40, "neg": -0.0},
]
out = []
for v in values:
    for compact in (False, True):
        for ascii in (False, True):
            ref = json.dumps(v, separators=(",", ":") if compact else None, ensure_ascii=ascii)
            out.append(wire.dumps(v, compact=compact, ascii=ascii) == ref)
            out.append(repr(wire.loads(ref)) == repr(json.loads(ref)))
            out.append(repr(wire.loads((" \n" + ref + "\r\t").encode())) == repr(json.loads(ref)))
for bad in ["", "{", "{}x", "nul", "[1,]", '{"a":1,}', "\"\\x\""]:
    try:
        wire.loads(bad)
        out.append(False)
    except json.JSONDecodeError:
        out.append(True)
for unencodable in ({"a": object()}, {1j: 1}):
    try:
        wire.dumps(unencodable)
        out.append(False)
    except TypeError:
        out.append(True)
loop = []
loop.append(loop)
try:
    wire.dumps(loop)
    out.append(False)
except ValueError:
    out.append(True)
print(json.dumps({"checks": len(out), "failed": [i for i, ok in enumerate(out) if not ok]}))
`;

it("wire.dumps / wire.loads match json.dumps / json.loads, errors included", () => {
  const r = JSON.parse(execFileSync("/usr/bin/python3", ["-I", "-S", "-c", SCRIPT, AGENT_DIR], { encoding: "utf8" }));
  expect(r.checks).toBeGreaterThan(100);
  expect(r.failed).toEqual([]);
});
