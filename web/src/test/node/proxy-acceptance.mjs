// Drives the policy proxy with the openai npm package, unmodified: only the base URL and
// the key change. Run by OpenAiNodeClientIntegrationTests with PROXY_BASE_URL, PROXY_KEY
// and PROXY_MODEL set; prints one line per check and exits non-zero on the first failure.
import assert from 'node:assert/strict';
import OpenAI from 'openai';

const client = new OpenAI({ baseURL: process.env.PROXY_BASE_URL, apiKey: process.env.PROXY_KEY, maxRetries: 0 });
const model = process.env.PROXY_MODEL;

async function check(name, body) {
  await body();
  console.log(`ok ${name}`);
}

await check('chat', async () => {
  const completion = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Hello from node' }] });
  assert.equal(completion.choices[0].message.content, 'You said: Hello from node');
  assert.equal(completion.model, model);
});

await check('chat with response headers', async () => {
  const { response } = await client.chat.completions
    .create({ model, messages: [{ role: 'user', content: 'headers' }] })
    .withResponse();
  assert.match(response.headers.get('x-aigov-model-version'), /^https:\/\/aigov\.dev\/id\/model-version\//);
});

await check('stream', async () => {
  const stream = await client.chat.completions.create({
    model, stream: true, messages: [{ role: 'user', content: 'Stream this answer please' }],
  });
  let text = '';
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta?.content ?? '';
  }
  assert.equal(text, 'You said: Stream this answer please');
});

await check('stream redacts a split secret', async () => {
  const stream = await client.chat.completions.create({ model, stream: true, messages: [{ role: 'user', content: 'leak' }] });
  let text = '';
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta?.content ?? '';
  }
  assert.equal(text, 'Here it is: [AWS_ACCESS_KEY_1] and that is all.');
});

await check('stream with tool calls', async () => {
  const runner = client.chat.completions.stream({
    model,
    messages: [{ role: 'user', content: 'Where is my order?' }],
    tools: [{ type: 'function', function: { name: 'lookup_order', parameters: { type: 'object', properties: {} } } }],
  });
  const completion = await runner.finalChatCompletion();
  const call = completion.choices[0].message.tool_calls[0];
  assert.equal(call.function.name, 'lookup_order');
  assert.equal(call.function.arguments, '{"order":"A-1001"}');
});

await check('custom tools', async () => {
  const tools = [{ type: 'custom', custom: { name: 'shell' } }];
  const messages = [{ role: 'user', content: 'leak' }];
  const completion = await client.chat.completions.create({ model, messages, tools });
  const expected = "notify --text 'Here it is: [AWS_ACCESS_KEY_1] and that is all.'";
  assert.equal(completion.choices[0].message.tool_calls[0].custom.input, expected);
  const stream = await client.chat.completions.create({ model, messages, tools, stream: true });
  let input = '';
  for await (const chunk of stream) {
    input += chunk.choices[0]?.delta?.tool_calls?.[0]?.custom?.input ?? '';
  }
  assert.equal(input, expected);
});

await check('embeddings', async () => {
  const embeddings = await client.embeddings.create({ model, input: ['one', 'two'] });
  assert.equal(embeddings.data.length, 2);
  assert.deepEqual(Array.from(embeddings.data[0].embedding), [0.25, -0.5, 0.75]);
});

await check('models', async () => {
  const ids = [];
  for await (const m of client.models.list()) {
    ids.push(m.id);
  }
  assert.deepEqual(ids, [model]);
});

await check('unknown model', async () => {
  await assert.rejects(
    client.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] }),
    (err) => err instanceof OpenAI.NotFoundError && err.code === 'model_not_found');
});

await check('blocked prompt', async () => {
  await assert.rejects(
    client.chat.completions.create({ model, messages: [{ role: 'user', content: 'key AKIAIOSFODNN7EXAMPLE' }] }),
    (err) => err instanceof OpenAI.PermissionDeniedError && err.type === 'policy_violation');
});

await check('bad key', async () => {
  const stranger = new OpenAI({ baseURL: process.env.PROXY_BASE_URL, apiKey: 'aigov-wrong', maxRetries: 0 });
  await assert.rejects(stranger.models.list(), (err) => err instanceof OpenAI.AuthenticationError);
});
