import { useRef, type KeyboardEvent, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { SECTION_IDS, type SectionId } from "../sections";
import { ApplicationsIcon, DraftsIcon, ImportIcon, OverviewIcon, SettingsIcon } from "./icons";

const ICONS = {
  overview: OverviewIcon,
  import: ImportIcon,
  drafts: DraftsIcon,
  applications: ApplicationsIcon,
  settings: SettingsIcon,
} as const satisfies Record<SectionId, unknown>;

const LABEL_KEY = {
  overview: "nav.overview",
  import: "nav.import",
  drafts: "nav.drafts",
  applications: "nav.applications",
  settings: "nav.settings",
} as const satisfies Record<SectionId, string>;

/**
 * Section navigation. Tab reaches every item; Enter or Space opens it; the arrow keys, Home
 * and End move between items. The open section carries aria-current="page".
 */
export function Sidebar({
  active,
  onSelect,
  badges = {},
}: {
  active: SectionId;
  onSelect: (section: SectionId) => void;
  /**
   * A count shown on a section: Overview, applications that need the user; Applications,
   * changes the approval watch saw.
   */
  badges?: Partial<Record<SectionId, number>>;
}): ReactElement {
  const { t } = useTranslation();
  const buttons = useRef(new Map<SectionId, HTMLButtonElement>());

  function focusAt(index: number): void {
    const count = SECTION_IDS.length;
    const id = SECTION_IDS[((index % count) + count) % count];
    if (id !== undefined) buttons.current.get(id)?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number): void {
    switch (event.key) {
      case "ArrowDown":
        focusAt(index + 1);
        break;
      case "ArrowUp":
        focusAt(index - 1);
        break;
      case "Home":
        focusAt(0);
        break;
      case "End":
        focusAt(SECTION_IDS.length - 1);
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  return (
    <nav className="sidebar" aria-label={t("nav.label")}>
      <ul>
        {SECTION_IDS.map((id, index) => {
          const Icon = ICONS[id];
          const current = id === active;
          return (
            <li key={id}>
              <button
                type="button"
                className="nav-item"
                data-testid={`nav-${id}`}
                aria-current={current ? "page" : undefined}
                ref={(el) => {
                  if (el === null) buttons.current.delete(id);
                  else buttons.current.set(id, el);
                }}
                onClick={() => {
                  onSelect(id);
                }}
                onKeyDown={(event) => {
                  onKeyDown(event, index);
                }}
              >
                <Icon />
                <span>{t(LABEL_KEY[id])}</span>
                {(badges[id] ?? 0) > 0 && (
                  <span
                    className="nav-badge"
                    data-testid={`nav-badge-${id}`}
                    aria-label={t(id === "overview" ? "nav.attention" : "nav.badge", {
                      count: badges[id] ?? 0,
                    })}
                  >
                    {badges[id]}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
