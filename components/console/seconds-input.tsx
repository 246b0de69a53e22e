"use client";
import { Input } from "@/components/ui/input";

/** A whole number of seconds between 1 and max; an empty or unreadable entry falls back to `fallback`. */
export function SecondsInput({
  value,
  onChange,
  max,
  fallback,
  className,
  label,
}: {
  value: number;
  onChange: (seconds: number) => void;
  max: number;
  fallback: number;
  className: string;
  label: string;
}) {
  return (
    <Input
      type="number"
      min={1}
      max={max}
      value={value}
      onChange={(e) => onChange(Math.min(max, Math.max(1, Number(e.target.value) || fallback)))}
      className={className}
      aria-label={label}
    />
  );
}
