import { FormEvent, ReactNode, useCallback, useState } from "react";
import {
  ActionGroup,
  Alert,
  Button,
  Checkbox,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  PageSection,
  Spinner,
  TextInput,
  Title,
} from "@patternfly/react-core";

import { useTranslation } from "react-i18next";

import { api, ApiError } from "../api";
import { abilities } from "../auth";
import { ProblemAlert } from "../components/ProblemAlert";
import { useAction, useFetch } from "../hooks";
import type { ConfigDocument as Doc, Json } from "../../../shared/types";

/** Keys whose values are secrets: shown masked by the server, typed into password fields. */
const SECRETS = new Set(["local.kek", "entra.clientSecret", "entra.certificate", "ticketing.token", "forwarding.webhook.secret"]);

/** Keys with a fixed set of values (SPEC §8). */
const CHOICES: Record<string, string[]> = {
  keySource: ["local", "entra"],
  "ticketing.system": ["jira", "servicenow"],
  "escrow.deviceBinding": ["dpop", "none"],
};

function fieldId(path: string): string {
  return `setting-${path.replace(/\./g, "-")}`;
}

function setAt(doc: Doc, path: string[], value: Json): Doc {
  const [head, ...rest] = path;
  if (rest.length === 0) {
    return { ...doc, [head]: value };
  }
  return { ...doc, [head]: setAt((doc[head] as Doc) ?? {}, rest, value) };
}

/** The field a server validation message names (`'limits.revealsPerUserPerHour' must be …`). */
function namedField(error: unknown): string | undefined {
  if (error instanceof ApiError && error.code === "invalid_request") {
    const match = /'([A-Za-z0-9.]+)'/.exec(error.detail);
    return match?.[1];
  }
  return undefined;
}

/** Realm administrators: the configuration document (SPEC §8) as a form, validated by the server. */
export function SettingsPage() {
  const { t } = useTranslation();
  const canChange = abilities().settings;
  const [doc, setDoc] = useState<Doc>();
  const [saved, setSaved] = useState(false);
  const loaded = useFetch(
    useCallback((signal: AbortSignal) => api.config.get(signal), []),
    setDoc,
  );
  const { busy, error: saveError, run } = useAction();
  const error = saveError ?? loaded.error;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!doc) {
      return;
    }
    setSaved(false);
    const stored = await run(() => api.config.put(doc));
    if (stored) {
      setDoc(stored);
      setSaved(true);
    }
  };

  const badField = namedField(error);

  const field = (path: string, value: Json): ReactNode => {
    const id = fieldId(path);
    const label = path.split(".").slice(-1)[0];
    const invalid = badField === path;
    const change = (v: Json) => {
      setDoc((d) => setAt(d ?? {}, path.split("."), v));
      setSaved(false);
    };
    let control: ReactNode;
    if (typeof value === "boolean") {
      return (
        <FormGroup key={path} fieldId={id}>
          <Checkbox id={id} label={label} isChecked={value} onChange={(_e, checked) => change(checked)} />
          {invalid ? <FieldError error={error} /> : null}
        </FormGroup>
      );
    } else if (CHOICES[path]) {
      control = (
        <FormSelect id={id} value={String(value)} onChange={(_e, v) => change(v)} validated={invalid ? "error" : "default"}>
          {CHOICES[path].map((c) => (
            <FormSelectOption key={c} value={c} label={c} />
          ))}
        </FormSelect>
      );
    } else if (typeof value === "number") {
      control = (
        <TextInput
          id={id}
          type="number"
          value={String(value)}
          validated={invalid ? "error" : "default"}
          onChange={(_e, v) => change(v === "" || Number.isNaN(Number(v)) ? v : Number(v))}
        />
      );
    } else if (Array.isArray(value)) {
      control = (
        <TextInput
          id={id}
          value={value.join(", ")}
          validated={invalid ? "error" : "default"}
          onChange={(_e, v) => change(v.split(",").map((s) => s.trim()).filter(Boolean))}
        />
      );
    } else {
      control = (
        <TextInput
          id={id}
          type={SECRETS.has(path) ? "password" : "text"}
          autoComplete="off"
          value={value === null ? "" : String(value)}
          validated={invalid ? "error" : "default"}
          onChange={(_e, v) => change(v)}
        />
      );
    }
    return (
      <FormGroup key={path} label={label} fieldId={id}>
        {control}
        {Array.isArray(value) ? (
          <FormHelperText>
            <HelperText>
              <HelperTextItem>{t("bitlockerCommaSeparated")}</HelperTextItem>
            </HelperText>
          </FormHelperText>
        ) : null}
        {invalid ? <FieldError error={error} /> : null}
      </FormGroup>
    );
  };

  const section = (prefix: string, value: Doc): ReactNode => (
    <fieldset key={prefix} className="keygate-settings__section" aria-label={prefix}>
      <legend>{prefix}</legend>
      {Object.entries(value).map(([key, v]) =>
        v !== null && typeof v === "object" && !Array.isArray(v) ? section(`${prefix}.${key}`, v) : field(`${prefix}.${key}`, v),
      )}
    </fieldset>
  );

  return (
    <PageSection>
      <Title headingLevel="h1">{t("bitlockerNavSettings")}</Title>
      {!canChange ? <p>{t("bitlockerSettingsAdminsOnly")}</p> : null}
      {!doc && !error ? <Spinner aria-label={t("bitlockerLoadingSettings")} /> : null}
      {doc ? (
        <Form onSubmit={submit} aria-label={t("bitlockerSettingsForm")} className="keygate-settings">
          {Object.entries(doc).map(([key, v]) =>
            v !== null && typeof v === "object" && !Array.isArray(v) ? section(key, v) : field(key, v),
          )}
          {error && !badField ? <ProblemAlert error={error} /> : null}
          {badField ? (
            <Alert variant="danger" isInline title={t("bitlockerSettingsNotSaved")} data-testid="settings-error">
              {t("bitlockerCorrectField", { field: badField })}
            </Alert>
          ) : null}
          {saved ? <Alert variant="success" isInline title={t("bitlockerSaved")} data-testid="settings-saved" /> : null}
          <ActionGroup>
            <Button type="submit" isLoading={busy} isDisabled={busy}>
              {t("bitlockerSave")}
            </Button>
          </ActionGroup>
        </Form>
      ) : (
        <ProblemAlert error={error} />
      )}
    </PageSection>
  );
}

function FieldError({ error }: { error: unknown }) {
  const message = error instanceof ApiError ? error.detail : "";
  return (
    <FormHelperText>
      <HelperText>
        <HelperTextItem variant="error" data-testid="field-error">
          {message}
        </HelperTextItem>
      </HelperText>
    </FormHelperText>
  );
}
