import { useState, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { RequestPreview } from "../../bindings/RequestPreview";

/** The request as text: request line, every header, a blank line, the pretty body. */
export function requestText(r: RequestPreview): string {
  const headers = r.headers.map((h) => `${h.name}: ${h.value}`).join("\n");
  return `${r.method} ${r.url}\n${headers}\n\n${r.bodyPretty}`;
}

/** The first application's request, collapsible, monospace, copyable. */
export function RequestPreviewBox({ request }: { request: RequestPreview | null }): ReactElement {
  const { t } = useTranslation();
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  if (request === null) {
    return (
      <p className="muted" data-testid="submit-request-preview">
        {t("submit.request.none")}
      </p>
    );
  }
  const text = requestText(request);
  return (
    <details className="panel submit-request" data-testid="submit-request-preview">
      <summary>{t("submit.request.title")}</summary>
      <div className="submit-request__tools">
        <button
          type="button"
          className="button button--secondary"
          data-testid="submit-copy-request"
          onClick={() => {
            const clipboard = (navigator as Partial<Navigator>).clipboard;
            if (clipboard === undefined) {
              setCopy("failed");
              return;
            }
            clipboard.writeText(text).then(
              () => {
                setCopy("copied");
              },
              () => {
                setCopy("failed");
              },
            );
          }}
        >
          {t("submit.request.copy")}
        </button>
        <span className="muted" role="status">
          {copy === "copied"
            ? t("submit.request.copied")
            : copy === "failed"
              ? t("submit.request.copyFailed")
              : ""}
        </span>
      </div>
      {/* It scrolls: focusable, so the keyboard can scroll it too. */}
      <pre
        className="submit-request__text mono"
        role="region"
        aria-label={t("submit.request.title")}
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region (axe: scrollable-region-focusable)
        tabIndex={0}
        data-testid="submit-request-text"
      >
        {text}
      </pre>
    </details>
  );
}
