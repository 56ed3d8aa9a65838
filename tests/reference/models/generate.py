#!/usr/bin/env python3
"""Independent reference for R1MLNet's Qwen3 and Llama-3 logit tests (numpy only; not run in CI).

Written from the Hugging Face `transformers` semantics of Qwen3ForCausalLM and LlamaForCausalLM, not from R1MLNet's code.
It builds tiny random models, writes each into testdata/fixtures/<name>/ as config.json + model.safetensors (float32,
HF weight names) and expected.json (plain batch logits, left-padded batch logits, 10 greedy tokens), in the layout of
testdata/fixtures/qwen2-tiny. All arithmetic is float64; the weights are float32.

Usage: python3 tests/reference/models/generate.py [output_root]   (default: testdata/fixtures)
"""
import json
import math
import os
import struct
import sys

import numpy as np

VOCAB = 320
PLAIN = [[281, 61, 32, 237, 84, 193, 255, 25, 120, 294, 318, 256], [58, 130, 169, 207, 254, 139, 238, 207, 280, 151, 150, 299]]
PAD_ROW1 = 5          # row 1 of the left-padded batch starts with this many pad tokens (id 0, mask 0)
PROMPT = [281, 61, 32, 237, 84, 193]
NEW_TOKENS = 10


def qwen3_config():
    # head_dim (32) is decoupled from hidden_size / num_attention_heads (16), as in every Qwen3 checkpoint. Untied like
    # Qwen3-8B (a tied random model only repeats its last token; qwen2-tiny/tied covers tying).
    return {
        "architectures": ["Qwen3ForCausalLM"], "model_type": "qwen3", "hidden_act": "silu", "vocab_size": VOCAB,
        "hidden_size": 64, "intermediate_size": 160, "num_hidden_layers": 2, "num_attention_heads": 4,
        "num_key_value_heads": 2, "head_dim": 32, "rms_norm_eps": 1e-06, "rope_theta": 1000000.0,
        "max_position_embeddings": 256, "tie_word_embeddings": False, "attention_bias": False, "torch_dtype": "float32",
        "bos_token_id": 1, "eos_token_id": 2, "use_sliding_window": False, "sliding_window": None, "attention_dropout": 0.0,
        "initializer_range": 0.02,
    }


def llama3_config():
    # rope_scaling llama3 with original_max_position_embeddings 64: with head_dim 16 and theta 500000 the first
    # frequency is kept (wavelength < 16), the second is interpolated (16..64) and the rest are divided by the factor.
    return {
        "architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_act": "silu", "vocab_size": VOCAB,
        "hidden_size": 64, "intermediate_size": 176, "num_hidden_layers": 2, "num_attention_heads": 4,
        "num_key_value_heads": 1, "head_dim": 16, "rms_norm_eps": 1e-05, "rope_theta": 500000.0,
        "rope_scaling": {"factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                         "original_max_position_embeddings": 64, "rope_type": "llama3"},
        "max_position_embeddings": 256, "tie_word_embeddings": False, "attention_bias": False, "mlp_bias": False,
        "torch_dtype": "float32", "bos_token_id": 1, "eos_token_id": 2, "attention_dropout": 0.0, "initializer_range": 0.02,
    }


def random_weights(cfg, seed):
    """HF-named float32 tensors. Normal matrices, scaled so that attention is far from uniform (RoPE and the q/k norms
    then change the logits visibly); norm weights around 1 so that a wrong or missing norm shows."""
    rng = np.random.default_rng(seed)
    h, d, heads, kv = cfg["hidden_size"], cfg["head_dim"], cfg["num_attention_heads"], cfg["num_key_value_heads"]
    normal = lambda *shape, std=0.05: (rng.standard_normal(shape) * std).astype(np.float32)  # noqa: E731
    norm = lambda n: (1.0 + 0.2 * rng.standard_normal(n)).astype(np.float32)  # noqa: E731
    w = {"model.embed_tokens.weight": normal(cfg["vocab_size"], h, std=0.5), "model.norm.weight": norm(h)}
    for i in range(cfg["num_hidden_layers"]):
        p = f"model.layers.{i}."
        w[p + "self_attn.q_proj.weight"] = normal(heads * d, h, std=0.15)
        w[p + "self_attn.k_proj.weight"] = normal(kv * d, h, std=0.15)
        w[p + "self_attn.v_proj.weight"] = normal(kv * d, h)
        w[p + "self_attn.o_proj.weight"] = normal(h, heads * d)
        if cfg["model_type"] == "qwen3":
            w[p + "self_attn.q_norm.weight"] = norm(d)
            w[p + "self_attn.k_norm.weight"] = norm(d)
        w[p + "mlp.gate_proj.weight"] = normal(cfg["intermediate_size"], h)
        w[p + "mlp.up_proj.weight"] = normal(cfg["intermediate_size"], h)
        w[p + "mlp.down_proj.weight"] = normal(h, cfg["intermediate_size"])
        w[p + "input_layernorm.weight"] = norm(h)
        w[p + "post_attention_layernorm.weight"] = norm(h)
    if not cfg["tie_word_embeddings"]:
        w["lm_head.weight"] = normal(cfg["vocab_size"], h)
    return w


def rms_norm(x, weight, eps):
    return x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps) * weight


def inv_freq(cfg):
    d = cfg["head_dim"]
    f = 1.0 / (cfg["rope_theta"] ** (np.arange(0, d, 2, dtype=np.float64) / d))
    s = cfg.get("rope_scaling")
    if s and s.get("rope_type", s.get("type")) == "llama3":
        old = s["original_max_position_embeddings"]
        low_wavelen, high_wavelen = old / s["low_freq_factor"], old / s["high_freq_factor"]
        wavelen = 2 * math.pi / f
        scaled = np.where(wavelen > low_wavelen, f / s["factor"], f)
        smooth = (old / wavelen - s["low_freq_factor"]) / (s["high_freq_factor"] - s["low_freq_factor"])
        smoothed = (1 - smooth) * scaled / s["factor"] + smooth * scaled
        medium = (wavelen >= high_wavelen) & (wavelen <= low_wavelen)
        f = np.where(medium, smoothed, scaled)
    return f


def rope(x, positions, freqs):
    """x [heads, T, D]; HF rotate_half with cos/sin of cat(freqs, freqs)."""
    angles = positions[:, None] * freqs[None, :]
    emb = np.concatenate([angles, angles], axis=-1)
    half = x.shape[-1] // 2
    rotated = np.concatenate([-x[..., half:], x[..., :half]], axis=-1)
    return x * np.cos(emb) + rotated * np.sin(emb)


def forward(cfg, w, ids, mask, positions):
    """Logits [T, V] of one row. mask [T] (1 = real token); a key is visible when causal and real."""
    w = {k: v.astype(np.float64) for k, v in w.items()}
    h, d, heads, kv, eps = cfg["hidden_size"], cfg["head_dim"], cfg["num_attention_heads"], cfg["num_key_value_heads"], cfg["rms_norm_eps"]
    t = len(ids)
    freqs = inv_freq(cfg)
    visible = np.tril(np.ones((t, t), dtype=bool)) & (np.asarray(mask)[None, :] == 1)
    additive = np.where(visible, 0.0, -1e9)
    x = w["model.embed_tokens.weight"][np.asarray(ids)]
    for i in range(cfg["num_hidden_layers"]):
        p = f"model.layers.{i}."
        a = rms_norm(x, w[p + "input_layernorm.weight"], eps)
        q = (a @ w[p + "self_attn.q_proj.weight"].T).reshape(t, heads, d)
        k = (a @ w[p + "self_attn.k_proj.weight"].T).reshape(t, kv, d)
        v = (a @ w[p + "self_attn.v_proj.weight"].T).reshape(t, kv, d)
        if cfg["model_type"] == "qwen3":        # per-head RMSNorm before RoPE
            q = rms_norm(q, w[p + "self_attn.q_norm.weight"], eps)
            k = rms_norm(k, w[p + "self_attn.k_norm.weight"], eps)
        q = rope(q.transpose(1, 0, 2), positions, freqs)          # [H, T, D]
        k = rope(k.transpose(1, 0, 2), positions, freqs)          # [KV, T, D]
        v = v.transpose(1, 0, 2)
        k = np.repeat(k, heads // kv, axis=0)                     # repeat_interleave
        v = np.repeat(v, heads // kv, axis=0)
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(d) + additive[None]
        scores -= scores.max(axis=-1, keepdims=True)
        probs = np.exp(scores)
        probs /= probs.sum(axis=-1, keepdims=True)
        y = (probs @ v).transpose(1, 0, 2).reshape(t, heads * d)
        x = x + y @ w[p + "self_attn.o_proj.weight"].T
        m = rms_norm(x, w[p + "post_attention_layernorm.weight"], eps)
        gate = m @ w[p + "mlp.gate_proj.weight"].T
        up = m @ w[p + "mlp.up_proj.weight"].T
        x = x + (gate / (1 + np.exp(-gate)) * up) @ w[p + "mlp.down_proj.weight"].T
    x = rms_norm(x, w["model.norm.weight"], eps)
    head = w["model.embed_tokens.weight"] if cfg["tie_word_embeddings"] else w["lm_head.weight"]
    return x @ head.T


def batch_logits(cfg, w, ids, mask):
    rows = []
    for r in range(len(ids)):
        positions = np.maximum(np.cumsum(mask[r]) - 1, 0).astype(np.float64)
        rows.append(forward(cfg, w, ids[r], mask[r], positions))
    return np.stack(rows)


def greedy(cfg, w, prompt):
    """Greedy tokens; fails when the top two logits are too close for a float32 implementation to agree."""
    ids = list(prompt)
    for _ in range(NEW_TOKENS):
        last = forward(cfg, w, ids, [1] * len(ids), np.arange(len(ids), dtype=np.float64))[-1]
        top = np.sort(last)[-2:]
        if top[1] - top[0] < 1e-4:
            raise ValueError("near tie in greedy decoding; pick another seed")
        ids.append(int(np.argmax(last)))
    return ids[len(prompt):]


def write_safetensors(path, tensors):
    header, offset, blobs = {}, 0, []
    for name in sorted(tensors):
        data = np.ascontiguousarray(tensors[name], dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def write_fixture(root, name, cfg, seed):
    w = random_weights(cfg, seed)
    folder = os.path.join(root, name)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
    write_safetensors(os.path.join(folder, "model.safetensors"), w)
    plain_mask = [[1] * 12, [1] * 12]
    padded_ids = [PLAIN[0], [0] * PAD_ROW1 + PLAIN[1][PAD_ROW1:]]
    padded_mask = [[1] * 12, [0] * PAD_ROW1 + [1] * (12 - PAD_ROW1)]
    as_list = lambda a: [float(np.float32(v)) for v in a.reshape(-1)]  # noqa: E731
    expected = {
        "note": "float64 numpy reference (tests/reference/models/generate.py); float32 logits; see ../README.md",
        "plain": {"input_ids": PLAIN, "attention_mask": plain_mask, "logits_shape": [2, 12, VOCAB],
                  "logits": as_list(batch_logits(cfg, w, PLAIN, plain_mask))},
        "left_padded": {"input_ids": padded_ids, "attention_mask": padded_mask,
                        "position_ids_rule": "cumsum(mask)-1, clamped at 0",
                        "compare": "logits at positions where attention_mask==1 only", "logits_shape": [2, 12, VOCAB],
                        "logits": as_list(batch_logits(cfg, w, padded_ids, padded_mask))},
        "greedy": {"prompt_ids": PROMPT, "max_new_tokens": NEW_TOKENS, "generated_ids": greedy(cfg, w, PROMPT)},
    }
    with open(os.path.join(folder, "expected.json"), "w") as f:
        json.dump(expected, f)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join("testdata", "fixtures")
    write_fixture(root, "qwen3-tiny", qwen3_config(), seed=3)
    write_fixture(root, "llama3-tiny", llama3_config(), seed=8)


if __name__ == "__main__":
    main()
