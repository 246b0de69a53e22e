"use client";
import * as React from "react";

type RadixTooltip = (typeof import("./radix-tooltip"))["default"];
let loaded: RadixTooltip | null = null;
const load = () => import("./radix-tooltip").then((m) => (loaded = m.default));

type ChildProps = { onPointerEnter?: React.PointerEventHandler; onFocus?: React.FocusEventHandler };

/**
 * Wraps one focusable or hoverable child with a tooltip; `content` null renders the child alone.
 * Radix's tooltip and its positioning code load on the first hover or focus of a child, not with
 * the page; until then the child is rendered as it is.
 */
export function Tooltip({
  content,
  children,
  side,
}: {
  content: React.ReactNode;
  children: React.ReactElement<ChildProps>;
  side?: "top" | "bottom" | "left" | "right";
}) {
  const [state, setState] = React.useState<{ Radix: RadixTooltip | null; focused: boolean }>(() => ({
    Radix: loaded,
    focused: false,
  }));
  if (content === null || content === undefined || content === "") return children;
  const { Radix, focused } = state;
  if (Radix)
    return (
      <Radix content={content} side={side} open={focused}>
        {children}
      </Radix>
    );
  // A child that still has focus when Radix arrives gets it back (it is mounted anew inside the trigger).
  const arm = (el: Element | null) =>
    void load().then((R) => setState({ Radix: R, focused: el !== null && document.activeElement === el }));
  return React.cloneElement(children, {
    onPointerEnter: (e: React.PointerEvent) => {
      children.props.onPointerEnter?.(e);
      arm(null);
    },
    onFocus: (e: React.FocusEvent) => {
      children.props.onFocus?.(e);
      arm(e.currentTarget);
    },
  });
}
