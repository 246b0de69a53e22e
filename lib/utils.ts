/**
 * Joins class names (clsx). It does not merge Tailwind conflicts: a primitive's base classes are
 * component classes (app/globals.css, `@layer components`), which any utility a caller passes
 * beats by layer order; two utilities for one property in one call would be left to the
 * stylesheet's order, so a call's own alternatives are exclusive (`a ? "x" : "y"`).
 */
export { clsx as cn } from "clsx";
