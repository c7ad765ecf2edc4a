/** What the console's server says about languages (`…/console/locale`). */
export interface LocaleSettings {
  /** The locale Keycloak resolved for this browser (cookie, Accept-Language, the realm's default). */
  locale: string;
  /** The realm's supported locales (only its default when internationalization is off). */
  supportedLocales: string[];
}

/**
 * The language of the page: the signed-in user's own `locale` when the realm supports it, else the one
 * Keycloak resolved for this browser. Pure.
 */
export function chooseLocale(settings: LocaleSettings, userLocale?: string): string {
  if (userLocale && settings.supportedLocales.includes(userLocale)) {
    return userLocale;
  }
  return settings.locale || settings.supportedLocales[0] || "en";
}
