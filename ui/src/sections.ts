/**
 * The areas of the app, in sidebar order. The Overview is the start screen once anything was
 * submitted; on a fresh install the app opens on Import.
 */
export const SECTION_IDS = ["overview", "import", "drafts", "applications", "settings"] as const;
export type SectionId = (typeof SECTION_IDS)[number];
