// The native open and save dialogs (tauri-plugin-dialog) and the commands that write what the
// user saves. The dialog returns only a path; reading and writing happen in Rust.
import { invoke } from "@tauri-apps/api/core";
import { open, save } from "@tauri-apps/plugin-dialog";
import { toIpcError } from "../ipc";
import type { Language } from "../bindings/Language";
import type { TemplateFormat } from "../bindings/TemplateFormat";

/** What the import wizard reads (recognised by content, offered by extension). */
export const IMPORT_EXTENSIONS = ["csv", "tsv", "txt", "xlsx", "xls"] as const;

/** Opens the OS open dialog for a number list; `null` when the user cancels. */
export async function chooseImportFile(filterName: string): Promise<string | null> {
  const chosen = await open({
    multiple: false,
    directory: false,
    filters: [{ name: filterName, extensions: [...IMPORT_EXTENSIONS] }],
  });
  return typeof chosen === "string" ? chosen : null;
}

/** Opens the OS save dialog proposing `defaultPath`; `null` when the user cancels. */
export async function chooseSavePath(
  defaultPath: string,
  filter: { name: string; extensions: string[] },
): Promise<string | null> {
  const chosen = await save({ defaultPath, filters: [filter] });
  return chosen ?? null;
}

/** Writes the import template to `path`; returns the bytes written. */
export async function templateSave(
  path: string,
  format: TemplateFormat,
  lang: Language,
): Promise<number> {
  try {
    return await invoke<number>("template_save", { path, format, lang });
  } catch (e: unknown) {
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    throw toIpcError(e);
  }
}
