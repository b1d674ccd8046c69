// One row of a summary list (GOV.UK pattern): a label and its value.
import type { ReactNode } from "react";

export function SummaryRow(props: { label: string; children: ReactNode; lang?: string }) {
  return (
    <div className="summary-list__row">
      <dt className="summary-list__key">{props.label}</dt>
      <dd className="summary-list__value" lang={props.lang}>
        {props.children}
      </dd>
    </div>
  );
}
