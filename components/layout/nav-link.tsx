"use client";
import * as React from "react";
import { usePathname } from "next/navigation";
import { AppLink } from "@/components/ui/app-link";

/** A header link that says whether it is the current page (`aria-current`, which its classes style). */
export function NavLink({ exact = false, ...props }: React.ComponentProps<typeof AppLink> & { exact?: boolean }) {
  const pathname = usePathname();
  const active = pathname === props.href || (!exact && pathname.startsWith(`${props.href}/`));
  return <AppLink aria-current={active ? "page" : undefined} {...props} />;
}
