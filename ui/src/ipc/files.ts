// The native open and save dialogs and the commands that write what the user saves. The app's
// own commands open the dialogs (dialog_open_import, dialog_save), so Rust knows which paths the
// user chose: reading and writing happen in Rust, and only at those paths.
import { call } from ".";
import type { Language } from "../bindings/Language";
import type { TemplateFormat } from "../bindings/TemplateFormat";

/**
 * Opens the OS open dialog for a number list (filtered in Rust to .csv, .tsv, .txt, .xlsx and
 * .xls); `null` when the user cancels.
 */
export function chooseImportFile(filterName: string): Promise<string | null> {
  return call("dialog_open_import", { filterName });
}

/** Opens the OS save dialog proposing the file name `defaultName`; `null` when the user cancels. */
export function chooseSavePath(
  defaultName: string,
  filter: { name: string; extensions: string[] },
): Promise<string | null> {
  return call("dialog_save", {
    defaultName,
    filterName: filter.name,
    extensions: filter.extensions,
  });
}

/** Writes the import template to `path`; returns the bytes written. */
export function templateSave(
  path: string,
  format: TemplateFormat,
  lang: Language,
): Promise<number> {
  return call("template_save", { path, format, lang });
}
