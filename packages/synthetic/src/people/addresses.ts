/**
 * Home addresses in the borough: fictional streets and blocks in the N1, N4,
 * N5, N7, N19 and EC1 postcode districts, with full postcodes in the real
 * format (outward code, sector digit, two unit letters). Telephone numbers come
 * from the ranges Ofcom keeps for drama (020 7946 0xxx, 07700 900xxx), so none
 * reaches a real person.
 */
import type { Address } from '../fhir.js';
import type { Random } from '../random.js';

interface District {
  readonly outward: string;
  readonly sectors: readonly number[];
  readonly streets: readonly string[];
}

const districts: readonly District[] = [
  {
    outward: 'N1',
    sectors: [0, 1, 2, 3, 4, 7, 8, 9],
    streets: [
      "Lockkeeper's Walk",
      'Quill Street',
      'Wharfinger Row',
      'Ropewalk Terrace',
      'Gasholder Lane',
      'Canalside Crescent',
      'Tanners Yard Road',
      'Colebrooke Mews',
    ],
  },
  {
    outward: 'N4',
    sectors: [2, 3, 4],
    streets: [
      'Hornbeam Road',
      'Blackstock Rise',
      'Woodlark Avenue',
      'Tollington Vale',
      'Sussex Grove',
      'Brambledown Road',
      'Hanley Green',
      'Fonthill Mews',
    ],
  },
  {
    outward: 'N5',
    sectors: [1, 2],
    streets: [
      'Highbury Vale Road',
      'Ashurst Grove',
      'Aberdeen Walk',
      'Kelvin Row',
      'Calabria Mews',
      'Avenell Crescent',
      'Framfield Green',
      'Leigh Terrace',
    ],
  },
  {
    outward: 'N7',
    sectors: [0, 6, 7, 8, 9],
    streets: [
      'Caledonian Walk',
      'Marlowe Street',
      'Tufnell Grove',
      'Bride Vale Road',
      'Hilldrop Walk',
      'Corsica Terrace',
      'Penn Mews',
      'Market Gardens Road',
    ],
  },
  {
    outward: 'N19',
    sectors: [3, 4, 5],
    streets: [
      'Hazelville Terrace',
      'Whitehall Rise',
      'Elthorne Walk',
      'Dartmouth Vale',
      'Hargrave Mews',
      'Cressida Grove',
      'Fairbridge Row',
      'Archway Green Road',
    ],
  },
  {
    outward: 'EC1',
    sectors: [0, 1, 4],
    streets: [
      'Clerkenwell Vale',
      'Amwell Row',
      'Goswell Mews',
      'Bowling Green Walk',
      'Spa Fields Terrace',
      'Exmouth Lane',
      'Compton Yard',
      'Sekforde Row',
    ],
  },
];

const blocks = [
  'Marlowe House',
  'Elthorne Court',
  'Ashurst Mansions',
  'Kestrel House',
  'Ropemaker House',
  'Linnet Court',
  'Foundry House',
  'Weaver House',
  'Heron Court',
  'Lantern House',
  'Orchard Court',
  'Mulberry House',
];

// Postcode unit letters never include C, I, K, M, O or V.
const unitLetters = 'ABDEFGHJLNPQRSTUWXYZ';

function outwardCode(district: District, rng: Random): string {
  // EC1 is split into lettered districts (EC1A, EC1M, EC1N, EC1R, EC1V, EC1Y).
  return district.outward === 'EC1' ? `EC1${rng.pick(['M', 'N', 'R', 'V', 'Y'])}` : district.outward;
}

export function randomPostcode(rng: Random, district = rng.pick(districts)): string {
  return `${outwardCode(district, rng)} ${rng.pick(district.sectors)}${rng.pick([...unitLetters])}${rng.pick([...unitLetters])}`;
}

/** A home address somewhere in the borough. */
export function homeAddress(rng: Random): Address {
  const district = rng.pick(districts);
  const street = rng.pick(district.streets);
  const line = rng.chance(0.55)
    ? [`Flat ${rng.int(1, 48)}, ${rng.pick(blocks)}`, `${rng.int(1, 160)} ${street}`]
    : [`${rng.int(1, 220)} ${street}`];
  return {
    use: 'home',
    type: 'both',
    line,
    city: 'London',
    district: 'Islington',
    postalCode: randomPostcode(rng, district),
    country: 'GB',
  };
}

/** A work address for an organisation on a given street and postcode. */
export function workAddress(line: string, postalCode: string): Address {
  return { use: 'work', type: 'both', line: [line], city: 'London', postalCode, country: 'GB' };
}

export const landline = (rng: Random): string => `020 7946 0${String(rng.int(0, 999)).padStart(3, '0')}`;
export const mobile = (rng: Random): string => `07700 900${String(rng.int(0, 999)).padStart(3, '0')}`;
