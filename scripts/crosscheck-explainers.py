#!/usr/bin/env python3
"""Cross-checks Frontier's KernelSHAP and LIME against the Python packages on the same weights,
rows, background and settings, and measures both sides' speed and peak memory in one run.
Not part of CI: needs `pip install shap lime safetensors scipy scikit-learn`.

  frontier train --dataset adult --method stl --save-model models/adult
  scripts/crosscheck-explainers.py --model models/adult --frontier .build/release/frontier \
      --data-dir ../shared/datasets --rows 50

The model's weights are read from its safetensors file; the rows are the first --rows rows of the
recipe's test file, encoded by the model's fitted preprocessing (checked against `frontier
predict`); the background is the model file's stored context (k-means centroids and their
weights), given to `shap.KernelExplainer` as a weighted DenseData with `l1_reg=0` and
`nsamples="auto"` (Frontier's default budget is the same 2M + 2048). `lime` runs with
`sample_around_instance=True`, `discretize_continuous=False`, `feature_selection="none"`, the
default kernel width and unit-variance scaling (a training set of +-1 rows), which is Frontier's
sampling: Gaussian perturbations of the standardised row, weighted by the same kernel, fitted by
Ridge(alpha=1). Each explainer, native and Python, runs in its own process, so each peak RSS is
that process's; time is wall time of the explanation calls only, divided by the rows.
"""
import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from frontier_model import FrontierModel, read_csv, spearman  # noqa: E402


def raw_test_rows(model, data_dir, count):
    """The first `count` rows of the recipe's test file, as text (test-file splits only)."""
    recipe = model.metadata["dataset"]["recipe"]
    if recipe.get("split", {}).get("kind") != "test-file":
        raise SystemExit("this script reads a recipe's test file (Adult's); the model's recipe splits otherwise")
    names = recipe["column_names"] if "column_names" in recipe else None
    path = os.path.join(data_dir, recipe["files"]["test"])
    rows = []
    with open(path, newline="") as f:
        lines = f.read().splitlines()[recipe.get("test_skip_rows", 0):]
    for fields in csv.reader(lines, delimiter=recipe.get("separator", ",")):
        if not fields or all(not v.strip() for v in fields):
            continue
        rows.append([v.strip() for v in fields])
        if len(rows) == count + (0 if names else 1):
            break
    header = names if names else rows.pop(0)
    return header, rows


def child(args):
    """One Python explainer over the rows: prints attributions, ms per explanation and peak RSS."""
    model = FrontierModel(args.model)
    header, rows = read_csv(args.rows_csv)
    x = model.encode(header, rows).astype(np.float64)
    background, weights, _ = model.context()
    d = x.shape[1]
    if args.child == "kernelshap":
        import shap
        from shap.utils._legacy import DenseData
        data = DenseData(background.astype(np.float64), model.feature_names, None, weights.copy())
        explainer = shap.KernelExplainer(lambda z: model.outputs(z)[:, 0], data)
        start = time.perf_counter()
        values = np.asarray(explainer.shap_values(x, nsamples="auto", l1_reg=0, silent=True))
        seconds = time.perf_counter() - start
    else:
        from lime.lime_tabular import LimeTabularExplainer
        explainer = LimeTabularExplainer(np.vstack([np.ones(d), -np.ones(d)]), mode="classification",
                                         discretize_continuous=False, sample_around_instance=True,
                                         feature_selection="none", random_state=args.seed)

        def predict(z):
            p = model.outputs(z)[:, 0]
            return np.column_stack([1 - p, p])

        values = np.zeros_like(x)
        start = time.perf_counter()
        for r in range(x.shape[0]):
            explanation = explainer.explain_instance(x[r], predict, labels=(1,), num_features=d, num_samples=args.lime_samples)
            for j, w in explanation.as_map()[1]:
                values[r, j] = w
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"attributions": values.tolist(), "ms_per_explanation": 1000 * seconds / x.shape[0],
                      "peak_resident_bytes": peak}))


def native(args, explainer, rows_csv, settings):
    command = [args.frontier, "explain", "--model", args.model, "--csv", rows_csv, "--explainer", explainer,
               "--json", "--quiet", "--threads", str(args.threads)]
    for s in settings:
        command += ["--set", s]
    reply = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    return {"attributions": [row["attributions"] for row in reply["rows"]],
            "ms_per_explanation": reply["cost"]["ms_per_explanation"],
            "peak_resident_bytes": reply["cost"]["peak_resident_bytes"],
            "model_evaluations_per_explanation": reply["cost"]["model_evaluations_per_explanation"]}


def python(args, explainer, rows_csv):
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(args.threads), OMP_NUM_THREADS=str(args.threads),
               MKL_NUM_THREADS=str(args.threads), NUMBA_NUM_THREADS=str(args.threads))
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_L2_SIZE", None)
    command = [sys.executable, os.path.abspath(__file__), "--child", explainer, "--model", args.model, "--rows-csv", rows_csv,
               "--lime-samples", str(args.lime_samples), "--seed", str(args.seed)]
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout.splitlines()[-1])


def agreement(ours, theirs, top=5):
    """Mean Spearman over all features and over the features either side moves; mean top-k overlap; largest difference."""
    ours, theirs = np.asarray(ours), np.asarray(theirs)
    every, moved, overlap = [], [], []
    for a, b in zip(ours, theirs):
        every.append(spearman(a, b))
        mask = (np.abs(a) > 1e-12) | (np.abs(b) > 1e-12)
        if mask.sum() >= 2:
            moved.append(spearman(a[mask], b[mask]))
        overlap.append(len(set(np.argsort(-np.abs(a))[:top]) & set(np.argsort(-np.abs(b))[:top])) / top)
    return {"spearman_all_features": float(np.nanmean(every)), "spearman_moved_features": float(np.nanmean(moved)),
            "spearman_all_features_min": float(np.nanmin(every)), f"top_{top}_overlap": float(np.mean(overlap)),
            "largest_difference": float(np.max(np.abs(ours - theirs)))}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True)
    parser.add_argument("--frontier", default=".build/release/frontier")
    parser.add_argument("--data-dir", default=os.environ.get("FRONTIER_DATA", "../shared/datasets"))
    parser.add_argument("--rows", type=int, default=50)
    parser.add_argument("--lime-samples", type=int, default=5000, help="perturbations per LIME explanation, both sides (lime's default)")
    parser.add_argument("--threads", type=int, default=1, help="BLAS threads on both sides")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", help="also write the figures here")
    parser.add_argument("--child", choices=["kernelshap", "lime"], help=argparse.SUPPRESS)
    parser.add_argument("--rows-csv", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)

    model = FrontierModel(args.model)
    header, rows = raw_test_rows(model, args.data_dir, args.rows)
    work = tempfile.mkdtemp(prefix="crosscheck-")
    rows_csv = os.path.join(work, "rows.csv")
    with open(rows_csv, "w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([header] + rows)
    x = model.encode(header, rows)
    predicted = json.loads(subprocess.run([args.frontier, "predict", "--model", args.model, "--csv", rows_csv, "--json"],
                                          check=True, capture_output=True, text=True).stdout)
    positive = model.metadata["class_labels"][-1]
    gap = max(abs(r["probabilities"][positive] - float(p)) for r, p in zip(predicted["rows"], model.outputs(x)[:, 0]))
    print(f"model {args.model} (sha256 {model.checksum[:16]}…), {len(rows)} rows of {model.metadata['dataset']['name']}'s "
          f"test file, {x.shape[1]} features; numpy f vs `frontier predict`: largest difference {gap:.2g}")

    results = {"rows": len(rows), "threads": args.threads, "lime_samples": args.lime_samples, "predict_gap": gap}
    for explainer, settings in [("kernelshap", []), ("lime", [f"samples={args.lime_samples}"])]:
        ours = native(args, explainer, rows_csv, settings)
        theirs = python(args, explainer, rows_csv)
        results[explainer] = {"frontier": {k: v for k, v in ours.items() if k != "attributions"},
                              "python": {k: v for k, v in theirs.items() if k != "attributions"},
                              "agreement": agreement(ours["attributions"], theirs["attributions"])}
    print()
    print("| explainer | Spearman, all features | Spearman, moved features | top-5 overlap | Frontier ms/expl | Python ms/expl | "
          "Frontier peak RSS | Python peak RSS |")
    print("|---|---|---|---|---|---|---|---|")
    for explainer in ["kernelshap", "lime"]:
        r = results[explainer]
        a, ours, theirs = r["agreement"], r["frontier"], r["python"]
        print(f"| {explainer} | {a['spearman_all_features']:.3f} (min {a['spearman_all_features_min']:.3f}) | "
              f"{a['spearman_moved_features']:.3f} | {a['top_5_overlap']:.2f} | {ours['ms_per_explanation']:.1f} | "
              f"{theirs['ms_per_explanation']:.1f} | {ours['peak_resident_bytes'] / 2**20:.0f} MiB | "
              f"{theirs['peak_resident_bytes'] / 2**20:.0f} MiB |")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
