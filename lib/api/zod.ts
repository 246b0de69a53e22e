// The one zod entry for code shared with the browser: `zod/mini` keeps the client bundle small,
// and the English locale gives readable messages ("Too big: expected string to have <=128 characters").
import * as z from "zod/mini";
import { en } from "zod/locales";

z.config(en());

export { z };
