#!/usr/bin/env python3
"""Renders R1MLNet's chat-template fixtures with real Jinja2, the engine transformers' apply_chat_template uses.

Run from the repository root (not run in CI; the output is committed):
    python3 tests/reference/chat-templates/generate.py

It sets Jinja2 up as transformers does for chat templates: ImmutableSandboxedEnvironment with trim_blocks, lstrip_blocks
and the loopcontrols extension, transformers' own `tojson` filter (json.dumps with ensure_ascii=False) and the
`raise_exception` global. The render context is what R1MLNet's JinjaChatTemplate passes: messages (role, content),
add_generation_prompt, tools=None, and bos_token / eos_token when the tokenizer_config.json names them.

Writes tests/R1.Rollout.Tests/ChatTemplates/Jinja/jinja2_fixture.json:
  chats:       [{ folder, conversation, addGenerationPrompt, expected }] for every template folder and conversation;
  qwen3WithoutThinking: [{ conversation, expected }] Qwen3's template with enable_thinking=False and the generation prompt;
  expressions: [{ name, template, context, expected | error }] small templates exercising one engine feature each.
"""
import json
import os
import sys

import jinja2
from jinja2.ext import loopcontrols
from jinja2.sandbox import ImmutableSandboxedEnvironment

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
OUT = os.path.join(ROOT, "tests", "R1.Rollout.Tests", "ChatTemplates", "Jinja", "jinja2_fixture.json")

FOLDERS = [
    "testdata/tokenizers/qwen3",
    "testdata/tokenizers/deepseek-v3",
    "testdata/chat-templates/qwen2.5-instruct",
    "testdata/chat-templates/deepseek-r1-distill",
    "testdata/chat-templates/llama-3.1-instruct",
    "testdata/chat-templates/llama3-lenml",
]


def conversations():
    return json.load(open(os.path.join(os.path.dirname(__file__), "conversations.json"), encoding="utf-8"))


def environment():
    def raise_exception(message):
        raise jinja2.exceptions.TemplateError(message)

    def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
        return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)

    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[loopcontrols])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    return env


def token(config, name):
    value = config.get(name)
    return value.get("content") if isinstance(value, dict) else value


def chats(env):
    result = []
    for folder in FOLDERS:
        config = json.load(open(os.path.join(ROOT, folder, "tokenizer_config.json"), encoding="utf-8"))
        template = env.from_string(config["chat_template"])
        for index, conversation in enumerate(conversations()):
            for add in (False, True):
                context = {"messages": conversation, "add_generation_prompt": add, "tools": None}
                for name in ("bos_token", "eos_token"):
                    if token(config, name) is not None:
                        context[name] = token(config, name)
                result.append({"folder": folder, "conversation": index, "addGenerationPrompt": add,
                               "expected": template.render(**context)})
    return result


def qwen3_without_thinking(env):
    """Qwen3 with enable_thinking=False (passed by JinjaChatTemplate.Variables), on every conversation."""
    config = json.load(open(os.path.join(ROOT, "testdata/tokenizers/qwen3", "tokenizer_config.json"), encoding="utf-8"))
    template = env.from_string(config["chat_template"])
    return [{"conversation": index, "expected": template.render(messages=conversation, add_generation_prompt=True, tools=None,
                                                                 eos_token=config["eos_token"], enable_thinking=False)}
            for index, conversation in enumerate(conversations())]


def expressions(env):
    cases = json.load(open(os.path.join(os.path.dirname(__file__), "expressions.json"), encoding="utf-8"))
    result = []
    for case in cases:
        entry = dict(case)
        try:
            entry["expected"] = env.from_string(case["template"]).render(**case.get("context", {}))
        except Exception as e:  # the C# engine must fail too
            entry["error"] = type(e).__name__ + ": " + str(e)
        result.append(entry)
    return result


def main():
    env = environment()
    fixture = {"jinja2": jinja2.__version__, "conversations": conversations(), "chats": chats(env),
               "qwen3WithoutThinking": qwen3_without_thinking(env), "expressions": expressions(env)}
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(fixture, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"wrote {OUT}: {len(fixture['chats'])} chats, {len(fixture['expressions'])} expressions", file=sys.stderr)


if __name__ == "__main__":
    main()
