import { useEffect, useState, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { ApplicationStatus } from "../../bindings/ApplicationStatus";

/** A UTC timestamp from the store (`2026-11-30T09:12:06.123Z`) in the user's language. */
export function formatDate(
  iso: string,
  language: string,
  style: "medium" | "short" = "medium",
): string {
  const d = new Date(iso.includes("T") ? iso : `${iso.replace(" ", "T")}Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: style, timeStyle: "short" }).format(d);
}

/** An application's state as a coloured chip with its label (never colour alone). */
export function StateChip({ status }: { status: ApplicationStatus }): ReactElement {
  const { t } = useTranslation();
  return (
    <span className={`state-chip state-chip--${status}`} data-testid={`state-chip-${status}`}>
      {t(`applicationsList.status.${status}`)}
    </span>
  );
}

type CopyState = "idle" | "copied" | "failed";

/** Copies `text` (a RequestId) to the clipboard and says whether it worked. */
export function CopyButton({ text, testId }: { text: string; testId: string }): ReactElement {
  const { t } = useTranslation();
  const [state, setState] = useState<CopyState>("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => {
      setState("idle");
    }, 4000);
    return () => {
      clearTimeout(timer);
    };
  }, [state]);

  function copy(): void {
    const clipboard = (navigator as Partial<Navigator>).clipboard;
    if (clipboard === undefined) {
      setState("failed");
      return;
    }
    clipboard.writeText(text).then(
      () => {
        setState("copied");
      },
      () => {
        setState("failed");
      },
    );
  }

  return (
    <>
      <button
        type="button"
        className="link-button apps-copy"
        aria-label={t("applicationsList.copyLabel", { id: text })}
        data-testid={testId}
        onClick={copy}
      >
        {t("applicationsList.copy")}
      </button>
      {state !== "idle" && (
        <span role="status" className="apps-copied" data-testid={`${testId}-status`}>
          {state === "copied" ? t("applicationsList.copied") : t("applicationsList.copyFailed")}
        </span>
      )}
    </>
  );
}
