#!/usr/bin/env python3
"""Raw-scale CSV streams for issue 12's robustness checks, each with the twin it is compared with.

Deterministic (fixed seeds), standard library only. Writes into the folder given (default: ./raw-scale-data):

  onehot-money.csv / onehot-money-prescaled.csv   binary, 20,000 rows: 36 one-hot columns (4 categories
                                                  of 9 levels) and 4 money columns around 1e5; the twin has
                                                  the money columns x 1e-5
  daily.csv / daily-shifted.csv / daily-y1000.csv regression, 1,001 rows: a raw date ordinal (~7.4e5) and 5
                                                  slowly moving indicators; the twins subtract 736,000 from
                                                  the date, or scale the target by 1,000
  segments.csv                                    7 classes, 2,310 rows, 18 features on scales 1e-2 ... 1e3
  stretches.csv / stretches-plus1e6.csv           regression, 300,000 rows: 20 binary inputs, 15 of them
                                                  constant over 10,000-sample stretches; the twin adds 1e6
                                                  to column x0
"""
import math
import os
import random
import sys


def write(path, header, rows):
    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(repr(v) if isinstance(v, float) else str(v) for v in r) + "\n")


def onehot_money(out):
    rnd = random.Random(12)
    effects = [[rnd.gauss(0, 1) for _ in range(9)] for _ in range(4)]
    money_w = [rnd.gauss(0, 1) for _ in range(4)]
    header = [f"c{c}_{l}" for c in range(4) for l in range(9)] + [f"money{m}" for m in range(4)] + ["label"]
    raw, scaled = [], []
    for _ in range(20_000):
        levels = [rnd.randrange(9) for _ in range(4)]
        z_money = [rnd.gauss(0, 1) for _ in range(4)]
        money = [1e5 * math.exp(0.5 * z) for z in z_money]
        logit = sum(effects[c][levels[c]] for c in range(4)) + sum(w * z for w, z in zip(money_w, z_money))
        y = 1 if rnd.random() < 1 / (1 + math.exp(-logit)) else 0
        onehot = [1 if levels[c] == l else 0 for c in range(4) for l in range(9)]
        raw.append(onehot + [round(m, 2) for m in money] + [y])
        scaled.append(onehot + [m * 1e-5 for m in money] + [y])
    write(os.path.join(out, "onehot-money.csv"), header, raw)
    write(os.path.join(out, "onehot-money-prescaled.csv"), header, scaled)


def daily(out):
    rnd = random.Random(7)
    header = ["date", "a", "b", "c", "d", "e", "y"]
    levels = [40.0, 45.0, 5.0, 1000.0, 0.5]
    scales = [0.5, 0.6, 0.2, 15.0, 0.01]
    w = [0.6, 0.3, -1.0, 0.004, 8.0]
    rows, shifted, y1000 = [], [], []
    for i in range(1001):
        date = 736_330 + i
        levels = [l + s * rnd.gauss(0, 1) for l, s in zip(levels, scales)]
        y = 10 + sum(a * b for a, b in zip(w, levels)) + 0.01 * i + rnd.gauss(0, 1)
        feats = [round(v, 4) for v in levels]
        rows.append([date] + feats + [round(y, 4)])
        shifted.append([date - 736_000] + feats + [round(y, 4)])
        y1000.append([date] + feats + [round(1000 * y, 1)])
    write(os.path.join(out, "daily.csv"), header, rows)
    write(os.path.join(out, "daily-shifted.csv"), header, shifted)
    write(os.path.join(out, "daily-y1000.csv"), header, y1000)


def segments(out):
    rnd = random.Random(5)
    scales = [10 ** (-2 + 5 * j / 17) for j in range(18)]
    centres = [[rnd.gauss(0, 1) for _ in range(18)] for _ in range(7)]
    header = [f"f{j}" for j in range(18)] + ["class"]
    names = ["brickface", "cement", "foliage", "grass", "path", "sky", "window"]
    rows = []
    for _ in range(2310):
        k = rnd.randrange(7)
        rows.append([round(scales[j] * (3 + centres[k][j] + 0.9 * rnd.gauss(0, 1)), 5) for j in range(18)] + [names[k]])
    write(os.path.join(out, "segments.csv"), header, rows)


def stretches(out):
    rnd = random.Random(3)
    w = [rnd.gauss(0, 1) for _ in range(20)]
    header = [f"x{j}" for j in range(20)] + ["y"]
    rows, plus = [], []
    held = [rnd.randrange(2) for _ in range(15)]
    for i in range(300_000):
        if i % 10_000 == 0:
            held = [rnd.randrange(2) for _ in range(15)]
        x = held + [rnd.randrange(2) for _ in range(5)]
        y = sum(a * b for a, b in zip(w, x)) + rnd.gauss(0, 0.5)
        rows.append(x + [round(y, 5)])
        plus.append([x[0] + 1_000_000] + x[1:] + [round(y, 5)])
    write(os.path.join(out, "stretches.csv"), header, rows)
    write(os.path.join(out, "stretches-plus1e6.csv"), header, plus)


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "raw-scale-data"
    os.makedirs(out, exist_ok=True)
    onehot_money(out)
    daily(out)
    segments(out)
    stretches(out)
    print("wrote", out)
