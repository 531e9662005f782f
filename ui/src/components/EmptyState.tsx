import type { ReactElement, ReactNode } from "react";

/** An honest "nothing here yet": what will appear, and what to do first. */
export function EmptyState({
  icon,
  title,
  children,
  action,
  testId,
}: {
  icon: ReactNode;
  title: string;
  children: ReactNode;
  action?: ReactNode;
  testId: string;
}): ReactElement {
  return (
    <div className="empty-state" data-testid={testId}>
      <div className="empty-state__icon">{icon}</div>
      <h2 className="empty-state__title">{title}</h2>
      <div className="empty-state__body">{children}</div>
      {action !== undefined && <div className="empty-state__action">{action}</div>}
    </div>
  );
}
