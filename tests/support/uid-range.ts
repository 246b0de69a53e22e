// Each test file's runtimes get their own range of session uids. RLIMIT_NPROC counts processes per
// uid across the whole host, and a sandbox's processes (a fork bomb's thousands among them) can
// still be exiting when the next file starts a runtime: with one shared range, that file's slot 1
// would be the same uid and could not start a thread. A random range per file (1,000 uids each,
// 4,000 ranges) keeps consecutive files apart. A range set from outside the tests is kept.
import { randomInt } from "node:crypto";

const MARK = "AGB_TEST_UID_RANGE_PER_FILE";
if (!process.env.AGB_RUNTIME_UID_BASE || process.env[MARK]) {
  process.env.AGB_RUNTIME_UID_BASE = String(200_000 + randomInt(0, 4000) * 1000);
  process.env[MARK] = "1";
}
