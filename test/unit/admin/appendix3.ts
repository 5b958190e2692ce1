// Seed 000, Appendix 3: the TSFE 2025-26 check-in schedule exactly as the policy prints it (tabs
// between columns), as an administrator would paste it after "schedule import".
export const APPENDIX_3_LINES = [
  'Date\tDay\tThink Ahead (TSFE)\tDuration (hrs)',
  '19/09/2025\tFriday\tCompletion of review of last year\t1',
  '03/10/2025\tFriday\tNon-compulsory check in\t0.25',
  '31/10/2025\tFriday\tStaff finalised key rocks/success criteria for Terms 1 & 2\t1',
  '14/11/2025\tFriday\tCheck in 1\t0.25',
  '28/11/2025\tFriday\tCheck in 2\t0.25',
  '12/12/2025\tFriday\tCheck in 3\t0.25',
  '09/01/2026\tFriday\tCheck in 4 / Staff agree key rocks/success criteria for Terms 3 & 4\t1',
  '23/01/2026\tFriday\tCheck in 5\t0.25',
  '06/02/2026\tFriday\tAspiration Survey\t1',
  '27/02/2026\tFriday\tCheck in 6\t0.25',
  '13/03/2026\tFriday\tCheck in 7\t0.25',
  '27/03/2026\tFriday\tCareer conversations & mid-point reflections\t1',
  '24/04/2026\tFriday\tCheck in 8 / Staff agree key rocks/success criteria for Terms 5&6\t1',
  '08/05/2026\tFriday\tCheck in 9\t0.25',
  '22/05/2026\tFriday\tCheck in 10\t0.25',
  '12/06/2026\tFriday\tCheck in 11\t0.25',
  '26/06/2026\tFriday\tCheck in 12\t0.25',
  '10/07/2026\tFriday\tCheck in 13\t0.25',
];

export const APPENDIX_3_TABLE = APPENDIX_3_LINES.join('\n');
