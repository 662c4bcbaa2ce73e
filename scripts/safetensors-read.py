#!/usr/bin/env python3
"""Opens a Frontier model directory with the `safetensors` package (pip install safetensors
numpy) and prints its tensors' shapes and f's prediction for raw rows, computed in numpy from the
stored weights and fitted preprocessing; with --frontier, checks them against `frontier predict`.
Not part of CI.

Usage:
  frontier train --dataset adult --method stl --save-model models/adult
  scripts/safetensors-read.py models/adult --csv rows.csv --frontier .build/release/frontier
"""
import argparse
import json
import subprocess
import sys
import os

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from frontier_model import FrontierModel, read_csv  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", help="model directory (frontier train --save-model)")
    parser.add_argument("--csv", help="raw rows with a header naming the recipe's columns")
    parser.add_argument("--frontier", help="a frontier binary: compare with `frontier predict --json`")
    args = parser.parse_args()

    model = FrontierModel(args.model)
    m = model.metadata
    print(f"{args.model}: {m['dataset']['name']} {m['task']['kind']}, method {m['method']['name']}, seed {m['seed']}, "
          f"sha256 {model.checksum[:16]}…")
    for name in sorted(model.tensors):
        t = model.tensors[name]
        print(f"  {name:32s} {str(list(t.shape)):14s} {t.dtype}")
    if not args.csv:
        means = model.context()[2]
        print(f"f at the training means: {model.outputs(means[None, :])[0].tolist()}")
        return 0
    header, rows = read_csv(args.csv)
    x = model.encode(header, rows)
    out = model.outputs(x)
    labels = m.get("class_labels")
    for r in range(len(rows)):
        row = out[r].tolist()
        if model.task == "binary":
            print(f"row {r + 1}: P({labels[1]}) = {row[0]:.6f}")
        else:
            print(f"row {r + 1}: {', '.join(f'{v:.6f}' for v in row)}")
    if not args.frontier:
        return 0
    reply = json.loads(subprocess.run([args.frontier, "predict", "--model", args.model, "--csv", args.csv, "--json"],
                                      check=True, capture_output=True, text=True).stdout)
    worst = 0.0
    for r, row in enumerate(reply["rows"]):
        if model.task == "regression":
            theirs = [row["standardised_value"]]
        elif model.task == "binary":
            theirs = [row["probabilities"][labels[1]]]
        else:
            theirs = [row["probabilities"][label] for label in labels]
        worst = max(worst, float(np.max(np.abs(np.array(theirs) - out[r]))))
    print(f"largest difference from `frontier predict`: {worst:.3g} over {len(rows)} rows")
    return 0 if worst < 1e-5 else 1


if __name__ == "__main__":
    sys.exit(main())
