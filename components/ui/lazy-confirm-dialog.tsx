"use client";
import * as React from "react";
import dynamic from "next/dynamic";
import type { ConfirmDialogProps } from "./confirm-dialog";

const ConfirmDialog = dynamic(() => import("./confirm-dialog").then((m) => m.ConfirmDialog), { ssr: false });

/**
 * ConfirmDialog loaded on its first opening: Radix's dialog (focus trap, scroll lock, portal) is
 * not part of a page's first load. Once opened it stays mounted, so closing still animates.
 */
export function LazyConfirmDialog(props: ConfirmDialogProps) {
  const [used, setUsed] = React.useState(props.open);
  if (props.open && !used) setUsed(true);
  return used ? <ConfirmDialog {...props} /> : null;
}
