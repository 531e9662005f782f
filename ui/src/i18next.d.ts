import "i18next";
import type en from "./locales/en.json";

// Typed keys: t("nav.missing") is a compile error.
declare module "i18next" {
  // Module augmentation merges into i18next's own interface, so this must stay an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en };
  }
}
