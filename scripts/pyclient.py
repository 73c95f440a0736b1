#!/usr/bin/env python3
"""A second, independent wsinfer client written from docs/PROTOCOL.md (binary + JSON framings).

It asks GET /v1/model for the model's shape, sends random requests in both framings, prints the answers, checks that
the two framings agree and, given --model-dir (model.json, weights.npy, bias.npy), that they equal x @ W + b computed
with numpy. It then sends bad requests and checks each gets the documented error (with its id where one can be read).
Exit code 0 when every check passes, 1 otherwise.

Needs: python3-numpy, python3-websockets (Debian packages).
Usage: python3 scripts/pyclient.py --url ws://127.0.0.1:8080/ws [--model-dir DIR] [--rows 3] [--seed 1]
"""
import argparse
import asyncio
import json
import struct
import sys
import urllib.request
from pathlib import Path

import numpy as np
import websockets

VERSION, KIND_PREDICT, KIND_PREDICTION, KIND_ERROR = 1, 1, 2, 3
ERROR_NAMES = {1: "MALFORMED", 2: "UNKNOWN_KIND", 3: "SHAPE_MISMATCH", 4: "INVALID_VALUE", 5: "TOO_LARGE",
               6: "OVERLOADED", 7: "INTERNAL", 8: "UNAVAILABLE"}


def encode_binary(req_id, x):
    """PREDICT: u8 version, u8 kind, u16 rows, u32 cols, u64 id, f32[rows*cols], little-endian."""
    rows, cols = x.shape
    return struct.pack("<BBHIQ", VERSION, KIND_PREDICT, rows, cols, req_id) + x.astype("<f4").tobytes()


def decode_binary(frame):
    """PREDICTION (32-byte header) or ERROR (16-byte header) -> dict."""
    version, kind = frame[0], frame[1]
    if version != VERSION:
        raise ValueError(f"bad version {version}")
    if kind == KIND_ERROR:
        code, length, req_id = struct.unpack_from("<HIQ", frame, 2)
        return {"id": req_id, "error": {"code": ERROR_NAMES.get(code, str(code)),
                                        "message": frame[16:16 + length].decode("utf-8")}}
    if kind != KIND_PREDICTION:
        raise ValueError(f"bad kind {kind}")
    rows, cols, req_id, model_version, queue_ns, compute_ns, _ = struct.unpack_from("<HIQIIII", frame, 2)
    outputs = np.frombuffer(frame, dtype="<f4", count=rows * cols, offset=32).reshape(rows, cols)
    return {"id": req_id, "model_version": model_version, "queue_ns": queue_ns, "compute_ns": compute_ns,
            "outputs": outputs}


def decode_json(text):
    answer = json.loads(text)
    if "outputs" in answer:
        answer["outputs"] = np.array(answer["outputs"], dtype=np.float32)
    return answer


class Checker:
    def __init__(self):
        self.failures = 0

    def check(self, ok, what):
        print(("PASS " if ok else "FAIL ") + what)
        if not ok:
            self.failures += 1


async def run(args):
    http = args.url.replace("ws://", "http://", 1).rsplit("/ws", 1)[0]
    info = json.loads(urllib.request.urlopen(http + "/v1/model", timeout=10).read())
    print(f"model {info['name']} v{info['version']}: input_dim {info['input_dim']}, output_dim {info['output_dim']}")
    dim = info["input_dim"]
    rng = np.random.default_rng(args.seed)
    x = rng.uniform(-2, 2, size=(args.rows, dim)).astype(np.float32)
    c = Checker()

    async with websockets.connect(args.url, max_size=None) as ws:
        await ws.send(encode_binary(7, x))
        b = decode_binary(await ws.recv())
        print("binary answer:", {k: v for k, v in b.items() if k != "outputs"}, "\n", b.get("outputs"))
        await ws.send(json.dumps({"id": 8, "inputs": x.tolist()}))
        reply = await ws.recv()
        c.check(isinstance(reply, str), "a text request gets a text answer")
        t = decode_json(reply)
        print("json answer:", {k: v for k, v in t.items() if k != "outputs"}, "\n", t.get("outputs"))
        c.check(b["id"] == 7 and t["id"] == 8, "answers carry their request ids")
        c.check(b["outputs"].shape == (args.rows, info["output_dim"]), "binary output shape rows x output_dim")
        c.check(np.array_equal(b["outputs"], t["outputs"]), "binary and JSON give the same numbers")
        c.check(b["model_version"] == info["version"], "model_version matches /v1/model")
        if args.model_dir:
            w = np.load(Path(args.model_dir) / "weights.npy").astype(np.float64)
            bias = np.load(Path(args.model_dir) / "bias.npy").astype(np.float64)
            expected = x.astype(np.float64) @ w + bias
            err = np.max(np.abs(b["outputs"] - expected) / np.maximum(1.0, np.abs(expected)))
            print(f"max relative error vs numpy x @ W + b: {err:.3g}")
            c.check(err <= 1e-5, "outputs equal x @ W + b (relative error <= 1e-5)")
            samples = Path(args.model_dir) / "sample_inputs.npy"
            if samples.exists():
                xs = np.load(samples).astype(np.float32)
                await ws.send(encode_binary(9, xs))
                got = decode_binary(await ws.recv())["outputs"]
                want = np.load(Path(args.model_dir) / "sample_outputs.npy")
                c.check(np.allclose(got, want, rtol=1e-5, atol=1e-5), "sample_inputs.npy give sample_outputs.npy")

        # errors: each must be answered, and the connection must keep working
        await ws.send(encode_binary(21, np.zeros((1, dim + 1), dtype=np.float32)))
        e = decode_binary(await ws.recv())
        c.check(e.get("error", {}).get("code") == "SHAPE_MISMATCH" and e["id"] == 21, "cols != input_dim: SHAPE_MISMATCH")
        await ws.send(b"\x01\x01\x01")
        e = decode_binary(await ws.recv())
        c.check(e.get("error", {}).get("code") == "MALFORMED" and e["id"] == 0, "short frame: MALFORMED, id 0")
        nan = x.copy()
        nan[0, 0] = np.nan
        await ws.send(encode_binary(22, nan))
        e = decode_binary(await ws.recv())
        c.check(e.get("error", {}).get("code") == "INVALID_VALUE" and e["id"] == 22, "NaN: INVALID_VALUE")
        frame = bytearray(encode_binary(23, x))
        frame[1] = 9
        await ws.send(bytes(frame))
        e = decode_binary(await ws.recv())
        c.check(e.get("error", {}).get("code") == "UNKNOWN_KIND", "kind 9: UNKNOWN_KIND")
        await ws.send('{"id": 24, "inputs": [[1.0, 2.0')
        e = json.loads(await ws.recv())
        c.check(e.get("error", {}).get("code") == "MALFORMED", "bad JSON: MALFORMED")
        await ws.send(json.dumps({"id": 25, "inputs": [[0.0] * dim, [0.0] * (dim - 1)]}))
        e = json.loads(await ws.recv())
        c.check(e.get("error", {}).get("code") == "SHAPE_MISMATCH" and e["id"] == 25, "ragged JSON: SHAPE_MISMATCH")
        await ws.send(encode_binary(26, x))
        c.check(decode_binary(await ws.recv()).get("id") == 26, "the connection still works after errors")
    return c.failures


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--url", default="ws://127.0.0.1:8080/ws")
    p.add_argument("--model-dir", help="model directory to check x @ W + b against (weights.npy, bias.npy)")
    p.add_argument("--rows", type=int, default=3)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    failures = asyncio.run(run(args))
    print("all checks passed" if failures == 0 else f"{failures} checks failed")
    sys.exit(0 if failures == 0 else 1)


if __name__ == "__main__":
    main()
