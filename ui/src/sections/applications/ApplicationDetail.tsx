import { useCallback, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { ConnectionKind } from "../../bindings/ConnectionKind";
import { ErrorNotice } from "../../components/ErrorNotice";
import { toIpcError } from "../../ipc";
import {
  applicationModify,
  applicationsDraftFromFailed,
  applicationsRefresh,
} from "../../ipc/applications";
import { StateChip, formatDate } from "./parts";
import { ModifyForm } from "./ModifyForm";
import { Answers } from "./detail/Answers";
import { AttemptsTable } from "./detail/AttemptsTable";
import { Facts } from "./detail/Facts";
import { NumbersTable } from "./detail/NumbersTable";
import { ResolveSection } from "./detail/ResolveSection";
import { useApplicationDetail } from "./detail/useApplicationDetail";

export { NUMBERS_PAGE } from "./detail/useApplicationDetail";

/**
 * One application: its facts, Tencent's answer in plain language, a page of its numbers, its
 * attempt history, and what can be done about it now.
 */
export function ApplicationDetailView({
  id,
  activeScope,
  onBack,
  onOpenDraft,
}: {
  id: number;
  activeScope: ConnectionKind;
  onBack: () => void;
  onOpenDraft: (draftId: number) => Promise<void>;
}): ReactElement {
  const { t, i18n } = useTranslation();
  const { state, dispatch, load, act, heading } = useApplicationDetail(id);
  const { detail, offset, problem, status, busy, modifying } = state;
  const headingElement = useCallback(() => heading.current, [heading]);

  const back = (
    <button
      type="button"
      className="button button--secondary"
      data-testid="application-back"
      onClick={onBack}
    >
      {t("applicationsList.backToList")}
    </button>
  );
  const problemBox =
    problem === null ? null : (
      <ErrorNotice
        testId="application-error"
        headline={problem.headline}
        error={problem.error}
        onDismiss={() => {
          dispatch({ type: "problem", problem: null });
        }}
      />
    );
  if (detail === null)
    return (
      <div className="apps-detail">
        {back}
        {problemBox}
      </div>
    );

  const app = detail.application;
  const none = t("applicationsList.none");
  const date = (iso: string | null): string =>
    iso === null ? none : formatDate(iso, i18n.language);

  return (
    <div className="apps-detail" data-testid="application-detail" data-state={detail.status}>
      {back}
      <div className="apps-detail__head">
        <h2 ref={heading} tabIndex={-1} className="apps-detail__title">
          {t("applicationsList.detail.title", { id: String(app.id) })}
        </h2>
        <StateChip status={detail.status} />
      </div>

      <Facts detail={detail} date={date} />

      {status !== null && (
        <p role="status" className="apps-status" data-testid="application-status">
          {status}
        </p>
      )}
      {problemBox}

      <Answers detail={detail} />

      <div className="apps-actions">
        {detail.status === "submitted" && detail.scope === activeScope && (
          <button
            type="button"
            className="button button--secondary"
            data-testid="application-refresh"
            disabled={busy}
            onClick={() => {
              act(applicationsRefresh([app.id]), t("applicationsList.refreshFailed"), (r) =>
                t("applicationsList.refreshed", {
                  checked: r.checked,
                  live: r.numbersMarked,
                  approved: r.approved.length,
                }),
              );
            }}
          >
            {t("applicationsList.detail.refreshOne")}
          </button>
        )}
        {detail.actions.modify && (
          <button
            type="button"
            className="button button--secondary"
            aria-expanded={modifying}
            data-testid="application-modify"
            onClick={() => {
              dispatch({ type: "modify", open: "toggle" });
            }}
          >
            {t("applicationsList.modify.open")}
          </button>
        )}
        {detail.actions.draftFromFailed && (
          <button
            type="button"
            className="button button--secondary"
            data-testid="application-draft-from-failed"
            disabled={busy}
            onClick={() => {
              dispatch({ type: "problem", problem: null });
              applicationsDraftFromFailed([app.id])
                .then(onOpenDraft)
                .catch((e: unknown) => {
                  dispatch({
                    type: "problem",
                    problem: { headline: t("applicationsList.draftFailed"), error: toIpcError(e) },
                  });
                });
            }}
          >
            {t("applicationsList.detail.draftFromFailed")}
          </button>
        )}
      </div>

      {modifying && (
        <ModifyForm
          id={app.id}
          applyId={app.applyId ?? 0}
          fallback={headingElement}
          onCancel={() => {
            dispatch({ type: "modify", open: false });
          }}
          onSubmit={(changes) =>
            applicationModify(app.id, changes).then((report) => {
              dispatch({
                type: "modified",
                status:
                  report.result === "applied"
                    ? t("applicationsList.modify.applied")
                    : `${t(
                        report.result === "refused"
                          ? "applicationsList.modify.refused"
                          : "applicationsList.modify.unknown",
                      )} ${report.explanation ?? ""}`,
              });
              return load(offset);
            })
          }
        />
      )}

      {detail.actions.resolve && (
        <ResolveSection
          id={app.id}
          applyId={state.applyId}
          onApplyId={(value) => {
            dispatch({ type: "applyId", value });
          }}
          numbersTotal={detail.numbersTotal}
          canResend={detail.actions.resend}
          busy={busy}
          act={act}
          fallback={headingElement}
        />
      )}

      <NumbersTable
        detail={detail}
        date={date}
        onPage={(direction) => {
          dispatch({ type: "page", direction });
        }}
      />
      <AttemptsTable attempts={detail.attempts} date={date} />
    </div>
  );
}
