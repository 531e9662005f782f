import { useMemo, useState, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import generated from "../../generated/licenses.json";

export type PackageLicense = {
  name: string;
  version: string;
  license: string;
  repository?: string;
};

export type LicenseList = { rust: PackageLicense[]; npm: PackageLicense[] };

/** The list `make licenses` generates from `cargo metadata` and `ui/package-lock.json`. */
export const LICENSES: LicenseList = generated;

function matches(p: PackageLicense, query: string): boolean {
  const q = query.trim().toLowerCase();
  return (
    q === "" ||
    p.name.toLowerCase().includes(q) ||
    p.license.toLowerCase().includes(q) ||
    p.version.includes(q)
  );
}

function Table({
  title,
  testId,
  packages,
}: {
  title: string;
  testId: string;
  packages: PackageLicense[];
}): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="licenses__group" data-testid={testId}>
      <h4>
        {title}{" "}
        <span className="muted">{t("support.licenses.count", { count: packages.length })}</span>
      </h4>
      <table className="licenses__table">
        <thead>
          <tr>
            <th scope="col">{t("support.licenses.package")}</th>
            <th scope="col">{t("support.licenses.version")}</th>
            <th scope="col">{t("support.licenses.license")}</th>
          </tr>
        </thead>
        <tbody>
          {packages.map((p) => (
            <tr key={`${p.name}@${p.version}`} data-testid="license-row">
              <td className="mono">{p.name}</td>
              <td className="mono">{p.version}</td>
              <td>{p.license}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Settings → About → the licences of the crates and npm packages inside the app. */
export function Licenses({ list = LICENSES }: { list?: LicenseList }): ReactElement {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const rust = useMemo(() => list.rust.filter((p) => matches(p, query)), [list, query]);
  const npm = useMemo(() => list.npm.filter((p) => matches(p, query)), [list, query]);
  return (
    <details
      className="licenses"
      data-testid="licenses"
      onToggle={(e) => {
        setOpen(e.currentTarget.open);
      }}
    >
      <summary data-testid="licenses-summary">
        {t("support.licenses.title", { count: list.rust.length + list.npm.length })}
      </summary>
      {open && (
        <>
          <input
            type="search"
            className="licenses__search"
            placeholder={t("support.licenses.search")}
            aria-label={t("support.licenses.search")}
            value={query}
            data-testid="licenses-search"
            onChange={(e) => {
              setQuery(e.target.value);
            }}
          />
          <Table title={t("support.licenses.rust")} testId="licenses-rust" packages={rust} />
          <Table title={t("support.licenses.npm")} testId="licenses-npm" packages={npm} />
        </>
      )}
    </details>
  );
}
