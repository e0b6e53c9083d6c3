/** DI token of the validated AppConfig; shared by every Nest app. */
export const APP_CONFIG = Symbol('APP_CONFIG');
