// Drives the official openai SDK against a GemBalance proxy and prints one JSON object on
// stdout: what the SDK returned or threw, and every HTTP exchange it made (request and the
// response body as it arrived).
//
//   GB_BASE_URL=http://127.0.0.1:PORT/v1 GB_TOKEN=client-token node openai-check.mjs SCENARIO
//
// GB_BASE_URL is the SDK's baseURL: the proxy plus /v1, /hf/v1 or /openai/v1. Optional:
// GB_MODEL (default gemini-2.5-flash), GB_EXTRA (a JSON object merged into the request body
// of the "error" scenario).
//
// Scenarios: chat, stream, stream-helper, tools, tools-stream, json-schema, image, embed,
// models, error, stream-error.
// Run by tests/integration/tst_openaisdk.cpp, which sets up the proxy and its fake upstream
// and checks the result. Anything the SDK prints (warnings) goes to stderr.

import { readFileSync } from 'node:fs';

console.log = (...args) => console.error(...args);  // stdout carries the result only
const started = Date.now();
const out = { scenario: process.argv[2] ?? '', node: process.versions.node, requests: [], offHost: [] };
const pendingBodies = [];

async function finish(code) {
  // The response bodies are read from clones alongside the SDK: wait (bounded) for them.
  await Promise.race([Promise.allSettled(pendingBodies), new Promise((r) => setTimeout(r, 5000))]);
  process.stdout.write(JSON.stringify(out) + '\n', () => process.exit(code));
}

let sdk = null;

function describeError(e) {
  const classes = ['APIError', 'BadRequestError', 'AuthenticationError', 'PermissionDeniedError', 'NotFoundError',
                   'RateLimitError', 'InternalServerError', 'APIConnectionError', 'APIConnectionTimeoutError',
                   'OpenAIError'];
  return {
    name: e?.constructor?.name ?? typeof e,
    instanceOf: sdk ? classes.filter((c) => sdk[c] && e instanceof sdk[c]) : [],
    status: e?.status ?? null,
    message: String(e?.message ?? e),
    error: e?.error ?? null,   // the body's "error" object, as the SDK parsed it
    type: e?.type ?? null,
    code: e?.code ?? null,
  };
}

const nodeMajor = Number(process.versions.node.split('.')[0]);
if (nodeMajor < 20) {
  out.fatal = `node ${process.versions.node} is too old: openai 6.x needs node >= 20`;
  await finish(3);
} else {
  try {
    await main();
    await finish(0);
  } catch (e) {
    out.fatal = `${e?.stack ?? e}`;
    await finish(4);
  }
}

async function main() {
  const baseURL = process.env.GB_BASE_URL;
  const apiKey = process.env.GB_TOKEN;
  if (!baseURL || !apiKey)
    throw new Error('GB_BASE_URL and GB_TOKEN must be set');

  // Every request goes through this fetch: record it (and its response body, read from a
  // clone as it arrives), and refuse any that is not for the proxy.
  const realFetch = globalThis.fetch;
  const recordingFetch = async (input, init = {}) => {
    const url = typeof input === 'string' ? input : (input.url ?? String(input));
    const headers = {};
    new Headers(init.headers ?? {}).forEach((v, k) => { headers[k] = v; });
    const entry = { url, method: init.method ?? 'GET', headers, body: typeof init.body === 'string' ? init.body : null,
                    t: Date.now() - started };
    out.requests.push(entry);
    if (!url.startsWith(baseURL + '/')) {
      out.offHost.push(url);
      throw new Error(`refused a request that is not for the proxy: ${url}`);
    }
    const response = await realFetch(input, init);
    entry.status = response.status;
    entry.contentType = response.headers.get('content-type');
    entry.responseHeaders = Object.fromEntries(response.headers);
    pendingBodies.push(response.clone().text().then((text) => { entry.responseBody = text; },
                                                    (e) => { entry.responseBodyError = String(e?.message ?? e); }));
    return response;
  };
  globalThis.fetch = recordingFetch;

  try {
    sdk = await import('openai');
  } catch (e) {
    throw new Error(`cannot load openai (run "npm ci" in tests/sdk): ${e?.message ?? e}`);
  }
  out.sdkVersion = JSON.parse(readFileSync(new URL('./node_modules/openai/package.json', import.meta.url),
                                            'utf8')).version;
  // maxRetries 0 unless GB_SDK_RETRIES says otherwise: the SDK retries 408/409/429/5xx on
  // its own (2 times by default); the test measures the proxy.
  const maxRetries = process.env.GB_SDK_RETRIES ? Number(process.env.GB_SDK_RETRIES) : 0;
  const client = new sdk.OpenAI({ baseURL, apiKey, maxRetries, timeout: 20000, fetch: recordingFetch });
  const model = process.env.GB_MODEL || 'gemini-2.5-flash';
  const prompt = 'Hello from the openai SDK';
  const system = 'Answer briefly.';
  const messages = [{ role: 'system', content: system }, { role: 'user', content: prompt }];
  const tools = [{
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Current weather in a city.',
      parameters: { type: 'object', properties: { city: { type: 'string', description: 'City name' } },
                    required: ['city'] },
    },
  }];
  // The tool's answer for a call, as a caller sends it back.
  const toolResults = (calls) => (calls ?? []).map((c) => ({ role: 'tool', tool_call_id: c.id,
                                                              content: JSON.stringify({ temperatureC: 21 }) }));

  // Chunks as the SDK's iterator yielded them, with their arrival time.
  const collect = async (stream) => {
    const chunks = [];
    const t0 = Date.now();
    for await (const chunk of stream)
      chunks.push({ t: Date.now() - t0, chunk });
    return chunks;
  };

  switch (out.scenario) {
  case 'chat':
    out.completion = await client.chat.completions.create({ model, messages });
    break;
  case 'stream': {
    const stream = await client.chat.completions.create({ model, messages, stream: true,
                                                          stream_options: { include_usage: true } });
    out.chunks = await collect(stream);
    break;
  }
  case 'stream-helper': {
    // The helper accumulates the chunks and validates the result (finish_reason, role...).
    const stream = client.chat.completions.stream({ model, messages, stream_options: { include_usage: true } });
    out.chunks = await collect(stream);
    out.final = await stream.finalChatCompletion();
    break;
  }
  case 'tools': {
    const first = await client.chat.completions.create({ model, messages, tools });
    out.first = first;
    // Turn 2: the assistant message back exactly as the SDK returned it, plus the results.
    const message = first.choices[0].message;
    out.second = await client.chat.completions.create({
      model, tools, messages: [...messages, message, ...toolResults(message.tool_calls)],
    });
    break;
  }
  case 'tools-stream': {
    const stream = client.chat.completions.stream({ model, messages, tools });
    out.chunks = await collect(stream);
    out.first = await stream.finalChatCompletion();
    const message = out.first.choices[0].message;
    const second = client.chat.completions.stream({
      model, tools, messages: [...messages, message, ...toolResults(message.tool_calls)],
    });
    out.secondChunks = await collect(second);
    out.second = await second.finalChatCompletion();
    break;
  }
  case 'json-schema': {
    // parse(): the SDK JSON.parses the content of a json_schema answer into message.parsed.
    out.completion = await client.chat.completions.parse({
      model, messages,
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'weather',
          strict: true,
          schema: { type: 'object', properties: { city: { type: 'string' }, temperatureC: { type: 'number' } },
                    required: ['city', 'temperatureC'], additionalProperties: false },
        },
      },
    });
    break;
  }
  case 'image': {
    // A 1x1 PNG by data URL.
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    out.completion = await client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What is in this image?' },
                                           { type: 'image_url', image_url: { url: `data:image/png;base64,${png}` } }] }],
    });
    break;
  }
  case 'embed': {
    const input = ['first text to embed', 'second text to embed'];
    // Without encoding_format the SDK asks for base64 and decodes the float32 vectors itself.
    out.byDefault = await client.embeddings.create({ model: process.env.GB_MODEL || 'text-embedding-004', input });
    out.asFloat = await client.embeddings.create({ model: process.env.GB_MODEL || 'text-embedding-004', input,
                                                   encoding_format: 'float' });
    break;
  }
  case 'models': {
    out.models = [];
    for await (const m of client.models.list())  // iterates every page
      out.models.push(m);
    if (process.env.GB_RETRIEVE)
      out.retrieved = await client.models.retrieve(process.env.GB_RETRIEVE);
    break;
  }
  case 'error': {
    const extra = process.env.GB_EXTRA ? JSON.parse(process.env.GB_EXTRA) : {};
    try {
      out.unexpected = await client.chat.completions.create({ model, messages, ...extra });
    } catch (e) {
      out.error = describeError(e);
    }
    break;
  }
  case 'stream-error': {
    // The upstream dies mid-stream: record every chunk the SDK yielded and how it ended.
    out.chunks = [];
    try {
      const stream = await client.chat.completions.create({ model, messages, stream: true });
      for await (const chunk of stream)
        out.chunks.push(chunk);
      out.completed = true;
    } catch (e) {
      out.completed = false;
      out.error = describeError(e);
    }
    break;
  }
  default:
    throw new Error(`unknown scenario "${out.scenario}"`);
  }
}
