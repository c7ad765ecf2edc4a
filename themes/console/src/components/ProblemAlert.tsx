import { Alert } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";

import { problemMessage } from "../../../shared/problems";

/** A refusal as a sentence and what to do next; never the server's raw body. */
export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (!error) {
    return null;
  }
  const problem = problemMessage(error);
  const sentence = t(problem.title, problem.values);
  return (
    <Alert variant="danger" isInline title={title ?? sentence} data-testid="problem">
      {title ? <p>{sentence}</p> : null}
      <p>{t(problem.next, problem.values)}</p>
    </Alert>
  );
}
