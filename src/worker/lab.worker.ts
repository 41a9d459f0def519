import { expose, transfer } from 'comlink';
import { labApi, summaryBuffers, type SweepRequest } from './lab-api';

// Only the transport lives here: the sweep's arrays are transferred, not copied. `await` because the
// crash test hook answers with a promise that never settles.
const exposed = {
  ...labApi,
  async sweep(request: SweepRequest) {
    const summary = await labApi.sweep(request);
    return transfer(summary, summaryBuffers(summary));
  },
};

expose(exposed);
