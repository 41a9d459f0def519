// Housing-like benchmark data: 20,000 rows × 8 features, as an imported California-housing-like file would give.
// cli/bench.ts and cli/bench-intervals.ts time their large-dataset figures on it.
import type { FeatureInfo } from '../src/ml/dataset-meta';
import type { Mt19937 } from '../src/ml/rng';

/** Eight housing-like features (the California housing columns) and a price in $1000s, censored at 500. */
export const HOUSING_FEATURES: FeatureInfo[] = [
  { code: 'income', description: 'median household income', unit: '$10,000s' },
  { code: 'age', description: 'median house age', unit: 'years' },
  { code: 'rooms', description: 'average rooms per household', unit: 'rooms' },
  { code: 'bedrooms', description: 'average bedrooms per household', unit: 'rooms' },
  { code: 'population', description: 'people in the block group', unit: 'people' },
  { code: 'occupancy', description: 'average people per household', unit: 'people' },
  { code: 'lat', description: 'latitude', unit: '°N' },
  { code: 'lon', description: 'longitude', unit: '°E' },
];
// Latitude, longitude and share of the rows of five cities the districts cluster around.
const CITIES = [[34.05, -118.25, 0.45], [37.77, -122.42, 0.25], [32.72, -117.16, 0.1], [38.58, -121.49, 0.1], [36.74, -119.79, 0.1]];

/**
 * Deterministic housing-like rows from a seeded MT19937: clustered coordinates rounded to 0.01°, rounded features
 * (so equal distances occur) and 3 % duplicated rows, half of them with another price (so ties matter).
 */
export function housingRows(nRows: number, rng: Mt19937): Record<string, number>[] {
  const uniform = () => (rng.nextUint32() + 0.5) / 2 ** 32;
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const round = (v: number, places: number) => Math.round(v * 10 ** places) / 10 ** places;
  const price = (v: number) => round(Math.min(500, Math.max(15, v)), 1);
  const rows: Record<string, number>[] = [];
  for (let i = 0; i < nRows; i++) {
    if (i >= 100 && uniform() < 0.03) {
      const copy = { ...rows[Math.floor(uniform() * i)] };
      if (uniform() < 0.5) copy.value = price(copy.value + 30 * normal());
      rows.push(copy);
      continue;
    }
    let pick = uniform();
    const city = CITIES.find((c) => (pick -= c[2]) < 0) ?? CITIES[0];
    const lat = round(city[0] + 0.5 * normal(), 2);
    const lon = round(city[1] + 0.5 * normal(), 2);
    const income = round(Math.exp(1.2 + 0.45 * normal()), 4);
    const age = Math.min(52, Math.max(1, Math.round(29 + 12 * normal())));
    const rooms = round(Math.max(1.5, 5.3 + 0.9 * normal() + 0.25 * (income - 3.3)), 3);
    const bedrooms = round(rooms * (0.2 + 0.02 * normal()), 3);
    const population = Math.max(3, Math.round(Math.exp(7.1 + 0.7 * normal())));
    const occupancy = round(Math.max(1, 2.9 + 0.6 * normal()), 3);
    const fromCentre = Math.hypot(lat - city[0], lon - city[1]);
    const value = 40 + 42 * income + 0.6 * age - 35 * fromCentre + 8 * (rooms - 5.3) - 6 * (occupancy - 2.9) + 25 * normal();
    rows.push({ income, age, rooms, bedrooms, population, occupancy, lat, lon, value: price(value) });
  }
  return rows;
}
