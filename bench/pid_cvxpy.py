"""The peer of the BROJA benchmark: the same convex program in cvxpy with the
Clarabel solver, as a researcher would write it today. Run by bench/pid.mjs
inside a virtual environment it makes; never a run-time dependency.

Prints one JSON object per size: {"n": ..., "median_ms": ..., "R": ...}.
"""
import json
import math
import sys
import time

import cvxpy as cp
import numpy as np


def lcg_table(n, seed):
    """The seeded random table of src/quantification/presets.rs."""
    mask = (1 << 64) - 1
    multiplier, increment = 6364136223846793005, 1442695040888963407
    state = (seed * multiplier + increment) & mask
    p = np.zeros((n, n, n))
    for index in np.ndindex(p.shape):
        state = (state * multiplier + increment) & mask
        p[index] = -math.log(1.0 - (state >> 11) / float(1 << 53))
    return p / p.sum()


def broja_redundancy(p):
    """max H_q(Y | X1, X2) over q with p's (x1, y) and (x2, y) marginals."""
    n1, n2, ny = p.shape
    size = n1 * n2 * ny
    q = cp.Variable(size, nonneg=True)
    index = np.arange(size).reshape(n1, n2, ny)
    constraints = [cp.sum(q[index[a, :, y]]) == p[a, :, y].sum() for a in range(n1) for y in range(ny)]
    constraints += [cp.sum(q[index[:, b, y]]) == p[:, b, y].sum() for b in range(n2) for y in range(ny)]
    pair_sum = np.zeros((size, size))
    for a in range(n1):
        for b in range(n2):
            for y in range(ny):
                pair_sum[index[a, b, y], index[a, b, :]] = 1.0
    problem = cp.Problem(cp.Maximize(cp.sum(-cp.rel_entr(q, pair_sum @ q))), constraints)
    problem.solve(solver=cp.CLARABEL)
    qv = np.maximum(q.value.reshape(n1, n2, ny), 0.0)

    def h(t):
        t = t[t > 1e-15]
        return float(-(t * np.log2(t)).sum())

    i1 = h(p.sum((1, 2))) + h(p.sum((0, 1))) - h(p.sum(1))
    u1 = h(qv.sum(2)) + h(qv.sum(0)) - h(qv) - h(qv.sum((0, 2)))
    return i1 - u1


def main():
    seed = int(sys.argv[1])
    for n in map(int, sys.argv[2:]):
        p = lcg_table(n, seed)
        repeats = 5 if n <= 8 else 3
        times, redundancy = [], None
        for _ in range(repeats):
            start = time.perf_counter()
            redundancy = broja_redundancy(p)
            times.append((time.perf_counter() - start) * 1e3)
        times.sort()
        print(json.dumps({"n": n, "median_ms": times[len(times) // 2], "R": redundancy}), flush=True)


if __name__ == "__main__":
    main()
