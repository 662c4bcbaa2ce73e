#!/usr/bin/env python3
"""Agreement of FEX with another explainer by feature group (the units FEX explains).

FEX gives every feature of a group (a categorical's one-hot columns `column=category`, an
image patch) the group's keep probability, so feature-level rank agreement with KernelSHAP
mostly measures how KernelSHAP ranks a group's inactive one-hot columns. This script sums the
reference's attributions per group, reads FEX's value per group, and reports the mean Spearman
correlation over rows (signed and by magnitude) and the mean overlap of the top-k groups.

Usage:
  frontier explain --model M --explainer fex --rows 200 --json > fex.json
  frontier explain --model M --explainer kernelshap --rows 200 --json > kernelshap.json
  scripts/fex-group-agreement.py fex.json kernelshap.json [--patch 2] [--top 3]

Needs numpy and scipy. Both files must explain the same rows (same --rows / --csv).
"""
import argparse
import json
import re

import numpy as np
from scipy.stats import spearmanr


def groups(names, patch):
    """Group index of each feature: pixel_r_c by patch, else the part before the first '='."""
    pixel = [re.fullmatch(r"pixel_(\d+)_(\d+)", n) for n in names]
    if all(pixel):
        side = max(int(m.group(2)) for m in pixel) + 1
        keys = [(int(m.group(1)) // patch) * (side // patch) + int(m.group(2)) // patch for m in pixel]
    else:
        keys = [n.split("=", 1)[0] for n in names]
    order = list(dict.fromkeys(keys))
    return np.array([order.index(k) for k in keys]), len(order)


def per_group(values, index, count, mean):
    sums = np.zeros((values.shape[0], count))
    np.add.at(sums.T, index, values.T)
    return sums / np.bincount(index, minlength=count) if mean else sums


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("fex")
    parser.add_argument("reference")
    parser.add_argument("--patch", type=int, default=2, help="patch side for pixel features (2 on digits, 4 on MNIST)")
    parser.add_argument("--top", type=int, default=3)
    args = parser.parse_args()
    fex, ref = (json.load(open(p)) for p in (args.fex, args.reference))
    assert fex["feature_names"] == ref["feature_names"], "the two files explain different features"
    assert [r["row"] for r in fex["rows"]] == [r["row"] for r in ref["rows"]], "the two files explain different rows"
    index, count = groups(fex["feature_names"], args.patch)
    a = per_group(np.array([r["attributions"] for r in fex["rows"]]), index, count, mean=True)
    b = per_group(np.array([r["attributions"] for r in ref["rows"]]), index, count, mean=False)
    result = {"rows": len(a), "groups": count}
    for label, x, y in (("signed", a, b), ("absolute", a, np.abs(b))):
        rhos = [spearmanr(u, v).statistic for u, v in zip(x, y) if np.ptp(u) > 0 and np.ptp(v) > 0]
        result[f"spearman_{label}"] = float(np.mean(rhos))
        top = [len(set(np.argsort(-u)[:args.top]) & set(np.argsort(-v)[:args.top])) / args.top for u, v in zip(x, y)]
        result[f"top_{args.top}_overlap_{label}"] = float(np.mean(top))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
