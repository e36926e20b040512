// The seven seats of the Commission (2020 composition), identified by nationality only:
// no personal names are needed to run Docket. The ids match the Cognito attribute
// custom:commissionerId; nationality matches custom:nationality.
export const COMMISSIONERS = [
  { id: 'c-mx', nationality: 'MX', label: 'Commissioner (Mexico)' },
  { id: 'c-cl', nationality: 'CL', label: 'Commissioner (Chile)' },
  { id: 'c-br', nationality: 'BR', label: 'Commissioner (Brazil)' },
  { id: 'c-jm', nationality: 'JM', label: 'Commissioner (Jamaica)' },
  { id: 'c-pa', nationality: 'PA', label: 'Commissioner (Panama)' },
  { id: 'c-pe', nationality: 'PE', label: 'Commissioner (Peru)' },
  { id: 'c-gt', nationality: 'GT', label: 'Commissioner (Guatemala)' },
] as const;

export type CommissionerId = (typeof COMMISSIONERS)[number]['id'];
export const MEMBERS = COMMISSIONERS.length;
export const commissioner = (id: string) => COMMISSIONERS.find((c) => c.id === id);
/** Art. 17: a national of the State concerned takes no part in the decision. */
export const nationalsOf = (state: string) => COMMISSIONERS.filter((c) => c.nationality === state.toUpperCase());
