import { useEffect, useRef, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { ActiveEndpoint } from "../../bindings/ActiveEndpoint";
import type { IpcError } from "../../bindings/IpcError";
import type { SubmitInput } from "../../bindings/SubmitInput";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ConfirmDialog } from "./ConfirmDialog";
import { RunProgress } from "./RunProgress";
import type { RunState } from "./runState";
import type { SubmitTarget } from "./SubmitHost";
import { Destination, destinationName } from "./screen/Destination";
import { PreviewBody } from "./screen/PreviewBody";
import { useSubmitPreview } from "./screen/useSubmitPreview";

/**
 * Submit a draft: what will be sent (numbers, applications, SdkAppId with its name, SipTrunkId,
 * destination), the rows that block it (with a link back to the grid), the numbers left out,
 * the exact first request, a confirmation naming the count and the destination — then the run.
 * For the queued target the run (Resume sending) is shown straight away.
 */
export function SubmitScreen({
  target,
  run,
  runIsHere,
  onStart,
  onSendQueued,
  onFixRows,
  onOpenApplications,
  onClose,
}: {
  target: SubmitTarget;
  run: RunState;
  runIsHere: boolean;
  /** Starts the confirmed submission; `onChanged` runs if it no longer matches its summary. */
  onStart: (
    draftId: number,
    settings: SubmitInput,
    endpoint: ActiveEndpoint,
    onChanged: (error: IpcError) => void,
  ) => void;
  onSendQueued: () => void;
  onFixRows: (draftId: number) => void;
  onOpenApplications: () => void;
  onClose: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const draftId = target.kind === "draft" ? target.draftId : null;
  const { state, dispatch } = useSubmitPreview(draftId, runIsHere);
  const { settings, preview, loading, error, confirming, changed, fields } = state;
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
  }, []);

  const endpoint = preview?.endpoint ?? run.endpoint;
  const title =
    target.kind === "queued"
      ? t("submit.titleQueued")
      : t("submit.title", { name: preview?.draftName ?? "" });

  return (
    <section
      className="section section--wide submit"
      data-testid="submit-screen"
      aria-labelledby="submit-title"
    >
      <div className="submit__head">
        <button
          type="button"
          className="button button--secondary"
          data-testid="submit-back"
          onClick={onClose}
        >
          {t("submit.back")}
        </button>
        <h1 id="submit-title" tabIndex={-1} ref={heading}>
          {title}
        </h1>
      </div>
      {endpoint !== null && <Destination endpoint={endpoint} />}

      {runIsHere ? (
        <RunProgress
          run={run}
          destination={endpoint === null ? "" : destinationName(t, endpoint)}
          onSendQueued={onSendQueued}
          onOpenApplications={onOpenApplications}
        />
      ) : (
        <>
          {error !== null && <ErrorNotice error={error} testId="submit-error" />}
          {changed !== null && <ErrorNotice error={changed} testId="submit-changed" />}
          {preview === null && loading && (
            <p className="muted" role="status">
              {t("submit.loading")}
            </p>
          )}
          {run.status === "running" && (
            <p className="submit-busy" role="status" data-testid="submit-busy">
              {t("submit.busy")}
            </p>
          )}
          {preview !== null && (
            <PreviewBody
              preview={preview}
              anotherRun={run.status === "running"}
              fields={fields}
              busy={loading}
              onFields={(next) => {
                dispatch({ type: "fields", fields: next });
              }}
              onApplyFields={(next) => {
                dispatch({ type: "applyFields", fields: next });
              }}
              onIncludeDuplicates={(include) => {
                dispatch({ type: "includeDuplicates", include });
              }}
              onNumberForm={(numberForm) => {
                dispatch({ type: "numberForm", numberForm });
              }}
              onFixRows={() => {
                onFixRows(preview.draftId);
              }}
              onSend={() => {
                dispatch({ type: "confirm", open: true });
              }}
            />
          )}
          {confirming && preview !== null && (
            <ConfirmDialog
              preview={preview}
              onCancel={() => {
                dispatch({ type: "confirm", open: false });
              }}
              onConfirm={() => {
                dispatch({ type: "confirmed" });
                // Bound to the summary shown: the app refuses if anything changed since.
                const confirmed = { ...settings, confirmToken: preview.confirmToken };
                onStart(preview.draftId, confirmed, preview.endpoint, (e) => {
                  dispatch({ type: "changed", error: e });
                });
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
