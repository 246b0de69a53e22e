/** Resource limits of one session sandbox: its uid, rlimits and cgroup caps. */
export const LIMITS = {
  /** memory cgroup limit (and memsw: no swap), covers every kernel of the session */
  memoryBytes: 1536 * 1024 * 1024,
  /** pids cgroup; counts threads, kernels need ~50 together */
  pidsMax: 384,
  /** RLIMIT_NPROC for the session's own uid (root runtime: one uid per session) */
  nproc: 384,
  /** RLIMIT_NPROC when the runtime is not root and every sandbox shares its uid */
  nprocSharedUid: 4096,
  nofile: 4096,
  fsizeBytes: 1024 * 1024 * 1024,
  /** scheduling niceness of sandboxes, so the runtime keeps answering while a session burns CPU */
  nice: 5,
} as const;

/** uid of a slot's sandbox when the runtime runs as root */
export const SLOT_UID_BASE = 100_000;
