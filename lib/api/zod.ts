// The one zod entry for code shared with the browser: `zod/mini` keeps the client bundle small,
// and the English locale gives readable messages ("Too big: expected string to have <=128 characters").
import * as z from "zod/mini";
// The one locale file, not the `zod/locales` barrel: bundlers keep all ~40 locales from the barrel (+65 KB gzip).
import en from "zod/v4/locales/en.js";

z.config(en());

export { z };
