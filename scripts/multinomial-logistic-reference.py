#!/usr/bin/env python3
"""Reference fit for Frontier's LinearFit.multinomialLogistic, from scikit-learn.

Not part of the build or the tests: Tests/FrontierMLTests/MultinomialLogisticTests.swift hard-codes what this
script printed. The data are made by formula (no random numbers; every feature is a multiple of 1/8, exact in
Float), so the Swift test builds the same table. The fit is multinomial LogisticRegression(C = 1 / l2), whose
objective is Frontier's: sum of cross-entropies + (l2 / 2) |W|^2, intercepts unpenalised. Intercepts are printed
centred (only their differences are identified).

Setup (PyPI):  python3 -m venv --system-site-packages /tmp/npref-venv && /tmp/npref-venv/bin/pip install scikit-learn
Run:           /tmp/npref-venv/bin/python scripts/multinomial-logistic-reference.py
"""
import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

n, l2 = 60, 0.5
x = np.array([[(i * 7 % 17) / 8 - 1, ((i * 5 + 3) % 13) / 8 - 1, ((i * 11 + 1) % 19) / 8 - 1] for i in range(n)])
scores = np.stack([2 * x[:, 0] - x[:, 1], -x[:, 0] + 1.5 * x[:, 2], 0.5 * x[:, 1] - x[:, 2] + 0.3], axis=1)
y = scores.argmax(axis=1)
y[::7] = (y[::7] + 1) % 3  # every seventh label moved to the next class: not separable

fit = LogisticRegression(C=1 / l2, solver="newton-cg", tol=1e-14, max_iter=10_000).fit(x, y)
print(f"numpy {np.__version__}, scikit-learn {sklearn.__version__}; n = {n}, l2 = {l2}")
print("labels:", ", ".join(map(str, y)))
for k, row in enumerate(fit.coef_):
    print(f"class {k} weights:", ", ".join(repr(float(v)) for v in row))
print("intercepts (centred):", ", ".join(repr(float(v)) for v in fit.intercept_ - fit.intercept_.mean()))
