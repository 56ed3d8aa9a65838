// Independent references for R1MLNet's chat-template parity tests, rendering a template given as text:
// "lenml": @lenml/tokenizers' apply_chat_template (a fork of transformers.js's), and "hfjinja": @huggingface/jinja's
// Template (the engine of huggingface.js), given the same context (messages, add_generation_prompt, tools, bos/eos tokens).
// Usage: node chat-template.js <request.json>
// request: { "tokenizerDir": "...", "templates": [{ "template", "bos_token"?, "eos_token"? }],
//            "conversations": [{ "messages": [{ "role", "content" }], "addGenerationPrompt": bool }] }
// Writes JSON to stdout: { "<engine>": { "renders": [[ "text" | null per conversation ] per template],
//                                        "errors": [ "message" | null per template ] } } for engine lenml and hfjinja
'use strict';
const fs = require('fs');
const path = require('path');
const { TokenizerLoader } = require('@lenml/tokenizers');
const { Template } = require('@huggingface/jinja');

const request = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const read = name => JSON.parse(fs.readFileSync(path.join(request.tokenizerDir, name), 'utf8'));
const tokenizer = TokenizerLoader.fromPreTrained({ tokenizerJSON: read('tokenizer.json'), tokenizerConfig: read('tokenizer_config.json') });

function run(render) {
  const renders = [];
  const errors = [];
  for (const t of request.templates) {
    const tokens = {};
    for (const name of ['bos_token', 'eos_token']) if (t[name] != null) tokens[name] = t[name];
    try {
      renders.push(request.conversations.map(c => render(t.template, c, tokens)));
      errors.push(null);
    } catch (e) {
      renders.push(request.conversations.map(() => null));
      errors.push(String(e && e.message ? e.message : e));
    }
  }
  return { renders, errors };
}

const lenml = run((template, c, tokens) => tokenizer.apply_chat_template(c.messages, {
  tokenize: false, add_generation_prompt: c.addGenerationPrompt, chat_template: template, ...tokens,
}));
const hfjinja = run((template, c, tokens) => new Template(template).render({
  messages: c.messages, add_generation_prompt: c.addGenerationPrompt, tools: null, ...tokens,
}));
process.stdout.write(JSON.stringify({ lenml, hfjinja }));
