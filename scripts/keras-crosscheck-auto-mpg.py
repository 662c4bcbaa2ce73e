#!/usr/bin/env python3
"""Cross-check of Frontier's joint f/g training on Auto MPG with Keras (TensorFlow).

Not part of the build or the tests: it answers "does Keras, with the paper's recipe, meet the
issue's bar on Auto MPG?" independently of our engine. Recipe as the paper states it: MLP
512-256-128 ReLU, Adam 1e-3, batch 32, validation_split 0.1, EarlyStopping(patience 3),
ReduceLROnPlateau(patience P), up to 100 epochs; g = Dense(1). Keras keeps the last epoch's
weights unless --restore-best (restore_best_weights=False is its default). Joint loss per sample:
alpha * logcosh(y - f) + (1 - alpha) * (g - f)^2. Preprocessing as the paper's: rows missing
horsepower dropped, numeric features standardised, origin one-hot, target standardised,
80/20 split (scikit-learn, random_state 42, so not the same test rows as Frontier's split).

Setup (PyPI):  python3 -m venv /tmp/kenv && /tmp/kenv/bin/pip install tensorflow-cpu scikit-learn pandas
Run:           /tmp/kenv/bin/python scripts/keras-crosscheck-auto-mpg.py --plateau 1 --g-start linear-fit
"""
import os, argparse
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
import numpy as np, pandas as pd
import tensorflow as tf
import keras
from sklearn.model_selection import train_test_split
from sklearn.compose import ColumnTransformer
from sklearn.preprocessing import StandardScaler, OneHotEncoder
from sklearn.linear_model import LinearRegression

ap = argparse.ArgumentParser(description="Keras cross-check of joint f/g training on Auto MPG")
ap.add_argument("--data-dir", default=os.environ.get("FRONTIER_DATA", "../shared/datasets"))
ap.add_argument("--plateau", type=int, default=1, help="ReduceLROnPlateau patience; 0 = no plateau callback")
ap.add_argument("--seeds", type=int, default=5)
ap.add_argument("--alphas", default="0.1,0.9")
ap.add_argument("--g-start", default="glorot", choices=["glorot", "linear-fit"],
                help="g drawn as Keras draws Dense(1) (the paper), or set to the least-squares fit (Frontier's default)")
ap.add_argument("--restore-best", action="store_true",
                help="EarlyStopping(restore_best_weights=True), as Frontier's trainer does")
args = ap.parse_args()

cols = ["mpg", "cylinders", "displacement", "horsepower", "weight", "acceleration", "year", "origin"]
tf.config.experimental.enable_op_determinism()
df = pd.read_csv(os.path.join(args.data_dir, "auto-mpg", "auto-mpg.data"), names=cols, na_values="?",
                 comment="\t", sep=r"\s+", usecols=range(8)).dropna()
y = df.pop("mpg").values.astype(float)
xtr, xte, ytr, yte = train_test_split(df.values.astype(float), y, test_size=0.2, random_state=42)
ct = ColumnTransformer([("s", StandardScaler(), [0, 1, 2, 3, 4, 5]), ("o", OneHotEncoder(), [6])])
xtr = ct.fit_transform(xtr).astype("float32"); xte = ct.transform(xte).astype("float32")
ys = StandardScaler(); ytr = ys.fit_transform(ytr.reshape(-1, 1)).flatten().astype("float32")
yte = ys.transform(yte.reshape(-1, 1)).flatten().astype("float32")

def mlp():
    return keras.Sequential([keras.Input((xtr.shape[1],)), keras.layers.Dense(512, activation="relu"),
                             keras.layers.Dense(256, activation="relu"), keras.layers.Dense(128, activation="relu"),
                             keras.layers.Dense(1)])

def callbacks():
    cb = [keras.callbacks.EarlyStopping(monitor="val_loss", patience=3, mode="min",
                                        restore_best_weights=args.restore_best)]
    if args.plateau > 0:
        cb.append(keras.callbacks.ReduceLROnPlateau(monitor="val_loss", patience=args.plateau, mode="min"))
    return cb

def logcosh(d):
    return d + tf.math.softplus(-2.0 * d) - tf.math.log(2.0)

def run_stl(seed):
    keras.utils.set_random_seed(seed)
    f = mlp()
    f.compile(optimizer=keras.optimizers.Adam(), loss=keras.losses.LogCosh())
    h = f.fit(xtr, ytr, epochs=100, batch_size=32, validation_split=0.1, callbacks=callbacks(), verbose=0)
    ptr = f.predict(xtr, verbose=0).flatten(); pte = f.predict(xte, verbose=0).flatten()
    g = LinearRegression().fit(xtr, ptr)
    return dict(mse=float(np.mean((pte - yte) ** 2)), gf=float(np.mean((g.predict(xte) - pte) ** 2)),
                epochs=len(h.history["loss"]))

class Joint(keras.Model):
    def __init__(self):
        super().__init__()
        self.f = mlp(); self.g = keras.layers.Dense(1)
    def call(self, x):
        return tf.concat([self.f(x), self.g(x)], axis=1)

def run_joint(seed, alpha):
    keras.utils.set_random_seed(seed)
    m = Joint(); m(xtr[:1])
    if args.g_start == "linear-fit":
        lr = LinearRegression().fit(xtr, ytr)
        m.g.set_weights([lr.coef_.reshape(-1, 1).astype("float32"), np.array([lr.intercept_], dtype="float32")])
    def loss(yt, yp):
        yt = tf.reshape(tf.cast(yt, yp.dtype), [-1])
        fo, go = yp[:, 0], yp[:, 1]
        return alpha * logcosh(fo - yt) + (1 - alpha) * tf.square(go - fo)
    m.compile(optimizer=keras.optimizers.Adam(), loss=loss)
    h = m.fit(xtr, ytr, epochs=100, batch_size=32, validation_split=0.1, callbacks=callbacks(), verbose=0)
    p = m.predict(xte, verbose=0)
    return dict(mse=float(np.mean((p[:, 0] - yte) ** 2)), gf=float(np.mean((p[:, 1] - p[:, 0]) ** 2)),
                epochs=len(h.history["loss"]), lrs=sorted(set(float(v) for v in h.history.get("learning_rate", []))))

out = {"plateau": args.plateau, "g_start": args.g_start, "stl": [], "joint": {}}
for s in range(1, args.seeds + 1):
    out["stl"].append(run_stl(s))
for a in [float(v) for v in args.alphas.split(",")]:
    out["joint"][a] = [run_joint(s, a) for s in range(1, args.seeds + 1)]
stl_gf = np.mean([r["gf"] for r in out["stl"]]); stl_mse = np.mean([r["mse"] for r in out["stl"]])
print(f"plateau={args.plateau} g={args.g_start} restore_best={args.restore_best} train={len(xtr)} STL mse={stl_mse:.4f} gf={stl_gf:.4f} epochs={[r['epochs'] for r in out['stl']]}")
for a, rs in out["joint"].items():
    gf = np.mean([r["gf"] for r in rs]); mse = np.mean([r["mse"] for r in rs])
    print(f"  alpha={a}: mse={mse:.4f} ({(mse/stl_mse-1)*100:+.1f}%) gf={gf:.5f} reduction={(1-gf/stl_gf)*100:.1f}% epochs={[r['epochs'] for r in rs]}")
