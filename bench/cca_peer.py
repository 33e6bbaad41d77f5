"""The peers of the CCA benchmark, on the digits halves written by
`bench_cca --write-data`: scikit-learn's CCA, as a researcher would call it,
and the closed form in numpy with the same relative ridge as the crate. Run
by bench/cca.mjs inside a virtual environment it makes; never a run-time
dependency.

    python bench/cca_peer.py DATA.json RIDGE COMPONENTS

Prints one JSON object per peer: {"peer": ..., "median_ms": ...,
"correlations": [...]}.
"""
import json
import sys
import time
import warnings

import numpy as np
from sklearn.cross_decomposition import CCA


def closed_form(a, b, ridge):
    """Singular values of Saa^-1/2 Sab Sbb^-1/2, each S with the crate's
    ridge: S + ridge (tr S / d) I, covariances over n - 1."""
    a = a - a.mean(0)
    b = b - b.mean(0)
    n = a.shape[0]
    saa, sbb, sab = a.T @ a / (n - 1), b.T @ b / (n - 1), a.T @ b / (n - 1)

    def inverse_square_root(s):
        s = s + ridge * np.trace(s) / s.shape[0] * np.eye(s.shape[0])
        w, v = np.linalg.eigh(s)
        return (v / np.sqrt(w)) @ v.T

    t = inverse_square_root(saa) @ sab @ inverse_square_root(sbb)
    return np.linalg.svd(t, compute_uv=False)


def scikit_learn(a, b, components):
    """scikit-learn's CCA (iterative NIPALS, no ridge), fitted."""
    with warnings.catch_warnings():
        # Constant pixels and slow components make it warn; the time is what is measured.
        warnings.simplefilter("ignore")
        return CCA(n_components=components).fit(a, b)


def score_correlations(model, a, b):
    """The correlation of each pair of a fitted model's score vectors."""
    u, v = model.transform(a, b)
    with np.errstate(invalid="ignore", divide="ignore"):
        rho = [abs(np.corrcoef(u[:, i], v[:, i])[0, 1]) for i in range(u.shape[1])]
    # A component scikit-learn could not extract has constant scores: no correlation (JSON has no NaN).
    return [float(r) if np.isfinite(r) else None for r in rho]


def median_ms(work, repeats, warm_up=True):
    times, answer = [], None
    if warm_up:
        work()
    for _ in range(repeats):
        start = time.perf_counter()
        answer = work()
        times.append((time.perf_counter() - start) * 1e3)
    times.sort()
    return times[len(times) // 2], answer


def main():
    path, ridge, components = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    with open(path) as file:
        data = json.load(file)
    rows = data["rows"]
    a = np.array(data["a"], dtype=float).reshape(rows, -1)
    b = np.array(data["b"], dtype=float).reshape(rows, -1)

    ms, correlations = median_ms(lambda: closed_form(a, b, ridge), 50)
    print(json.dumps({"peer": "numpy", "median_ms": ms, "correlations": list(map(float, correlations))}), flush=True)
    # Each fit takes seconds: no warm-up needed, and three are enough.
    ms, model = median_ms(lambda: scikit_learn(a, b, components), 3, warm_up=False)
    correlations = score_correlations(model, a, b)
    print(json.dumps({"peer": "scikit-learn", "median_ms": ms, "correlations": correlations}), flush=True)


if __name__ == "__main__":
    main()
