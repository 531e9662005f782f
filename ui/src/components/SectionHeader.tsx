import type { ReactElement } from "react";
import type { SectionId } from "../sections";

export function SectionHeader({
  id,
  title,
  intro,
}: {
  id: SectionId;
  title: string;
  intro: string;
}): ReactElement {
  return (
    <div className="section-header">
      <h1 id={`section-heading-${id}`} data-testid={`section-heading-${id}`}>
        {title}
      </h1>
      <p className="section-intro">{intro}</p>
    </div>
  );
}
