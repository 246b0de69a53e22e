import "server-only";
// What the login page needs to offer OIDC sign-in: the button's name, never the client secret.
import { loadConfig } from "../../config";

export function oidcLoginOption(): { name: string } | null {
  const s = loadConfig().oidc;
  return s ? { name: s.displayName } : null;
}
