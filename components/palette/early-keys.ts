// ⌘K / Ctrl+K pressed after a page shows but before its scripts have run (hydration takes a moment on
// a slow machine) would be lost. This inline script, in every logged-in page's HTML, keeps the last
// such press until PaletteLauncher mounts and opens the palette for it; from then on it steps aside.
export const EARLY_PALETTE_KEY = "__agbPaletteEarly";
export const PALETTE_READY = "__agbPaletteReady";

export const earlyPaletteKeyScript = `(function(){addEventListener("keydown",function k(e){if(window.${PALETTE_READY})return removeEventListener("keydown",k);if((e.metaKey||e.ctrlKey)&&!e.altKey&&e.key.toLowerCase()==="k"){e.preventDefault();window.${EARLY_PALETTE_KEY}=true;}});})();`;
