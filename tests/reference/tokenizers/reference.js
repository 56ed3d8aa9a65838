// Independent reference for R1MLNet's tokenizer and chat-template parity tests.
// Usage: node reference.js <request.json>
// request: { "tokenizerDir": "...", "texts": ["..."], "conversations": [{ "messages": [{ "role", "content" }], "addGenerationPrompt": bool }] }
// Writes JSON to stdout: { "ids": [[..]], "decoded": [".."], "decodedSkipSpecial": [".."], "chats": [".." | null] }
'use strict';
const fs = require('fs');
const path = require('path');
const { TokenizerLoader } = require('@lenml/tokenizers');

const request = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const read = name => JSON.parse(fs.readFileSync(path.join(request.tokenizerDir, name), 'utf8'));
const tokenizer = TokenizerLoader.fromPreTrained({
  tokenizerJSON: read('tokenizer.json'),
  tokenizerConfig: read('tokenizer_config.json'),
});

const ids = (request.texts || []).map(t => Array.from(tokenizer.encode(t, { add_special_tokens: false })));
// The library rejects an empty id list; its decoding is the empty string.
const decode = (x, options) => (x.length === 0 ? '' : tokenizer.decode(x, options));
const result = {
  ids,
  decoded: ids.map(x => decode(x)),
  decodedSkipSpecial: ids.map(x => decode(x, { skip_special_tokens: true })),
  chats: (request.conversations || []).map(c => tokenizer.apply_chat_template(c.messages, {
    tokenize: false,
    add_generation_prompt: c.addGenerationPrompt,
  })),
};
process.stdout.write(JSON.stringify(result));
