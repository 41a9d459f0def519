import type { RadiusCurve } from '../../ml/radius';

/** The grid index the lab inspects: the radius chosen in the settings (nearest grid point), or the best one. */
export function selectedRadiusIndex(curve: RadiusCurve, radius: number | null): number | null {
  if (radius === null) return curve.best?.index ?? null;
  let nearest = 0;
  for (let i = 1; i < curve.radii.length; i++) if (Math.abs(curve.radii[i] - radius) < Math.abs(curve.radii[nearest] - radius)) nearest = i;
  return nearest;
}

/** A radius for people: four significant digits, no exponent below a million. */
export const radiusText = (r: number) => (Number.isFinite(r) ? String(Number(r.toPrecision(4))) : '–');
