// Light or dark. The CSS has one set of dark tokens, under `html[data-theme="dark"]`; this module
// decides it: the user's choice in Settings → Appearance, or, for `system` (the default), the
// OS setting (prefers-color-scheme), followed live when it changes.
import type { Theme } from "./bindings/Theme";

const SYSTEM_DARK = "(prefers-color-scheme: dark)";

let chosen: Theme = "system";
let listening = false;

/** The OS setting (false where the webview cannot tell). */
function systemDark(): boolean {
  return typeof window.matchMedia === "function" && window.matchMedia(SYSTEM_DARK).matches;
}

function paint(): void {
  const dark = chosen === "dark" || (chosen === "system" && systemDark());
  document.documentElement.dataset["theme"] = dark ? "dark" : "light";
}

/** Applies `theme` at once (anything unknown counts as `system`). */
export function applyTheme(theme: Theme | undefined): void {
  chosen = theme === "light" || theme === "dark" ? theme : "system";
  if (!listening && typeof window.matchMedia === "function") {
    listening = true;
    window.matchMedia(SYSTEM_DARK).addEventListener("change", paint);
  }
  paint();
}
