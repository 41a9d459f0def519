import { describe, expect, it, vi } from 'vitest';
import { intervalFor, modelIntervals, type ModelIntervals } from '../ml/intervals';
import { labApi } from '../worker/lab-api';
import { createLabStore } from './store';
import { fakeStorageServices } from '../test-support/storage-fakes';

function makeStore(services = fakeStorageServices()) {
  return createLabStore({ sweep: async (r) => labApi.sweep(r), cancel: vi.fn(), now: () => 0, ...services });
}

/** Services whose calibration waits until the test answers it, as a slow worker would. */
function slowCalibration() {
  const services = fakeStorageServices();
  const pending: { model: Parameters<typeof services.intervals>[0]; resolve: (i: ModelIntervals) => void }[] = [];
  services.intervals = vi.fn((model) => new Promise<ModelIntervals>((resolve) => pending.push({ model, resolve })));
  return { services, pending, answer: (i = 0) => pending[i].resolve(modelIntervals(pending[i].model)) };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
};

async function ready(services = fakeStorageServices()) {
  const store = makeStore(services);
  await store.getState().startRegistry();
  await store.getState().loadPredictionDefaults('boston');
  return store;
}

describe('a prediction states its interval', () => {
  it('at 90 % by default, as the model’s conformal half-width around the price', async () => {
    const store = await ready();
    expect(store.getState().prediction.level).toBe(0.9);
    expect(await store.getState().predict()).toBe(true);
    const result = store.getState().prediction.result!;
    const expected = intervalFor(result.priceThousands, modelIntervals(store.getState().registry.active!.model), 0.9);
    expect(expected).not.toBeNull();
    expect(result.interval).toEqual(expected);
    expect(result.interval!.low).toBeLessThan(result.priceThousands);
    expect(result.interval!.high).toBeGreaterThan(result.priceThousands);
  });

  it('restates the same prediction’s interval when the level changes, without predicting or logging again', async () => {
    const services = fakeStorageServices();
    const store = await ready(services);
    await store.getState().predict();
    const before = store.getState().prediction.result!;
    const calibration = modelIntervals(store.getState().registry.active!.model);
    store.getState().setIntervalLevel(0.8);
    const after = store.getState().prediction.result!;
    expect(after.interval).toEqual(intervalFor(before.priceThousands, calibration, 0.8));
    expect(after.interval!.high - after.interval!.low).toBeLessThan(before.interval!.high - before.interval!.low);
    expect(after.priceThousands).toBe(before.priceThousands);
    store.getState().setIntervalLevel(0.95);
    expect(store.getState().prediction.result!.interval).toEqual(intervalFor(before.priceThousands, calibration, 0.95));
    expect(await services.store.predictions.count()).toBe(1);
  });

  it('a level chosen while the calibration is on its way is the level the result is stated at', async () => {
    const { services, answer } = slowCalibration();
    const store = await ready(services);
    const pressed = store.getState().predict();
    store.getState().setIntervalLevel(0.95);
    answer();
    expect(await pressed).toBe(true);
    const result = store.getState().prediction.result!;
    expect(result.interval?.level).toBe(0.95);
    expect(result.interval).toEqual(intervalFor(result.priceThousands, modelIntervals(store.getState().registry.active!.model), 0.95));
  });

  it('still gives the price when the calibration fails, saying the interval is unavailable, and logs it once', async () => {
    const services = fakeStorageServices();
    services.intervals = vi.fn(async () => {
      throw new Error('The worker stopped.');
    });
    const store = await ready(services);
    expect(await store.getState().predict()).toBe(true);
    const result = store.getState().prediction.result!;
    expect(Number.isFinite(result.priceThousands)).toBe(true);
    expect(result).toMatchObject({ interval: null, outOfRange: null, outOfRangeDistance: null, calibrationProblem: 'The worker stopped.' });
    store.getState().setIntervalLevel(0.8);
    expect(store.getState().prediction.result!.interval).toBeNull();
    expect(await services.store.predictions.count()).toBe(1);
  });
});

describe('the price does not wait for the interval, and a late interval answers nothing stale', () => {
  it('shows and logs the price at once; the interval follows when the calibration arrives', async () => {
    const { services, answer } = slowCalibration();
    const store = await ready(services);
    const pressed = store.getState().predict();
    const early = store.getState().prediction.result!;
    expect(Number.isFinite(early.priceThousands)).toBe(true);
    expect(early).toMatchObject({ calibrating: true, interval: null, outOfRange: null, outOfRangeDistance: null });
    answer();
    expect(await pressed).toBe(true);
    expect(store.getState().prediction.result).toMatchObject({ calibrating: false, priceThousands: early.priceThousands, interval: { level: 0.9 } });
    expect(await services.store.predictions.count()).toBe(1);
  });

  it('a field edited while the calibration is on its way: the late answer brings no result back', async () => {
    const { services, answer } = slowCalibration();
    const store = await ready(services);
    const pressed = store.getState().predict();
    store.getState().setPredictionField('rm', '6.5');
    expect(store.getState().prediction.result).toBeNull();
    answer();
    await pressed;
    expect(store.getState().prediction.result).toBeNull();
  });

  it('a second press meanwhile: only its own calibration states its interval', async () => {
    const { services, pending, answer } = slowCalibration();
    const store = await ready(services);
    const first = store.getState().predict();
    await until(() => !store.getState().prediction.busy);
    store.getState().setPredictionField('rm', '7.5');
    const second = store.getState().predict();
    const secondPrice = store.getState().prediction.result!.priceThousands;
    expect(pending).toHaveLength(2);
    answer(0);
    await first;
    // The first press's answer lands on nothing it made: the second's price is still waiting for its own.
    expect(store.getState().prediction.result).toMatchObject({ priceThousands: secondPrice, calibrating: true, interval: null });
    answer(1);
    await second;
    expect(store.getState().prediction.result!.interval).toEqual(intervalFor(secondPrice, modelIntervals(pending[1].model), 0.9));
  });

  it('a double press logs one prediction, however long the calibration takes', async () => {
    const { services, answer } = slowCalibration();
    const store = await ready(services);
    const first = store.getState().predict();
    expect(await store.getState().predict()).toBe(false);
    answer();
    expect(await first).toBe(true);
    expect(await services.store.predictions.count()).toBe(1);
  });

  it('another model activated meanwhile: the old model’s calibration is not attached, and the old result never claims one', async () => {
    const { services, pending, answer } = slowCalibration();
    const store = await ready(services);
    store.getState().change({ seed: 7 });
    await until(() => store.getState().sweep.status === 'done' && store.getState().sweep.request?.seed === 7);
    expect(await store.getState().saveModel('seed 7')).toBe(true);
    const pressed = store.getState().predict();
    expect(await store.getState().activateModel(2)).toBe(true);
    answer();
    await pressed;
    expect(pending).toHaveLength(1);
    expect(store.getState().prediction.result).toMatchObject({ version: 1, calibrating: false, calibration: null, interval: null, outOfRange: null });
    expect(store.getState().prediction.result!.calibrationProblem).toMatch(/another model became active/);
  });
});

describe('a house unlike the training data', () => {
  it('is flagged with its nearest distance and the model’s 95th-percentile distance; a typical house is not', async () => {
    const store = await ready();
    const p95 = modelIntervals(store.getState().registry.active!.model).nearestDistanceP95;
    expect(await store.getState().predict()).toBe(true);
    const typical = store.getState().prediction.result!;
    expect(typical).toMatchObject({ outOfRange: false, outOfRangeDistance: p95 });
    expect(typical.nearestDistance).toBeLessThanOrEqual(p95);

    // Allowed by every hard limit, far from every Boston row.
    for (const [code, text] of [['crim', '80'], ['zn', '100'], ['tax', '5000']]) store.getState().setPredictionField(code, text);
    expect(await store.getState().predict()).toBe(true);
    const far = store.getState().prediction.result!;
    expect(far).toMatchObject({ outOfRange: true, outOfRangeDistance: p95 });
    expect(far.nearestDistance).toBeGreaterThan(p95);
    expect(far.nearestDistance).toBe(far.neighbours[0].distance);
  });
});

describe('why each neighbour is a neighbour', () => {
  it('gives every neighbour one share per model feature, the shares summing to 1', async () => {
    const store = await ready();
    await store.getState().predict();
    const { result } = store.getState().prediction;
    const features = store.getState().registry.active!.features;
    expect(result!.neighbours.length).toBeGreaterThan(0);
    for (const n of result!.neighbours) {
      expect(Object.keys(n.shares).sort()).toEqual([...features].sort());
      expect(Object.values(n.shares).every((s) => s >= 0 && s <= 1)).toBe(true);
      expect(Object.values(n.shares).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
  });

  it('gives a neighbour at distance 0 no shares at all', async () => {
    const store = makeStore();
    await store.getState().startRegistry();
    await store.getState().fillPredictionFromRow(store.getState().registry.active!.model.trainRows[0]);
    await store.getState().predict();
    const [same] = store.getState().prediction.result!.neighbours;
    expect(same.distance).toBe(0);
    expect(Object.values(same.shares).every((s) => s === 0)).toBe(true);
  });
});
