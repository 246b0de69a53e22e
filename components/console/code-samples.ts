import type { Language } from "@/lib/api/schemas/console";

/** What the Code tab's editor holds before the user has written anything in a language. */
export const CODE_SAMPLES: Record<Language, string> = {
  python: 'print("Hello from Python")',
  javascript: 'console.log("Hello from JavaScript")',
  java: 'System.out.println("Hello from Java");',
  r: 'print("Hello from R")',
};
