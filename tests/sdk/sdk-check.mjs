// Drives the official @google/genai SDK against a GemBalance proxy and prints one JSON
// object on stdout: what the SDK returned or threw, and every HTTP request it made.
//
//   GB_BASE_URL=http://127.0.0.1:PORT GB_TOKEN=client-token node sdk-check.mjs SCENARIO
//
// Scenarios: generate, stream, count, embed, list, get, error, stream-error.
// Run by tests/integration/tst_sdk.cpp, which sets up the proxy and its fake upstream and
// checks the result. Anything the SDK prints (warnings) goes to stderr.

import { readFileSync } from 'node:fs';

console.log = (...args) => console.error(...args);  // stdout carries the result only
const started = Date.now();
const out = { scenario: process.argv[2] ?? '', node: process.versions.node, requests: [], offHost: [] };

function finish(code) {
  process.stdout.write(JSON.stringify(out) + '\n', () => process.exit(code));
}

function describeError(e) {
  return {
    name: e?.name ?? typeof e,
    isApiError: e instanceof ApiErrorClass,
    status: e?.status ?? null,
    message: String(e?.message ?? e),
    cause: e?.cause ? String(e.cause?.message ?? e.cause) : null,
  };
}

let ApiErrorClass = class {};

const nodeMajor = Number(process.versions.node.split('.')[0]);
if (nodeMajor < 20) {
  out.fatal = `node ${process.versions.node} is too old: @google/genai 2.32.0 needs node >= 20`;
  finish(3);
} else {
  main().then(() => finish(0), (e) => {
    out.fatal = `${e?.stack ?? e}`;
    finish(4);
  });
}

async function main() {
  const baseUrl = process.env.GB_BASE_URL;
  const apiKey = process.env.GB_TOKEN;
  if (!baseUrl || !apiKey)
    throw new Error('GB_BASE_URL and GB_TOKEN must be set');

  // Every request the SDK makes goes through globalThis.fetch: record it, and refuse any
  // that is not for the proxy (the SDK must never reach Google from a test).
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input, init = {}) => {
    const url = typeof input === 'string' ? input : (input.url ?? String(input));
    const headers = {};
    new Headers(init.headers ?? {}).forEach((v, k) => { headers[k] = v; });
    const entry = { url, method: init.method ?? 'GET', headers, body: typeof init.body === 'string' ? init.body : null,
                    t: Date.now() - started };
    out.requests.push(entry);
    if (!url.startsWith(baseUrl + '/')) {
      out.offHost.push(url);
      throw new Error(`refused a request that is not for the proxy: ${url}`);
    }
    const response = await realFetch(input, init);
    entry.status = response.status;
    entry.contentType = response.headers.get('content-type');
    return response;
  };

  let genai;
  try {
    genai = await import('@google/genai');
  } catch (e) {
    throw new Error(`cannot load @google/genai (run "npm ci" in tests/sdk): ${e?.message ?? e}`);
  }
  ApiErrorClass = genai.ApiError;
  out.sdkVersion = JSON.parse(readFileSync(new URL('./node_modules/@google/genai/package.json', import.meta.url),
                                            'utf8')).version;
  const { GoogleGenAI, Type, HarmCategory, HarmBlockThreshold, FunctionCallingConfigMode } = genai;
  const ai = new GoogleGenAI({ apiKey, httpOptions: { baseUrl, timeout: 20000 } });
  const model = process.env.GB_MODEL || 'gemini-2.5-flash';
  const prompt = process.env.GB_PROMPT || 'Hello from the SDK';

  const tools = [{
    functionDeclarations: [{
      name: 'get_weather',
      description: 'Current weather in a city.',
      parameters: {
        type: Type.OBJECT,
        properties: { city: { type: Type.STRING, description: 'City name' } },
        required: ['city'],
      },
    }],
  }];
  const richConfig = {
    systemInstruction: 'Answer briefly.',
    temperature: 0.25,
    topP: 0.9,
    topK: 32,
    maxOutputTokens: 512,
    seed: 7,
    stopSequences: ['STOP-HERE'],
    thinkingConfig: { includeThoughts: true, thinkingBudget: 256 },
    safetySettings: [{ category: HarmCategory.HARM_CATEGORY_HARASSMENT,
                       threshold: HarmBlockThreshold.BLOCK_LOW_AND_ABOVE }],
    tools,
    toolConfig: { functionCallingConfig: { mode: FunctionCallingConfigMode.AUTO } },
  };

  const plain = (r) => ({
    text: r.text ?? null,
    functionCalls: r.functionCalls ?? [],
    parts: r.candidates?.[0]?.content?.parts ?? [],
    finishReason: r.candidates?.[0]?.finishReason ?? null,
    usageMetadata: r.usageMetadata ?? null,
    modelVersion: r.modelVersion ?? null,
    responseId: r.responseId ?? null,
  });

  switch (out.scenario) {
  case 'generate': {
    // Turn 1: the fake answers with a thought, text and a functionCall carrying a thoughtSignature.
    const first = await ai.models.generateContent({ model, contents: prompt, config: richConfig });
    out.first = plain(first);
    // Turn 2: send the model's turn back as the SDK user would (signature included) with the
    // function's result.
    const call = first.functionCalls?.[0];
    const second = await ai.models.generateContent({
      model,
      contents: [
        { role: 'user', parts: [{ text: prompt }] },
        first.candidates[0].content,
        { role: 'user', parts: [{ functionResponse: { name: call?.name ?? 'get_weather',
                                                      response: { temperatureC: 21 } } }] },
      ],
      config: richConfig,
    });
    out.second = plain(second);
    break;
  }
  case 'stream': {
    const t0 = Date.now();
    const stream = await ai.models.generateContentStream({ model, contents: prompt,
                                                           config: { thinkingConfig: { includeThoughts: true } } });
    out.chunks = [];
    for await (const chunk of stream) {
      out.chunks.push({ t: Date.now() - t0, text: chunk.text ?? null,
                        parts: chunk.candidates?.[0]?.content?.parts ?? [],
                        finishReason: chunk.candidates?.[0]?.finishReason ?? null,
                        usageMetadata: chunk.usageMetadata ?? null });
    }
    out.text = out.chunks.map((c) => c.text ?? '').join('');
    break;
  }
  case 'stream-error': {
    // The upstream dies mid-stream: record every chunk the SDK yielded and how it ended.
    out.chunks = [];
    try {
      const stream = await ai.models.generateContentStream({ model, contents: prompt });
      for await (const chunk of stream)
        out.chunks.push({ text: chunk.text ?? null, finishReason: chunk.candidates?.[0]?.finishReason ?? null });
      out.completed = true;
    } catch (e) {
      out.completed = false;
      out.error = describeError(e);
    }
    out.text = out.chunks.map((c) => c.text ?? '').join('');
    break;
  }
  case 'count': {
    const r = await ai.models.countTokens({ model, contents: prompt });
    out.totalTokens = r.totalTokens ?? null;
    break;
  }
  case 'embed': {
    const r = await ai.models.embedContent({ model: process.env.GB_MODEL || 'text-embedding-004',
                                             contents: ['first text to embed', 'second text to embed'] });
    out.embeddings = (r.embeddings ?? []).map((e) => ({ length: e.values?.length ?? 0, head: e.values?.slice(0, 3) }));
    break;
  }
  case 'list': {
    const pager = await ai.models.list({ config: { pageSize: 4 } });
    out.models = [];
    for await (const m of pager)
      out.models.push({ name: m.name, displayName: m.displayName ?? null, supportedActions: m.supportedActions ?? null });
    break;
  }
  case 'get': {
    out.models = [];
    for (const name of [model, `${model}-search`]) {
      const m = await ai.models.get({ model: name });
      out.models.push({ name: m.name, displayName: m.displayName ?? null, inputTokenLimit: m.inputTokenLimit ?? null,
                        supportedActions: m.supportedActions ?? null });
    }
    break;
  }
  case 'error': {
    try {
      const r = await ai.models.generateContent({ model, contents: prompt });
      out.unexpected = plain(r);
    } catch (e) {
      out.error = describeError(e);
    }
    break;
  }
  default:
    throw new Error(`unknown scenario "${out.scenario}"`);
  }
}
