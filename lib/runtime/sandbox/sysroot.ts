/**
 * What a sandbox sees of the host besides /usr: a minimal /etc and the agent's code, copied into a
 * runtime-owned folder at start (a tmpfs mounted there when root, so /proc/self/mountinfo inside
 * names no host path for them; without root the copy sits in the data dir).
 *
 * ETC_ALLOW is what programs in a session need: the loader cache, time zone, name-service
 * switch and a hosts file naming the sandbox, TLS certificates, MIME types (Python's mimetypes,
 * matplotlib), the alternatives links /usr/bin/java and friends resolve through, and the config
 * folders of the language runtimes (java, R, python, pip, npm, matplotlib, fonts, terminfo, bash).
 * Not copied: passwd/shadow/sudoers/ssh/pam/cron/network config, resolv.conf (no network), the
 * host's hostname and machine-id. Each slot gets its own passwd/group (slots.ts) under `slots/`.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { mountsUnder, unmountUnderSync } from "./disk";

const ETC_ALLOW = [
  "alternatives",
  "bash.bashrc",
  "ca-certificates",
  "ca-certificates.conf",
  "debian_version",
  "fonts",
  "gai.conf",
  "gitconfig",
  "host.conf",
  "inputrc",
  "mtab",
  "perl",
  "vim",
  "wgetrc",
  "java-17-openjdk",
  "java-21-openjdk",
  "ld.so.cache",
  "ld.so.conf",
  "ld.so.conf.d",
  "locale.alias",
  "localtime",
  "magic",
  "magic.mime",
  "matplotlibrc",
  "mime.types",
  "nsswitch.conf",
  "npmrc",
  "os-release",
  "pip.conf",
  "profile",
  "protocols",
  "python3",
  "python3.11",
  "python3.12",
  "R",
  "services",
  "shells",
  "ssl",
  "terminfo",
  "timezone",
  "xdg",
];

/** Where the sandbox sees the agent's code. */
export const AGENT_DIR_IN_SANDBOX = "/opt/agb/agent";

export interface Sysroot {
  /** folder bound read-only as the sandbox's /etc */
  etc: string;
  /** the agent's code, bound read-only at /opt/agb/agent */
  agentDir: string;
  /** per-slot passwd/group files: `${slots}/<slot>/{passwd,group}` */
  slots: string;
  /** a tmpfs holds it (no host path in the sandbox's mountinfo) */
  tmpfs: boolean;
}

/** Builds the sysroot at `<runtimeDir>/sysroot` afresh (a previous runtime's copy is replaced). */
export function buildSysroot(runtimeDir: string, agentDirOnHost: string, isRoot: boolean): Sysroot {
  const dir = path.join(runtimeDir, "sysroot");
  unmountUnderSync(dir);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { mode: 0o755 });
  let tmpfs = false;
  if (isRoot) {
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=64m,mode=0755,nosuid,nodev", "agb-sysroot", dir], {
        stdio: "ignore",
      });
      tmpfs = mountsUnder(dir).length > 0;
    } catch {
      /* a copy in the data dir still works */
    }
  }
  fs.chmodSync(dir, 0o755);
  const etc = path.join(dir, "etc");
  fs.mkdirSync(etc, { mode: 0o755 });
  for (const name of ETC_ALLOW) {
    const src = path.join("/etc", name);
    if (!fs.existsSync(src) && !isSymlink(src)) continue;
    fs.cpSync(src, path.join(etc, name), {
      recursive: true,
      verbatimSymlinks: true,
      errorOnExist: false,
      force: true,
      filter: (s) => readable(s),
    });
  }
  fs.writeFileSync(
    path.join(etc, "hosts"),
    "127.0.0.1\tlocalhost agb-session\n::1\tlocalhost ip6-localhost ip6-loopback\n",
    { mode: 0o644 },
  );
  fs.writeFileSync(path.join(etc, "hostname"), "agb-session\n", { mode: 0o644 });
  // bwrap binds these over the copies per slot; the files must exist to be mount points.
  fs.writeFileSync(path.join(etc, "passwd"), "", { mode: 0o644 });
  fs.writeFileSync(path.join(etc, "group"), "", { mode: 0o644 });
  const agentDir = path.join(dir, "agent");
  fs.cpSync(agentDirOnHost, agentDir, { recursive: true, filter: (s) => !s.includes("__pycache__") });
  compileAgent(agentDir);
  const slots = path.join(dir, "slots");
  fs.mkdirSync(slots, { mode: 0o711 });
  return { etc, agentDir, slots, tmpfs };
}

/**
 * Compiles the agent's modules once here: every sandbox runs `python3 -B` (nothing written from
 * inside), which otherwise compiles them from source at each start (about 10 ms of CPU per agent).
 * The code objects name the paths the sandbox sees (-d), not this folder. Without the bytecode the
 * agent still starts, only slower.
 */
function compileAgent(agentDir: string): void {
  try {
    execFileSync("/usr/bin/python3", ["-I", "-m", "compileall", "-q", "-d", AGENT_DIR_IN_SANDBOX, agentDir], {
      stdio: "ignore",
      env: {} as NodeJS.ProcessEnv,
    });
  } catch {
    /* the sources alone work */
  }
}

export function removeSysroot(runtimeDir: string): void {
  const dir = path.join(runtimeDir, "sysroot");
  unmountUnderSync(dir);
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Writes a slot's passwd/group into the sysroot; returns their paths. */
export function slotIdentity(
  sys: Sysroot,
  slot: number,
  passwd: string,
  group: string,
): { passwd: string; group: string } {
  const d = path.join(sys.slots, String(slot));
  fs.mkdirSync(d, { recursive: true, mode: 0o755 });
  const out = { passwd: path.join(d, "passwd"), group: path.join(d, "group") };
  fs.writeFileSync(out.passwd, passwd, { mode: 0o644 });
  fs.writeFileSync(out.group, group, { mode: 0o644 });
  return out;
}

function isSymlink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Only world-readable files: nothing a session uid could not read on the host anyway. */
function readable(p: string): boolean {
  try {
    const st = fs.lstatSync(p);
    return st.isSymbolicLink() || (st.mode & 0o004) !== 0;
  } catch {
    return false;
  }
}
