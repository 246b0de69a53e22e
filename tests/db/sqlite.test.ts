// The store suite against SQLite: a dashboard.db in a temp data dir (the default without DATABASE_URL).
import { describe } from "vitest";
import { storeSuite } from "./store-suite";

describe("store on SQLite", () => storeSuite({ kind: "sqlite" }));
