// The 35 member States of the OAS (ISO 3166-1 alpha-2) with the time zone of each
// capital (for "inside 08:00-18:00 in the capitals concerned"). Names come from the
// platform's CLDR data (Intl.DisplayNames) in the four official languages.
import type { Lang } from './messages';

export const OAS_STATES = {
  AG: 'America/Antigua',
  AR: 'America/Argentina/Buenos_Aires',
  BS: 'America/Nassau',
  BB: 'America/Barbados',
  BZ: 'America/Belize',
  BO: 'America/La_Paz',
  BR: 'America/Sao_Paulo',
  CA: 'America/Toronto',
  CL: 'America/Santiago',
  CO: 'America/Bogota',
  CR: 'America/Costa_Rica',
  CU: 'America/Havana',
  DM: 'America/Dominica',
  DO: 'America/Santo_Domingo',
  EC: 'America/Guayaquil',
  SV: 'America/El_Salvador',
  GD: 'America/Grenada',
  GT: 'America/Guatemala',
  GY: 'America/Guyana',
  HT: 'America/Port-au-Prince',
  HN: 'America/Tegucigalpa',
  JM: 'America/Jamaica',
  MX: 'America/Mexico_City',
  NI: 'America/Managua',
  PA: 'America/Panama',
  PY: 'America/Asuncion',
  PE: 'America/Lima',
  KN: 'America/St_Kitts',
  LC: 'America/St_Lucia',
  VC: 'America/St_Vincent',
  SR: 'America/Paramaribo',
  TT: 'America/Port_of_Spain',
  US: 'America/New_York',
  UY: 'America/Montevideo',
  VE: 'America/Caracas',
} as const;

export type StateCode = keyof typeof OAS_STATES;
export const STATE_CODES = Object.keys(OAS_STATES) as StateCode[];
export const isOasState = (code: string): code is StateCode => Object.hasOwn(OAS_STATES, code);

const names = new Map<Lang, Intl.DisplayNames>();
export function stateName(code: string, lang: Lang): string {
  let display = names.get(lang);
  if (!display) names.set(lang, (display = new Intl.DisplayNames([lang], { type: 'region' })));
  return display.of(code) ?? code;
}
