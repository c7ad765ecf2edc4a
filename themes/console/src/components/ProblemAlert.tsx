import { Alert } from "@patternfly/react-core";

import { explain } from "../messages";

/** A refusal as a sentence and what to do next; never the server's raw body. */
export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) {
    return null;
  }
  const explanation = explain(error);
  return (
    <Alert variant="danger" isInline title={title ?? explanation.title} data-testid="problem">
      {title ? <p>{explanation.title}</p> : null}
      <p>{explanation.next}</p>
    </Alert>
  );
}
