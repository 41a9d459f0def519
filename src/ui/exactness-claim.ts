/**
 * What the numbers promise, in the words the footer and the Data view both use (the README says the same):
 * only what the parity tests show.
 */
export const EXACTNESS_CLAIM =
  'The split is scikit-learn’s train_test_split, exactly, for every seed. The scores match scikit-learn 1.2’s KNeighborsRegressor at every k ' +
  'where no test row has neighbours tied at its k-th distance; where rows tie, our rule keeps the lower dataset row, scikit-learn may keep ' +
  'another, and the lab marks that k.';
