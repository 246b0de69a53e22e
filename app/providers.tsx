"use client";
import * as React from "react";
import { ThrottleNotice } from "@/components/layout/throttle-notice";
import { BackendStatus } from "@/components/layout/backend-status";
import { ThemeProvider, useTheme } from "@/components/layout/theme-provider";
import { LazyToaster } from "@/components/ui/toaster";

// No react-query here: pages that use it mount components/query/query-provider.tsx themselves.

function ThemedToaster() {
  const { resolved } = useTheme();
  return <LazyToaster theme={resolved} />;
}

export function Providers({ children }: { children: React.ReactNode }) {
  return (
    <ThemeProvider>
      {children}
      <ThrottleNotice />
      <BackendStatus />
      <ThemedToaster />
    </ThemeProvider>
  );
}
