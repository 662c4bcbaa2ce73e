#!/usr/bin/env python3
"""Reference values for Frontier's NumpyLegacyRandom and the MTL authors' splits, from a real numpy run.

Not part of the build or the tests: the Swift tests (Tests/FrontierDataTests/NumpyLegacyRandomTests.swift)
hard-code what this script printed, with the versions it printed. It records

  - the first raw 32-bit outputs of numpy's legacy np.random.RandomState(42) (MT19937, init_genrand seeding)
    and of RandomState([1, 2, 3]) (init_by_array seeding);
  - legacy randint (masked rejection, 32-bit and 64-bit paths), random_sample, permutation and
    choice(n, size, replace=False);
  - for n = 392 (Auto MPG after dropping 6 rows), 1599 (red wine), 20640 (California Housing) and 1309 (Titanic):
    the first 20 indices of RandomState(42).permutation(n), and the first train/test row indices of
    scikit-learn's train_test_split(test_size=0.2, random_state=42) and of pandas'
    df.sample(frac=0.8, random_state=42) / df.drop(train.index), as the authors' data.py calls them.

Setup (PyPI):  python3 -m venv --system-site-packages /tmp/npref-venv && /tmp/npref-venv/bin/pip install pandas scikit-learn
Run:           /tmp/npref-venv/bin/python scripts/numpy-legacy-reference.py
"""
import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split


def show(name, values):
    print(f"{name}: {', '.join(str(v) for v in values)}")


print(f"numpy {np.__version__}, pandas {pd.__version__}, scikit-learn {sklearn.__version__}")

# Raw MT19937 outputs, two ways: the bit generator's raw stream and randint over the full uint32 range.
raw = np.random.RandomState(42)._bit_generator.random_raw(12)
show("raw RandomState(42)", raw)
full = np.random.RandomState(42).randint(0, 2**32, size=12, dtype=np.uint32)
assert list(map(int, raw)) == list(map(int, full))
rs = np.random.RandomState(42)
rs._bit_generator.random_raw(620)
show("raw RandomState(42) draws 621-628 (across the first state regeneration)", rs._bit_generator.random_raw(8))
show("raw RandomState([1, 2, 3])", np.random.RandomState([1, 2, 3])._bit_generator.random_raw(8))
show("raw RandomState(0)", np.random.RandomState(0)._bit_generator.random_raw(4))
show("raw RandomState(4294967295)", np.random.RandomState(2**32 - 1)._bit_generator.random_raw(4))

show("RandomState(42).randint(0, 10, size=12)", np.random.RandomState(42).randint(0, 10, size=12))
show("RandomState(42).randint(-5, 1000, size=12)", np.random.RandomState(42).randint(-5, 1000, size=12))
show("RandomState(42).randint(0, 2**40, size=6)", np.random.RandomState(42).randint(0, 2**40, size=6))
show("RandomState(7).randint(3, 4, size=3)", np.random.RandomState(7).randint(3, 4, size=3))
show("RandomState(42).random_sample(5)", [repr(float(v)) for v in np.random.RandomState(42).random_sample(5)])
show("RandomState(42).permutation(10)", np.random.RandomState(42).permutation(10))
show("RandomState(42).choice(10, 4, replace=False)", np.random.RandomState(42).choice(10, 4, replace=False))
a = np.arange(100, 110)
np.random.RandomState(3).shuffle(a)
show("RandomState(3).shuffle(arange(100, 110))", a)

for n in (392, 1599, 20640, 1309):
    show(f"n={n} RandomState(42).permutation(n)[:20]", np.random.RandomState(42).permutation(n)[:20])
    rows = np.arange(n)
    train, test = train_test_split(rows, test_size=0.2, random_state=42)
    show(f"n={n} train_test_split sizes (train, test)", [len(train), len(test)])
    show(f"n={n} train_test_split test[:10]", test[:10])
    show(f"n={n} train_test_split train[:10]", train[:10])
    show(f"n={n} train_test_split train[-3:]", train[-3:])
    df = pd.DataFrame({"row": rows})
    sampled = df.sample(frac=0.8, random_state=42)
    rest = df.drop(sampled.index)
    show(f"n={n} pandas sample sizes (train, test)", [len(sampled), len(rest)])
    show(f"n={n} pandas sample train[:10]", sampled["row"].to_numpy()[:10])
    show(f"n={n} pandas drop test[:10]", rest["row"].to_numpy()[:10])
    show(f"n={n} pandas drop test[-3:]", rest["row"].to_numpy()[-3:])

# Python's round() is half-to-even: pandas takes round(frac * n) rows.
show("pandas sample sizes frac=0.5 for n=5, 7 (round half to even)",
     [len(pd.DataFrame({"r": range(k)}).sample(frac=0.5, random_state=42)) for k in (5, 7)])
show("train_test_split sizes test_size=0.25 for n=10 (ceil test)",
     [len(part) for part in train_test_split(np.arange(10), test_size=0.25, random_state=42)])
