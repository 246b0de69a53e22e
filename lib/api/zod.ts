// The one zod entry for code shared with the browser: `zod/mini` keeps the client bundle small,
// and the English locale gives readable messages ("Too big: expected string to have <=128 characters").
// Named imports, not `import * as z`: a namespace object keeps every export of zod/mini in the
// browser bundle, including all ~40 locales (measured: 84 KB gzip instead of ~15 KB).
import {
  _default,
  array,
  boolean,
  coerce,
  config,
  discriminatedUnion,
  enum as enum_,
  gte,
  int,
  literal,
  lte,
  maxLength,
  minLength,
  nullable,
  number,
  object,
  optional,
  record,
  refine,
  regex,
  string,
  toLowerCase,
  trim,
  unknown,
} from "zod/mini";
import type * as Mini from "zod/mini";
import en from "zod/v4/locales/en.js";

config(en());

/** The subset of zod/mini the project uses; add a name here when a schema needs another builder. */
export const z = {
  _default,
  array,
  boolean,
  coerce,
  discriminatedUnion,
  enum: enum_,
  gte,
  int,
  literal,
  lte,
  maxLength,
  minLength,
  nullable,
  number,
  object,
  optional,
  record,
  refine,
  regex,
  string,
  toLowerCase,
  trim,
  unknown,
};

// eslint-disable-next-line @typescript-eslint/no-namespace -- type-only companion so `z.infer<...>` keeps working
export declare namespace z {
  export type infer<T> = Mini.infer<T>;
  export type input<T> = Mini.input<T>;
  export type ZodMiniType<O = unknown, I = unknown> = Mini.ZodMiniType<O, I>;
}
