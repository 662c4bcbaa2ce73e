#!/usr/bin/env python3
"""Attribution heat maps of image explanations as one SVG: a row per explained image, a column per
explainer, each cell the image's pixels coloured by attribution (red above the explainer's median
for that image, blue below, scaled by each map's largest distance from the median, so maps of
different kinds and units compare by shape).

Usage:
  frontier explain --model M --explainer fex --rows 4 --json > fex.json     # likewise other explainers
  scripts/attribution-heatmaps.py fex.json kernelshap.json --rows 4 --out heatmaps.svg

Features must be named pixel_<row>_<col>. Standard library only.
"""
import argparse
import json
import re
import statistics


def colour(v):
    """v in [-1, 1]: blue through white to red."""
    v = max(-1.0, min(1.0, v))
    if v >= 0:
        return f"rgb(255,{int(255 * (1 - v))},{int(255 * (1 - v))})"
    return f"rgb({int(255 * (1 + v))},{int(255 * (1 + v))},255)"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+")
    parser.add_argument("--rows", type=int, default=4)
    parser.add_argument("--cell", type=int, default=4, help="pixels per image pixel")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    explanations = [json.load(open(f)) for f in args.files]
    names = explanations[0]["feature_names"]
    position = [tuple(int(g) for g in re.fullmatch(r"pixel_(\d+)_(\d+)", n).groups()) for n in names]
    side = max(max(p) for p in position) + 1
    size, pad, top, left = side * args.cell, 30, 30, 110
    rows = min(args.rows, len(explanations[0]["rows"]))
    width, height = left + len(explanations) * (size + pad), top + rows * (size + pad)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="Helvetica, Arial, sans-serif" font-size="11">',
           f'<rect width="{width}" height="{height}" fill="white"/>']
    for c, e in enumerate(explanations):
        out.append(f'<text x="{left + c * (size + pad) + size / 2}" y="18" text-anchor="middle">{e["explainer"]}</text>')
    for r in range(rows):
        row = explanations[0]["rows"][r]
        label = row.get("output_label", row.get("output"))
        out.append(f'<text x="4" y="{top + r * (size + pad) + size / 2}">{row["row"].split("/")[-1]}</text>')
        out.append(f'<text x="4" y="{top + r * (size + pad) + size / 2 + 14}">class {label}</text>')
        for c, e in enumerate(explanations):
            values = e["rows"][r]["attributions"]
            median = statistics.median(values)
            scale = max(abs(v - median) for v in values) or 1
            x0, y0 = left + c * (size + pad), top + r * (size + pad)
            for (i, j), v in zip(position, values):
                out.append(f'<rect x="{x0 + j * args.cell}" y="{y0 + i * args.cell}" width="{args.cell}" height="{args.cell}" '
                           f'fill="{colour((v - median) / scale)}"/>')
            out.append(f'<rect x="{x0}" y="{y0}" width="{size}" height="{size}" fill="none" stroke="#888"/>')
    out.append("</svg>")
    with open(args.out, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
