/** The four areas of the app, in sidebar order. */
export const SECTION_IDS = ["import", "drafts", "applications", "settings"] as const;
export type SectionId = (typeof SECTION_IDS)[number];
