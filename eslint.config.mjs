import next from "eslint-config-next";
import tseslint from "typescript-eslint";

// The import rules of docs/ARCHITECTURE.md ("Import rules"), as regexes over import specifiers
// (the `@/` alias and relative paths that climb into a forbidden folder).
const folder = (names) => `^(@/|(\\.\\./)+)(${names})(/|$)`;
const restrict = (...patterns) => ["error", { patterns: patterns.map(([regex, message]) => ({ regex, message })) }];
const RUNTIME = [
  folder("lib/runtime|runtime"),
  "The dashboard never imports the embedded runtime: it talks to any AGB through lib/agb.",
];

const config = [
  {
    ignores: [
      ".next/**",
      ".next-*/**",
      "screenshots/**",
      "node_modules/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
      "lib/runtime/agent/**",
    ],
  },
  ...next,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["lib/runtime/**"],
    rules: {
      "no-restricted-imports": restrict([
        folder("lib/agb|lib/server|lib/api|app|components|agb|server|api"),
        "lib/runtime is its own process: it never imports the dashboard (lib/agb, lib/server, lib/api, app, components).",
      ]),
    },
  },
  {
    files: ["app/**", "lib/agb/**", "lib/server/**", "proxy.ts", "instrumentation.ts"],
    rules: { "no-restricted-imports": restrict(RUNTIME) },
  },
  {
    files: ["components/**", "lib/query-keys.ts", "lib/theme*", "lib/utils*"],
    rules: {
      "no-restricted-imports": restrict(RUNTIME, [
        folder("lib/server|lib/agb"),
        "Browser code never imports server-only code (lib/server, lib/agb): call the dashboard API through lib/api.",
      ]),
    },
  },
  {
    files: ["lib/api/**", "lib/protocol/**"],
    rules: {
      "no-restricted-imports": restrict(
        RUNTIME,
        [
          folder("lib/server|lib/agb|app|components"),
          "lib/api and lib/protocol are shared by server and browser: they import only zod/mini and each other.",
        ],
        ["^zod$", "Shared schemas use zod/mini, which keeps the browser bundle small."],
      ),
    },
  },
];

export default config;
