import type { ReactElement, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ApplicationStatus } from "../../bindings/ApplicationStatus";
import type { Overview } from "../../bindings/Overview";
import type { OverviewApplication } from "../../bindings/OverviewApplication";
import type { OverviewGroup } from "../../bindings/OverviewGroup";
import { describeTencent } from "../../errors";
import { formatDate } from "../applications/parts";

export type AttentionActions = {
  /** Opens one application (its detail holds Resolve, Modify, New draft from failed rows). */
  open: (id: number) => void;
  /** Opens Applications filtered to `statuses`. */
  showAll: (statuses: ApplicationStatus[]) => void;
  /** Sends the queued applications again (the submit screen shows the run). */
  resume: () => void;
  /** Asks Tencent (DescribeNumbers) about the applications still under review. */
  checkNow: () => void;
  /** A check is going on. */
  checking: boolean;
};

type Kind = "unknown" | "failed" | "queued" | "waiting";

function Group({
  kind,
  title,
  hint,
  children,
  action,
}: {
  kind: Kind;
  title: string;
  hint: string;
  children?: ReactNode;
  action?: ReactNode;
}): ReactElement {
  return (
    <li
      className={`overview-attention__group overview-attention__group--${kind}`}
      data-testid={`overview-attention-${kind}`}
    >
      <h3>{title}</h3>
      <p className="muted">{hint}</p>
      {children}
      {action !== undefined && <div className="overview-attention__actions">{action}</div>}
    </li>
  );
}

/**
 * "Needs your attention": each kind of problem with the button that deals with it — outcome
 * unknown (Resolve opens the application), refused (Open, to copy its numbers into a new
 * draft), queued with nothing sending (Resume sending), waiting long for review (Check now).
 */
export function AttentionList({
  overview,
  actions,
}: {
  overview: Overview;
  actions: AttentionActions;
}): ReactElement {
  const { t, i18n } = useTranslation();
  const when = (iso: string): string => formatDate(iso, i18n.language, "short");

  function rows(
    group: OverviewGroup,
    statuses: ApplicationStatus[],
    text: (a: OverviewApplication) => ReactNode,
    button: "open" | "resolve",
  ): ReactElement {
    const more = group.total > group.applications.length;
    return (
      <>
        <ul className="overview-attention__rows">
          {group.applications.map((a) => (
            <li key={a.id}>
              <span>{text(a)}</span>
              <button
                type="button"
                className="button button--secondary"
                data-testid={`overview-${button}-${String(a.id)}`}
                aria-label={
                  button === "resolve"
                    ? t("overview.attention.resolveLabel", { id: a.id })
                    : t("overview.attention.openLabel", { id: a.id })
                }
                onClick={() => {
                  actions.open(a.id);
                }}
              >
                {button === "resolve"
                  ? t("overview.attention.resolve")
                  : t("overview.attention.open")}
              </button>
            </li>
          ))}
        </ul>
        {more && (
          <button
            type="button"
            className="overview-link"
            data-testid={`overview-show-all-${statuses.join("-")}`}
            onClick={() => {
              actions.showAll(statuses);
            }}
          >
            {t("overview.attention.showAll", { count: group.total })}
          </button>
        )}
      </>
    );
  }

  const { unknown, failed, waitingLong: waiting, stoppedQueue: queued } = overview;
  const item = (a: OverviewApplication): string =>
    t("overview.attention.item", { id: a.id, count: a.numberCount, when: when(a.at) });
  // A refusal in plain words; Tencent's code beside it, for the console and support.
  const refused = (a: OverviewApplication): ReactNode => (
    <>
      {t("overview.attention.itemRefused", {
        id: a.id,
        reason: describeTencent(t, a.errorCode ?? "").title,
      })}{" "}
      <span className="muted overview-code">
        {t("overview.attention.itemCode", { code: a.errorCode ?? "—", when: when(a.at) })}
      </span>
    </>
  );
  const nothing = unknown.total + failed.total + waiting.total === 0 && queued === null;

  return (
    <section
      className="overview-card"
      aria-labelledby="overview-attention-title"
      data-testid="overview-attention"
    >
      <div className="overview-card__head">
        <h2 id="overview-attention-title">{t("overview.attention.title")}</h2>
        {overview.attention > 0 && (
          <span className="overview-count" data-testid="overview-attention-count">
            {overview.attention}
          </span>
        )}
      </div>
      {nothing ? (
        <p className="muted" data-testid="overview-attention-none">
          {t("overview.attention.none")}
        </p>
      ) : (
        <ul className="overview-attention">
          {unknown.total > 0 && (
            <Group
              kind="unknown"
              title={t("overview.attention.unknownTitle", { count: unknown.total })}
              hint={t("overview.attention.unknownHint")}
            >
              {rows(unknown, ["unknown"], item, "resolve")}
            </Group>
          )}
          {failed.total > 0 && (
            <Group
              kind="failed"
              title={t("overview.attention.failedTitle", { count: failed.total })}
              hint={t("overview.attention.failedHint")}
            >
              {rows(failed, ["failed"], refused, "open")}
            </Group>
          )}
          {queued !== null && (
            <Group
              kind="queued"
              title={t("overview.attention.queuedTitle", { count: queued.applications })}
              hint={t("overview.attention.queuedHint", { count: queued.numbers })}
              action={
                <button
                  type="button"
                  className="button"
                  data-testid="overview-resume"
                  onClick={actions.resume}
                >
                  {t("overview.attention.resume")}
                </button>
              }
            />
          )}
          {waiting.total > 0 && (
            <Group
              kind="waiting"
              title={t("overview.attention.waitingTitle", {
                count: waiting.total,
                days: overview.longWaitDays,
              })}
              hint={t("overview.attention.waitingHint")}
              action={
                <button
                  type="button"
                  className="button"
                  data-testid="overview-check-now"
                  disabled={actions.checking}
                  onClick={actions.checkNow}
                >
                  {actions.checking
                    ? t("overview.attention.checking")
                    : t("overview.attention.checkNow")}
                </button>
              }
            >
              {rows(waiting, ["submitted"], item, "open")}
            </Group>
          )}
        </ul>
      )}
    </section>
  );
}
