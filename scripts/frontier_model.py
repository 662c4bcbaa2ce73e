"""Reading a Frontier model directory from Python (used by safetensors-read.py and
crosscheck-explainers.py; not part of CI).

A model directory holds `weights.safetensors` (the networks and the explanation context as F32
tensors, opened here with the `safetensors` package from PyPI) and `model.json` (the metadata:
architecture, fitted preprocessing, class labels, and the SHA-256 of the tensor file).
"""
import hashlib
import json
import math
import os

import numpy as np
from safetensors.numpy import load_file


class FrontierModel:
    def __init__(self, directory):
        self.directory = directory
        with open(os.path.join(directory, "model.json"), "rb") as f:
            raw = f.read()
        self.metadata = json.loads(raw)
        if self.metadata.get("format") != "frontier-model" or self.metadata.get("format_version") != 1:
            raise SystemExit(f"{directory}: not a Frontier model file of format version 1")
        for name, expected in self.metadata["files"].items():
            with open(os.path.join(directory, name), "rb") as f:
                actual = hashlib.sha256(f.read()).hexdigest()
            if actual != expected:
                raise SystemExit(f"{directory}/{name}: checksum mismatch ({actual}, model.json says {expected})")
        self.checksum = hashlib.sha256(raw).hexdigest()
        self.tensors = load_file(os.path.join(directory, "weights.safetensors"))
        self.task = self.metadata["task"]["kind"]
        self.feature_names = self.metadata["feature_names"]

    def layers(self, network="f"):
        """[(W, b)] of a network: a row's layer output is x @ W + b."""
        count = len(self.metadata["networks"][network]["hidden_widths"]) + 1
        return [(self.tensors[f"{network}.layers.{l}.weight"], self.tensors[f"{network}.layers.{l}.bias"]) for l in range(count)]

    def raw_outputs(self, x, network="f"):
        activation = self.metadata["networks"][network]["hidden_activation"]
        h = np.asarray(x, dtype=np.float32)
        layers = self.layers(network)
        for i, (w, b) in enumerate(layers):
            h = h @ w + b
            if i < len(layers) - 1:
                h = {"relu": lambda z: np.maximum(z, 0), "tanh": np.tanh, "identity": lambda z: z,
                     "sigmoid": lambda z: 1 / (1 + np.exp(-z))}[activation](h)
        return h

    def outputs(self, x, network="f"):
        """Outputs on the output scale: P(class 1) for binary, class probabilities for multiclass, values for regression."""
        z = self.raw_outputs(x, network)
        if self.task == "binary":
            return 1 / (1 + np.exp(-z))
        if self.task == "multiclass":
            e = np.exp(z - z.max(axis=1, keepdims=True))
            return e / e.sum(axis=1, keepdims=True)
        return z

    def context(self):
        """The stored explanation context: background rows, their weights, feature means."""
        return (self.tensors["context.background"], self.tensors["context.background_weights"].astype(np.float64),
                self.tensors["context.feature_means"])

    def encode(self, header, rows):
        """Feature rows of raw text rows, as the model's fitted preprocessing encodes them."""
        p = self.metadata["preprocessing"]
        missing = set(p["missing_markers"])
        position = {name: i for i, name in enumerate(header)}
        out = np.zeros((len(rows), len(self.feature_names)), dtype=np.float32)
        for r, row in enumerate(rows):
            j = 0
            for column in p["columns"]:
                if column["kind"] == "dropped":
                    continue
                text = row[position[column["name"]]].strip()
                if column["kind"] == "numeric":
                    n = column["numeric"]
                    value = n["fill"] if text in missing else float(text)
                    if text not in missing and "range" in n and n["repair"] == "decimal-point":
                        while value > n["range"][1]:
                            value /= 10
                    out[r, j] = np.float32((value - n["centre"]) / n["scale"])
                    j += 1
                else:
                    c = column["categorical"]
                    category = c["fill"] if text in missing else text
                    if c["encoding"] == "one-hot":
                        if category in c["categories"]:
                            out[r, j + c["categories"].index(category)] = 1
                        j += len(c["categories"])
                    else:
                        code = c["categories"].index(category) if category in c["categories"] else len(c["categories"])
                        if c.get("label_centre") is not None:
                            code = (code - c["label_centre"]) / c["label_scale"]
                        out[r, j] = np.float32(code)
                        j += 1
        return out


def read_csv(path):
    """Header and rows of a CSV file (as Frontier writes raw rows)."""
    import csv
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def spearman(a, b):
    """Spearman's rho with average ranks (scipy's spearmanr); nan when either side is constant."""
    from scipy.stats import spearmanr
    if np.ptp(a) == 0 or np.ptp(b) == 0:
        return math.nan
    return float(spearmanr(a, b).statistic)
