import { describe, expect, it } from "vitest";

import kitDe from "../../src/main/resources/theme-resources/messages/messages_de.properties?raw";
import kitEn from "../../src/main/resources/theme-resources/messages/messages_en.properties?raw";
import kitEs from "../../src/main/resources/theme-resources/messages/messages_es.properties?raw";
import kitFr from "../../src/main/resources/theme-resources/messages/messages_fr.properties?raw";
import accountDe from "../../src/main/resources/theme/keygate/account/messages/messages_de.properties?raw";
import accountEn from "../../src/main/resources/theme/keygate/account/messages/messages_en.properties?raw";
import accountEs from "../../src/main/resources/theme/keygate/account/messages/messages_es.properties?raw";
import accountFr from "../../src/main/resources/theme/keygate/account/messages/messages_fr.properties?raw";

/** The keys and values of a .properties file (one entry a line, as ours are written). */
function parse(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of text.split("\n")) {
    const match = /^([A-Za-z0-9_.]+)=(.*)$/.exec(line);
    if (match) {
      entries.set(match[1], match[2]);
    }
  }
  return entries;
}

/** `{{name}}` placeholders of a text, sorted. */
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

/** The console's and the kit's part of the extension's bundle (the e-mails' texts come before it). */
const kitPart = kitEn.slice(kitEn.indexOf("# The helpdesk console"));

describe.each([
  ["the console and the kit", kitPart, { de: kitDe, fr: kitFr, es: kitEs }],
  ["the account page", accountEn, { de: accountDe, fr: accountFr, es: accountEs }],
])("the bundles of %s", (_name, englishText, translations) => {
  const english = parse(englishText);

  it.each(Object.entries(translations))("in %s have every English text, with the same placeholders", (_lang, text) => {
    const translated = parse(text);
    for (const [key, value] of english) {
      expect(translated.has(key), key).toBe(true);
      expect(placeholders(translated.get(key) ?? ""), key).toEqual(placeholders(value));
    }
  });
});
