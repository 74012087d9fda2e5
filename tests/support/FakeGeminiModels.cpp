// The default model catalogue of the fake Gemini upstream, shaped like the real one.

#include "FakeGeminiResponses.h"

using namespace Qt::StringLiterals;

namespace gb::test {

Json FakeModel::toJson() const
{
    Json methods = Json::array();
    for (const QString &m : supportedGenerationMethods)
        methods.append(m);
    Json j = Json::object({
        {"name", u"models/"_s + name},
        {"version", version},
        {"displayName", displayName},
        {"description", description},
        {"inputTokenLimit", inputTokenLimit},
        {"outputTokenLimit", outputTokenLimit},
        {"supportedGenerationMethods", methods},
    });
    if (temperature)
        j.add("temperature", *temperature);
    if (topP)
        j.add("topP", *topP);
    if (topK)
        j.add("topK", *topK);
    if (maxTemperature)
        j.add("maxTemperature", *maxTemperature);
    if (thinking)
        j.add("thinking", true);
    return j;
}

bool FakeModel::supports(const QString &method) const
{
    if (supportedGenerationMethods.contains(method))
        return true;
    if (method == "streamGenerateContent"_L1)
        return supportedGenerationMethods.contains(u"generateContent"_s);
    if (method == "batchEmbedContents"_L1)
        return supportedGenerationMethods.contains(u"embedContent"_s);
    return false;
}

static FakeModel textModel(const QString &name, const QString &version, const QString &display,
                           const QString &description, int in, int out, int topK, bool thinking,
                           QStringList methods = {})
{
    FakeModel m;
    m.name = name;
    m.version = version;
    m.displayName = display;
    m.description = description;
    m.inputTokenLimit = in;
    m.outputTokenLimit = out;
    m.supportedGenerationMethods = methods.isEmpty()
        ? QStringList{u"generateContent"_s, u"countTokens"_s, u"createCachedContent"_s,
                      u"batchGenerateContent"_s}
        : methods;
    m.temperature = 1;
    m.topP = 0.95;
    m.topK = topK;
    m.maxTemperature = 2;
    m.thinking = thinking;
    return m;
}

static FakeModel embeddingModel(const QString &name, const QString &version, const QString &display,
                                int in, int dims, QStringList methods)
{
    FakeModel m;
    m.name = name;
    m.version = version;
    m.displayName = display;
    m.description = u"Obtain a distributed representation of a text."_s;
    m.inputTokenLimit = in;
    m.outputTokenLimit = 1;
    m.supportedGenerationMethods = methods;
    m.embeddingDimensions = dims;
    return m;
}

QList<FakeModel> defaultModelCatalogue()
{
    QList<FakeModel> list;
    list << embeddingModel(u"embedding-gecko-001"_s, u"001"_s, u"Embedding Gecko"_s, 1024, 768,
                           {u"embedText"_s, u"countTextTokens"_s});
    list << textModel(u"gemini-2.5-pro"_s, u"2.5"_s, u"Gemini 2.5 Pro"_s,
                      u"Stable release (June 17th, 2025) of Gemini 2.5 Pro"_s, 1048576, 65536, 64, true);
    list << textModel(u"gemini-2.5-flash"_s, u"001"_s, u"Gemini 2.5 Flash"_s,
                      u"Stable version of Gemini 2.5 Flash, our mid-size multimodal model that supports up to 1 million tokens, released in June of 2025."_s,
                      1048576, 65536, 64, true);
    list << textModel(u"gemini-2.5-flash-lite"_s, u"001"_s, u"Gemini 2.5 Flash-Lite"_s,
                      u"Stable version of Gemini 2.5 Flash-Lite, released in July of 2025"_s,
                      1048576, 65536, 64, true);
    list << textModel(u"gemini-2.0-flash"_s, u"2.0"_s, u"Gemini 2.0 Flash"_s, u"Gemini 2.0 Flash"_s,
                      1048576, 8192, 40, false);
    list << textModel(u"gemini-2.0-flash-exp"_s, u"2.0"_s, u"Gemini 2.0 Flash Experimental"_s,
                      u"Gemini 2.0 Flash Experimental"_s, 1048576, 8192, 40, false,
                      {u"generateContent"_s, u"countTokens"_s, u"bidiGenerateContent"_s});
    list << textModel(u"gemini-2.5-flash-image-preview"_s, u"2.0"_s, u"Nano Banana"_s,
                      u"Gemini 2.5 Flash Preview Image"_s, 32768, 32768, 64, false,
                      {u"generateContent"_s, u"countTokens"_s, u"batchGenerateContent"_s});
    list << textModel(u"gemini-3-pro-preview"_s, u"3-pro-preview-11-2025"_s, u"Gemini 3 Pro Preview"_s,
                      u"Gemini 3 Pro Preview"_s, 1048576, 65536, 64, true);
    list << textModel(u"gemma-3-27b-it"_s, u"001"_s, u"Gemma 3 27B"_s, QString(), 131072, 8192, 64,
                      false, {u"generateContent"_s, u"countTokens"_s});
    list << embeddingModel(u"gemini-embedding-001"_s, u"001"_s, u"Gemini Embedding 001"_s, 2048, 3072,
                           {u"embedContent"_s, u"countTextTokens"_s, u"countTokens"_s,
                            u"asyncBatchEmbedContent"_s});
    list << embeddingModel(u"text-embedding-004"_s, u"004"_s, u"Text Embedding 004"_s, 2048, 768,
                           {u"embedContent"_s, u"batchEmbedContents"_s});

    FakeModel vision = textModel(u"gemini-pro-vision"_s, u"001"_s, u"Gemini 1.0 Pro Vision"_s,
                                 u"The original Gemini 1.0 Pro Vision model version which was optimized for image understanding. Gemini 1.0 Pro Vision was deprecated on July 12, 2024."_s,
                                 12288, 4096, 32, false, {u"generateContent"_s, u"countTokens"_s});
    vision.temperature = 0.4;
    vision.topP = 1;
    vision.maxTemperature.reset();
    list << vision;

    FakeModel bison = textModel(u"chat-bison-001"_s, u"001"_s, u"PaLM 2 Chat (Legacy)"_s,
                                u"A legacy text-only model optimized for chat conversations"_s, 4096,
                                1024, 40, false, {u"generateMessage"_s, u"countMessageTokens"_s});
    bison.temperature = 0.25;
    bison.maxTemperature.reset();
    list << bison;
    return list;
}

} // namespace gb::test
