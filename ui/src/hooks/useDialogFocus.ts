import { useEffect, useRef, type RefObject } from "react";

/** What Tab can reach inside a dialog. */
const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Focus for a dialog or an inline confirmation: when it opens, focus moves to `initial`; Escape
 * calls `onEscape`; with `trap`, Tab and Shift+Tab stay inside `container` (a modal dialog);
 * when it closes, focus goes back to the control that had it when the dialog opened — or, when
 * that control is gone or disabled, to `fallback()`.
 */
export function useDialogFocus({
  container,
  initial,
  onEscape,
  trap = false,
  fallback,
}: {
  container: RefObject<HTMLElement | null>;
  initial?: RefObject<HTMLElement | null> | undefined;
  onEscape?: (() => void) | undefined;
  trap?: boolean;
  fallback?: (() => HTMLElement | null) | undefined;
}): void {
  // The latest callbacks, read by listeners that are added once.
  const escape = useRef(onEscape);
  const otherwise = useRef(fallback);
  useEffect(() => {
    escape.current = onEscape;
    otherwise.current = fallback;
  });

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    initial?.current?.focus();
    return () => {
      // Passive cleanups run after React removed the dialog: the opener is there or not.
      if (opener?.isConnected === true) opener.focus();
      if (opener === null || document.activeElement !== opener) otherwise.current?.()?.focus();
    };
    // Once per opening: the refs are stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const root = container.current;
    if (root === null) return;
    // A modal dialog listens on the document (focus cannot be outside it for long); an inline
    // one only while focus is inside it.
    const target: HTMLElement | Document = trap ? document : root;
    function onKey(e: Event): void {
      if (!(e instanceof KeyboardEvent) || root === null) return;
      if (e.key === "Escape" && escape.current !== undefined) {
        e.preventDefault();
        e.stopPropagation();
        escape.current();
        return;
      }
      // WebKitGTK reports Shift+Tab as key "Unidentified" (GTK's ISO_Left_Tab), code "Tab".
      if (!trap || (e.key !== "Tab" && e.code !== "Tab")) return;
      const items = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)];
      const first = items[0];
      const last = items[items.length - 1];
      if (first === undefined || last === undefined) return;
      const active = document.activeElement;
      const inside = active instanceof Node && root.contains(active);
      if (e.shiftKey && (!inside || active === first)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (!inside || active === last)) {
        e.preventDefault();
        first.focus();
      }
    }
    target.addEventListener("keydown", onKey);
    return () => {
      target.removeEventListener("keydown", onKey);
    };
  }, [container, trap]);
}
