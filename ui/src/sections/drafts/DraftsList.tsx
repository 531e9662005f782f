import { useCallback, useEffect, useState, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { DraftSummary } from "../../bindings/DraftSummary";
import type { IpcError } from "../../bindings/IpcError";
import { ErrorNotice } from "../../components/ErrorNotice";
import type { OpenDraftSummary } from "../../bindings/OpenDraftSummary";
import { asLanguage } from "../../i18n";
import { toIpcError } from "../../ipc";
import { draftDelete, draftDuplicate, draftOpen, draftRename, draftsList } from "../../ipc/wizard";
import { ReviewGrid } from "../import/ReviewGrid";
import { useSubmitNav } from "../submit/SubmitHost";
import type { RowFilter } from "../../bindings/RowFilter";
import "../import/wizard.css";

/**
 * A UTC time as the store writes it (`2026-11-30T10:03:42.466Z`; older rows `2026-11-30 10:03:42`),
 * or `null` when it is not one: a bad date must never take the list down.
 */
export function parseUtc(text: string): Date | null {
  const iso = text.trim().replace(" ", "T");
  const date = new Date(/(Z|[+-]\d\d:?\d\d)$/i.test(iso) ? iso : `${iso}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Drafts: name, date, numbers, errors; open, rename, duplicate, delete (confirmed). */
export function DraftsList({ empty }: { empty: ReactElement }): ReactElement {
  const { t, i18n } = useTranslation();
  const [drafts, setDrafts] = useState<DraftSummary[] | null>(null);
  const [renaming, setRenaming] = useState<{ id: number; name: string } | null>(null);
  const [deleting, setDeleting] = useState<number | null>(null);
  const [open, setOpen] = useState<OpenDraftSummary | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [openFilter, setOpenFilter] = useState<RowFilter>("all");
  const submitNav = useSubmitNav();

  const load = useCallback((): Promise<void> => {
    return draftsList()
      .then(setDrafts)
      .catch((e: unknown) => {
        setError(toIpcError(e));
      });
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  // The submit screen's "fix these rows" link: open that draft filtered to its errors.
  useEffect(() => {
    const request = submitNav?.takeGridRequest() ?? null;
    if (request === null) return;
    draftOpen(request.draftId, asLanguage(i18n.language))
      .then((summary) => {
        setOpenFilter(request.filter);
        setOpen(summary);
      })
      .catch((e: unknown) => {
        setError(toIpcError(e));
      });
  }, [submitNav, i18n.language]);

  function run(action: Promise<unknown>): void {
    setError(null);
    action.then(load).catch((e: unknown) => {
      setError(toIpcError(e));
    });
  }

  if (open !== null) {
    return (
      <div className="drafts-open">
        <button
          type="button"
          className="button button--secondary"
          data-testid="drafts-back"
          onClick={() => {
            setOpen(null);
            void load();
          }}
        >
          {t("draftsList.back")}
        </button>
        <ReviewGrid initial={open} initialFilter={openFilter} />
      </div>
    );
  }

  const errorBox = error === null ? null : <ErrorNotice error={error} testId="drafts-error" />;
  if (drafts === null) return <>{errorBox}</>;
  if (drafts.length === 0)
    return (
      <>
        {empty}
        {errorBox}
      </>
    );

  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" });
  const formatUtc = (text: string): string => {
    const when = parseUtc(text);
    return when === null ? text : date.format(when);
  };
  return (
    <div className="drafts">
      <table className="drafts-table" data-testid="drafts-table">
        <thead>
          <tr>
            <th scope="col">{t("draftsList.name")}</th>
            <th scope="col">{t("draftsList.updated")}</th>
            <th scope="col">{t("draftsList.numbers")}</th>
            <th scope="col">{t("draftsList.errors")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("draftsList.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {drafts.map((d) => (
            <tr key={d.id} data-testid={`draft-${String(d.id)}`}>
              <td>
                {renaming !== null && renaming.id === d.id ? (
                  <form
                    onSubmit={(e) => {
                      e.preventDefault();
                      run(
                        draftRename(d.id, renaming.name).then(() => {
                          setRenaming(null);
                        }),
                      );
                    }}
                  >
                    <input
                      value={renaming.name}
                      aria-label={t("draftsList.newName")}
                      data-testid="rename-input"
                      onChange={(e) => {
                        setRenaming({ id: d.id, name: e.target.value });
                      }}
                    />
                    <button type="submit" className="link-button" data-testid="rename-save">
                      {t("draftsList.save")}
                    </button>
                  </form>
                ) : (
                  <span data-testid="draft-name">{d.header.name}</span>
                )}
              </td>
              <td data-testid="draft-updated">{formatUtc(d.updatedAt)}</td>
              <td data-testid="draft-rows">{d.rows.toLocaleString()}</td>
              <td data-testid="draft-errors" className={d.errorRows > 0 ? "finding--error" : ""}>
                {d.errorRows.toLocaleString()}
              </td>
              <td className="drafts-table__actions">
                {submitNav !== null && (
                  <button
                    type="button"
                    className="link-button"
                    data-testid={`draft-submit-${String(d.id)}`}
                    aria-label={t("submit.openDraft", { name: d.header.name })}
                    onClick={() => {
                      submitNav.openSubmit(d.id);
                    }}
                  >
                    {t("submit.open")}
                  </button>
                )}
                <button
                  type="button"
                  className="link-button"
                  data-testid={`draft-open-${String(d.id)}`}
                  onClick={() => {
                    setOpenFilter("all");
                    draftOpen(d.id, asLanguage(i18n.language))
                      .then(setOpen)
                      .catch((e: unknown) => {
                        setError(toIpcError(e));
                      });
                  }}
                >
                  {t("draftsList.open")}
                </button>
                <button
                  type="button"
                  className="link-button"
                  data-testid={`draft-rename-${String(d.id)}`}
                  onClick={() => {
                    setRenaming({ id: d.id, name: d.header.name });
                  }}
                >
                  {t("draftsList.rename")}
                </button>
                <button
                  type="button"
                  className="link-button"
                  data-testid={`draft-duplicate-${String(d.id)}`}
                  onClick={() => {
                    run(draftDuplicate(d.id, t("draftsList.copyName", { name: d.header.name })));
                  }}
                >
                  {t("draftsList.duplicate")}
                </button>
                {deleting === d.id ? (
                  <>
                    <button
                      type="button"
                      className="link-button link-button--danger"
                      data-testid={`draft-delete-confirm-${String(d.id)}`}
                      onClick={() => {
                        run(
                          draftDelete(d.id).then(() => {
                            setDeleting(null);
                          }),
                        );
                      }}
                    >
                      {t("draftsList.confirmDelete", { name: d.header.name })}
                    </button>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        setDeleting(null);
                      }}
                    >
                      {t("draftsList.cancel")}
                    </button>
                  </>
                ) : (
                  <button
                    type="button"
                    className="link-button"
                    data-testid={`draft-delete-${String(d.id)}`}
                    onClick={() => {
                      setDeleting(d.id);
                    }}
                  >
                    {t("draftsList.delete")}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {errorBox}
    </div>
  );
}
