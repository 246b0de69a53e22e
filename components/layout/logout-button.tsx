"use client";
import * as React from "react";
import { Button } from "@/components/ui/button";
import { callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import { toastError } from "@/components/ui/notify";

/** `icon` comes rendered from the server header (no icon code in the first load). */
export function LogoutButton({ icon }: { icon: React.ReactNode }) {
  const [pending, setPending] = React.useState(false);
  return (
    <Button
      variant="ghost"
      size="sm"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        try {
          await callApi(endpoints.logout);
          // A full navigation drops every cached query along with the session.
          // eslint-disable-next-line @next/next/no-location-assign-relative-destination
          window.location.assign("/login");
        } catch (e) {
          setPending(false);
          toastError("Could not log out", e);
        }
      }}
    >
      {icon}
      <span className="max-sm:sr-only">Log out</span>
    </Button>
  );
}
