"use client";
import * as React from "react";
import { LogOut } from "lucide-react";
import { Button } from "@/components/ui/button";
import { callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import { toastError } from "@/components/ui/notify";

export function LogoutButton() {
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
      <LogOut aria-hidden />
      <span className="max-sm:sr-only">Log out</span>
    </Button>
  );
}
