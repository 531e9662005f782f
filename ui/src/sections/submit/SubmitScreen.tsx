// Over 500 lines: the summary, its settings form and the confirmation share one preview; the split
// into parts is open in issue #17.
import { useEffect, useRef, useState, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import type { ActiveEndpoint } from "../../bindings/ActiveEndpoint";
import type { IpcError } from "../../bindings/IpcError";
import type { SubmitInput } from "../../bindings/SubmitInput";
import type { NumberForm } from "../../bindings/NumberForm";
import type { SubmitPreview } from "../../bindings/SubmitPreview";
import { ErrorNotice } from "../../components/ErrorNotice";
import { FieldLabel } from "../../components/FieldLabel";
import { describeError } from "../../errors";
import { toIpcError } from "../../ipc";
import { submitPreview } from "../../ipc/submit";
import { ConfirmDialog } from "./ConfirmDialog";
import { NumberFormChoice } from "./NumberFormChoice";
import { RequestPreviewBox } from "./RequestPreviewBox";
import { RunProgress } from "./RunProgress";
import type { RunState } from "./runState";
import type { SubmitTarget } from "./SubmitHost";

/** How many blocking rows and left-out numbers are listed on screen (the counts are complete). */
const SHOWN = 20;

/** "Tencent Cloud (International site)", "the built-in Sandbox", … */
export function destinationName(t: TFunction, endpoint: ActiveEndpoint): string {
  switch (endpoint.kind) {
    case "sandbox":
      return t("submit.destination.sandbox");
    case "international":
      return t("submit.destination.international");
    case "china":
      return t("submit.destination.china");
    case "custom":
      return t("submit.destination.custom", { url: endpoint.url });
  }
}

function Destination({ endpoint }: { endpoint: ActiveEndpoint }): ReactElement {
  const { t } = useTranslation();
  const sandbox = endpoint.kind === "sandbox";
  return (
    <div
      className={`submit-destination submit-destination--${sandbox ? "sandbox" : "live"}`}
      data-testid="submit-destination"
      data-kind={endpoint.kind}
    >
      <span className="submit-destination__badge">
        {sandbox ? t("submit.destination.sandboxBadge") : t("submit.destination.liveBadge")}
      </span>
      <div>
        <p>
          <span className="muted">{t("submit.destination.label")}</span>{" "}
          <strong data-testid="submit-destination-name">{destinationName(t, endpoint)}</strong>
        </p>
        <p className="muted">
          {sandbox ? t("submit.destination.sandboxNote") : t("submit.destination.liveNote")}
        </p>
      </div>
    </div>
  );
}

function numberOrNull(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
}

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
  const [settings, setSettings] = useState<SubmitInput>({
    sdkAppId: null,
    sipTrunkId: null,
    batchSize: null,
    includeDuplicates: false,
    numberForm: null,
    confirmToken: null,
  });
  const [preview, setPreview] = useState<SubmitPreview | null>(null);
  // True from a settings change until its preview arrives (the first load shows its own note).
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<IpcError | null>(null);
  const [confirming, setConfirming] = useState(false);
  // Why the last confirmation was refused (the summary changed since it was shown).
  const [changed, setChanged] = useState<IpcError | null>(null);
  const [fields, setFields] = useState({ sdkAppId: "", sipTrunkId: "", batchSize: "" });
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
  }, []);

  useEffect(() => {
    if (draftId === null || runIsHere) return;
    let live = true;
    submitPreview(draftId, settings)
      .then((p) => {
        if (!live) return;
        setError(null);
        setPreview(p);
        setFields({
          sdkAppId: String(p.sdkAppId),
          sipTrunkId: String(p.sipTrunkId),
          batchSize: String(p.batchSize),
        });
      })
      .catch((e: unknown) => {
        if (live) setError(toIpcError(e));
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [draftId, settings, runIsHere]);

  function applyFields(next = fields): void {
    setLoading(true);
    setSettings((prev) => ({
      ...prev,
      sdkAppId: numberOrNull(next.sdkAppId),
      sipTrunkId: numberOrNull(next.sipTrunkId),
      batchSize: numberOrNull(next.batchSize),
    }));
  }

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
              onFields={setFields}
              onApplyFields={applyFields}
              onIncludeDuplicates={(include) => {
                setLoading(true);
                setSettings((prev) => ({ ...prev, includeDuplicates: include }));
              }}
              onNumberForm={(numberForm) => {
                setLoading(true);
                setSettings((prev) => ({ ...prev, numberForm }));
              }}
              onFixRows={() => {
                onFixRows(preview.draftId);
              }}
              onSend={() => {
                setConfirming(true);
              }}
            />
          )}
          {confirming && preview !== null && (
            <ConfirmDialog
              preview={preview}
              onCancel={() => {
                setConfirming(false);
              }}
              onConfirm={() => {
                setConfirming(false);
                setChanged(null);
                // Bound to the summary shown: the app refuses if anything changed since.
                const confirmed = { ...settings, confirmToken: preview.confirmToken };
                onStart(preview.draftId, confirmed, preview.endpoint, (e) => {
                  setChanged(e);
                  setLoading(true);
                  // A new object: the summary is read again.
                  setSettings((prev) => ({ ...prev }));
                });
              }}
            />
          )}
        </>
      )}
    </section>
  );
}

function PreviewBody({
  preview,
  anotherRun,
  fields,
  busy,
  onFields,
  onApplyFields,
  onIncludeDuplicates,
  onNumberForm,
  onFixRows,
  onSend,
}: {
  preview: SubmitPreview;
  /** Another run is going on: one at a time, so Send waits. */
  anotherRun: boolean;
  fields: { sdkAppId: string; sipTrunkId: string; batchSize: string };
  busy: boolean;
  onFields: (f: { sdkAppId: string; sipTrunkId: string; batchSize: string }) => void;
  onApplyFields: (next?: { sdkAppId: string; sipTrunkId: string; batchSize: string }) => void;
  onIncludeDuplicates: (include: boolean) => void;
  onNumberForm: (form: NumberForm) => void;
  onFixRows: () => void;
  onSend: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const p = preview;
  const appName = p.sdkAppName ?? t("submit.summary.unnamed");
  return (
    <>
      {p.blockedCount > 0 && (
        <section className="error-box submit-blocked" role="alert" data-testid="submit-blocked">
          <div>
            <p className="error-box__title">
              <strong>{t("submit.blocked.title", { count: p.blockedCount })}</strong>
            </p>
            <ul className="submit-list">
              {p.blocked.slice(0, SHOWN).map((r) => (
                <li key={r.position} data-testid={`submit-blocked-row-${String(r.position)}`}>
                  <span className="submit-list__where">
                    {r.source_line !== null
                      ? t("submit.blocked.row", { line: r.source_line })
                      : t("submit.blocked.rowNoLine", { row: r.position + 1 })}
                  </span>{" "}
                  {t("submit.blocked.rowText", { number: r.phone_number, message: r.message })}
                </li>
              ))}
            </ul>
            {p.blockedCount > SHOWN && (
              <p className="muted">{t("submit.blocked.more", { count: p.blockedCount - SHOWN })}</p>
            )}
            <button
              type="button"
              className="button"
              data-testid="submit-fix-rows"
              onClick={onFixRows}
            >
              {t("submit.blocked.fix")}
            </button>
          </div>
        </section>
      )}

      <section
        className="panel"
        data-testid="submit-summary"
        aria-labelledby="submit-summary-title"
        aria-busy={busy}
      >
        <div className="panel__header">
          <h2 id="submit-summary-title">{t("submit.summary.title")}</h2>
        </div>
        <dl className="submit-facts">
          <div>
            <dt>{t("submit.summary.numbers")}</dt>
            <dd data-testid="submit-numbers">{p.numbersToSend.toLocaleString()}</dd>
          </div>
          <div>
            <dt>{t("submit.summary.applications")}</dt>
            <dd data-testid="submit-batches">{p.batches.toLocaleString()}</dd>
          </div>
          <div>
            <dt>
              <FieldLabel idea="sdkAppId" compact />
            </dt>
            <dd data-testid="submit-sdk-app">
              {t("submit.summary.appWithName", { id: p.sdkAppId, name: appName })}
            </dd>
          </div>
          <div>
            <dt>
              <FieldLabel idea="sipTrunkId" compact />
            </dt>
            <dd className="mono" data-testid="submit-sip-trunk">
              {p.sipTrunkId}
            </dd>
          </div>
          <div>
            <dt>{t("submit.summary.rows")}</dt>
            <dd>{p.rows.toLocaleString()}</dd>
          </div>
        </dl>
        {p.appsError !== null && (
          <p className="muted" data-testid="submit-apps-error">
            {t("submit.summary.namesFailed", { reason: describeError(t, p.appsError) })}
          </p>
        )}
        <form
          className="submit-settings"
          onSubmit={(e) => {
            e.preventDefault();
            onApplyFields(fields);
          }}
        >
          <div className="submit-settings__field">
            <FieldLabel
              idea="sdkAppId"
              htmlFor="submit-sdk-app-id"
              hintId="submit-sdk-app-id-hint"
            />
            {p.apps.length > 0 ? (
              <select
                id="submit-sdk-app-id"
                aria-describedby="submit-sdk-app-id-hint"
                value={fields.sdkAppId}
                data-testid="submit-sdk-app-id"
                onChange={(e) => {
                  const next = { ...fields, sdkAppId: e.target.value };
                  onFields(next);
                  onApplyFields(next);
                }}
              >
                {!p.apps.some((a) => String(a.sdkAppId) === fields.sdkAppId) && (
                  <option value={fields.sdkAppId}>{fields.sdkAppId}</option>
                )}
                {p.apps.map((a) => (
                  <option key={a.sdkAppId} value={String(a.sdkAppId)}>
                    {t("submit.summary.appWithName", {
                      id: a.sdkAppId,
                      name: a.name ?? t("submit.summary.unnamed"),
                    })}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id="submit-sdk-app-id"
                aria-describedby="submit-sdk-app-id-hint"
                inputMode="numeric"
                value={fields.sdkAppId}
                data-testid="submit-sdk-app-id"
                onChange={(e) => {
                  onFields({ ...fields, sdkAppId: e.target.value });
                }}
              />
            )}
          </div>
          <div className="submit-settings__field">
            <FieldLabel
              idea="sipTrunkId"
              htmlFor="submit-sip-trunk-id"
              hintId="submit-sip-trunk-id-hint"
            />
            <input
              id="submit-sip-trunk-id"
              aria-describedby="submit-sip-trunk-id-hint"
              inputMode="numeric"
              value={fields.sipTrunkId}
              data-testid="submit-sip-trunk-id"
              onChange={(e) => {
                onFields({ ...fields, sipTrunkId: e.target.value });
              }}
            />
          </div>
          <div className="submit-settings__field">
            <FieldLabel
              idea="batchSize"
              htmlFor="submit-batch-size"
              hintId="submit-batch-size-hint"
            />
            <input
              id="submit-batch-size"
              aria-describedby="submit-batch-size-hint"
              inputMode="numeric"
              value={fields.batchSize}
              data-testid="submit-batch-size"
              onChange={(e) => {
                onFields({ ...fields, batchSize: e.target.value });
              }}
            />
          </div>
          <button type="submit" className="button button--secondary" data-testid="submit-apply">
            {t("submit.summary.apply")}
          </button>
        </form>
        <NumberFormChoice preview={p} busy={busy} onChange={onNumberForm} />
        {p.queuedBefore > 0 && (
          <p className="muted">{t("submit.summary.queuedBefore", { count: p.queuedBefore })}</p>
        )}
      </section>

      {(p.takenCount > 0 || p.repeatedCount > 0) && (
        <section
          className="panel"
          data-testid="submit-duplicates"
          aria-labelledby="submit-duplicates-title"
        >
          <div className="panel__header">
            <h2 id="submit-duplicates-title">{t("submit.duplicates.title")}</h2>
          </div>
          {p.takenCount > 0 && (
            <p>
              {p.includeDuplicates
                ? t("submit.duplicates.takenIncluded", { count: p.takenCount })
                : t("submit.duplicates.taken", { count: p.takenCount })}
            </p>
          )}
          {p.repeatedCount > 0 && (
            <p>{t("submit.duplicates.repeated", { count: p.repeatedCount })}</p>
          )}
          <ul className="submit-list">
            {[...p.taken, ...p.repeated].slice(0, SHOWN).map((d, i) => (
              <li key={`${d.phone_number}-${String(i)}`}>
                <span className="mono">{d.phone_number}</span>{" "}
                <span className="muted">
                  {d.application_id === null
                    ? t("submit.duplicates.repeat")
                    : d.apply_id !== null
                      ? t("submit.duplicates.heldByApply", {
                          id: d.application_id,
                          state: d.state ?? "",
                          applyId: d.apply_id,
                        })
                      : t("submit.duplicates.heldBy", {
                          id: d.application_id,
                          state: d.state ?? "",
                        })}
                  {d.held_as !== null && ` ${t("submit.duplicates.heldAs", { number: d.held_as })}`}
                </span>
              </li>
            ))}
          </ul>
          {p.takenCount > 0 && (
            <label className="submit-check">
              <input
                type="checkbox"
                checked={p.includeDuplicates}
                data-testid="submit-include-duplicates"
                onChange={(e) => {
                  onIncludeDuplicates(e.target.checked);
                }}
              />
              {t("submit.duplicates.include")}
            </label>
          )}
        </section>
      )}

      <RequestPreviewBox request={p.request} />

      <div className="submit-actions">
        <button
          type="button"
          className="button"
          data-testid="submit-send"
          disabled={!p.canSend || busy || anotherRun}
          onClick={onSend}
        >
          {t("submit.send")}
        </button>
        {p.blockedCount === 0 && p.numbersToSend === 0 && (
          <span className="muted">{t("submit.nothingToSend")}</span>
        )}
      </div>
    </>
  );
}
