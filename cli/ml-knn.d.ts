// ml-knn ships no types; this covers the part the benchmark's naive baseline uses.
declare module 'ml-knn' {
  export default class KNN {
    constructor(dataset: number[][], labels: number[], options?: { k?: number; distance?: (a: number[], b: number[]) => number });
    predict(rows: number[][]): number[];
  }
}
