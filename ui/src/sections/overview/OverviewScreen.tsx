import { useCallback, useEffect, useState, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { ApplicationStatus } from "../../bindings/ApplicationStatus";
import type { IpcError } from "../../bindings/IpcError";
import type { Overview } from "../../bindings/Overview";
import type { RefreshReport } from "../../bindings/RefreshReport";
import { EmptyState } from "../../components/EmptyState";
import { ErrorNotice } from "../../components/ErrorNotice";
import { OverviewIcon } from "../../components/icons";
import { toIpcError } from "../../ipc";
import { applicationsRefresh } from "../../ipc/applications";
import { overviewGet } from "../../ipc/overview";
import { formatDate } from "../applications/parts";
import { useSubmitNav } from "../submit/SubmitHost";
import { AttentionList } from "./AttentionList";
import { StatusBar } from "./StatusBar";
import "./overview.css";

type Problem = { headline: string; error: IpcError };

/**
 * What the Overview shows: applications of the connection in use per state (a stacked bar),
 * what needs the user, each with the button that deals with it, and what went live this week.
 */
export function OverviewScreen({
  onOpenApplication,
  onShowApplications,
  onImport,
  onLoaded,
}: {
  onOpenApplication: (id: number) => void;
  onShowApplications: (statuses: ApplicationStatus[]) => void;
  onImport: () => void;
  /** Every overview read (the sidebar's count follows it). */
  onLoaded: (overview: Overview) => void;
}): ReactElement {
  const { t, i18n } = useTranslation();
  const nav = useSubmitNav();
  const [overview, setOverview] = useState<Overview | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [checking, setChecking] = useState(false);
  const [checked, setChecked] = useState<RefreshReport | null>(null);

  const load = useCallback((): Promise<void> => {
    return overviewGet()
      .then((o) => {
        setOverview(o);
        onLoaded(o);
      })
      .catch((e: unknown) => {
        setProblem({ headline: t("overview.loadFailed"), error: toIpcError(e) });
      });
  }, [onLoaded, t]);

  useEffect(() => {
    void load();
  }, [load]);

  function checkNow(): void {
    setChecking(true);
    setChecked(null);
    setProblem(null);
    applicationsRefresh(null)
      .then((report) => {
        setChecked(report);
        return load();
      })
      .catch((e: unknown) => {
        setProblem({ headline: t("overview.attention.checkFailed"), error: toIpcError(e) });
      })
      .finally(() => {
        setChecking(false);
      });
  }

  const problemBox =
    problem === null ? null : (
      <ErrorNotice
        testId="overview-error"
        headline={problem.headline}
        error={problem.error}
        onDismiss={() => {
          setProblem(null);
        }}
      >
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setProblem(null);
            void load();
          }}
        >
          {t("overview.reload")}
        </button>
      </ErrorNotice>
    );

  if (overview === null) return <>{problemBox}</>;

  const scope = t(`applicationsList.scope.${overview.scope}`);
  const total = overview.counts.reduce((sum, c) => sum + c.applications, 0);
  if (total === 0) {
    return (
      <>
        <EmptyState
          testId="overview-empty"
          icon={<OverviewIcon size={32} />}
          title={t("overview.emptyTitle", { scope })}
          action={
            <button
              type="button"
              className="button"
              data-testid="overview-go-import"
              onClick={onImport}
            >
              {t("nav.import")}
            </button>
          }
        >
          <p>{t("overview.emptyBody")}</p>
        </EmptyState>
        {problemBox}
      </>
    );
  }

  const live = overview.wentLive;
  const days = overview.liveWindowDays;
  return (
    <div className="overview" data-testid="overview">
      {problemBox}
      <StatusBar
        counts={overview.counts}
        scopeNote={t("overview.scopeNote", { scope })}
        onShow={(status) => {
          onShowApplications([status]);
        }}
      />
      <AttentionList
        overview={overview}
        actions={{
          open: onOpenApplication,
          showAll: onShowApplications,
          resume: () => {
            nav?.resumeQueued(overview.endpoint);
          },
          checkNow,
          checking,
        }}
      />
      {checked !== null && (
        <p className="muted" role="status" data-testid="overview-checked">
          {t("overview.attention.checked", {
            checked: checked.checked,
            live: checked.numbersMarked,
            approved: checked.approved.length,
          })}
        </p>
      )}
      <section
        className="overview-card"
        aria-labelledby="overview-live-title"
        data-testid="overview-live"
      >
        <div className="overview-card__head">
          <h2 id="overview-live-title">{t("overview.live.title")}</h2>
          <p className="muted" data-testid="overview-live-summary">
            {live.numbers === 0
              ? t("overview.live.none", { days })
              : t("overview.live.summary", { count: live.numbers, days })}
          </p>
        </div>
        {live.applications.length > 0 && (
          <ul className="overview-attention__rows">
            {live.applications.map((a) => (
              <li key={a.id}>
                <span>
                  {a.approvedAt !== null
                    ? t("overview.live.approved", { id: a.id, count: a.numberCount })
                    : t("overview.live.some", {
                        id: a.id,
                        live: a.liveNumbers,
                        count: a.numberCount,
                      })}{" "}
                  <span className="muted">
                    {t("overview.live.when", { when: formatDate(a.at, i18n.language, "short") })}
                  </span>
                </span>
                <button
                  type="button"
                  className="button button--secondary"
                  data-testid={`overview-live-open-${String(a.id)}`}
                  aria-label={t("overview.attention.openLabel", { id: a.id })}
                  onClick={() => {
                    onOpenApplication(a.id);
                  }}
                >
                  {t("overview.attention.open")}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
