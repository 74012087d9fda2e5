#include "translate/JsonSchemaCleaner.h"

#include "common/WholeNumber.h"

#include <QJsonArray>
#include <QLocale>
#include <QSet>
#include <QStringList>
#include <QUrl>

using namespace Qt::StringLiterals;

// Gemini's functionDeclarations.parameters is an OpenAPI 3.0 Schema subset
// (https://ai.google.dev/api/caching#Schema). Everything else is rejected with
// "Invalid JSON payload received. Unknown name ...", and several combinations are rejected
// by its validator: an array without `items` ("items: missing field"), `items` or
// `properties` on a node of another type ("field predicate failed: $type == Type.ARRAY"),
// formats other than enum/date-time on strings, non-string enums, a list as `type`.

namespace gb {

namespace {

constexpr int kMaxDepth = 48;        // nesting of the output schema
constexpr int kMaxRefDepth = 16;     // $refs being expanded at once
constexpr int kMaxNodes = 20000;     // every node cleaned: a cap against exponential $ref fan-out

const QSet<QString> &knownTypes()
{
    static const QSet<QString> types = {u"string"_s, u"number"_s, u"integer"_s, u"boolean"_s, u"array"_s, u"object"_s};
    return types;
}

// Keys that describe a node without constraining it; they stay on a node whose anyOf
// carries the real schema.
bool isAnnotation(const QString &key)
{
    return key == "description"_L1 || key == "title"_L1 || key == "default"_L1 || key == "example"_L1
        || key == "examples"_L1 || key == "nullable"_L1;
}

QString stringifyScalar(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::String:
        return v.toString();
    case QJsonValue::Bool:
        return v.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (const std::optional<qint64> n = wholeNumber(d); n && qAbs(d) < 1e15)
            return QString::number(*n);
        return QString::number(d, 'g', QLocale::FloatingPointShortest);
    }
    default:
        return {};
    }
}

void appendUnique(QJsonArray &to, const QJsonArray &from)
{
    for (const QJsonValue &v : from)
        if (!to.contains(v))
            to.append(v);
}

// a ∧ b as one schema (allOf, and a parent's constraints pushed into anyOf branches):
// properties and required are unions, a property both constrain is merged later through
// an allOf, and for any other key `a` wins.
QJsonObject mergeSchemas(QJsonObject a, const QJsonObject &b)
{
    for (auto it = b.begin(); it != b.end(); ++it) {
        const QString &key = it.key();
        if (key == "properties"_L1 && a.value(key).isObject() && it->isObject()) {
            QJsonObject props = a.value(key).toObject();
            const QJsonObject other = it->toObject();
            for (auto p = other.begin(); p != other.end(); ++p) {
                if (!props.contains(p.key()))
                    props.insert(p.key(), *p);
                else if (props.value(p.key()) != *p)
                    props.insert(p.key(), QJsonObject{{u"allOf"_s, QJsonArray{props.value(p.key()), *p}}});
            }
            a.insert(key, props);
        } else if (key == "required"_L1 && a.value(key).isArray() && it->isArray()) {
            QJsonArray required = a.value(key).toArray();
            appendUnique(required, it->toArray());
            a.insert(key, required);
        } else if (!a.contains(key)) {
            a.insert(key, *it);
        }
    }
    return a;
}

class Cleaner
{
public:
    explicit Cleaner(const QJsonObject &root) : m_root(root) {}

    QJsonObject clean(const QJsonValue &value, int depth);

private:
    std::optional<QJsonValue> resolve(const QString &ref) const;
    // Expands $ref and allOf at the top of `node`; refs it follows are pushed on m_refStack
    // (and counted in *pushed) so that nested uses of them are cut. False: a cycle or an
    // unresolvable ref at the top, `node` keeps only its own annotations.
    bool expandTop(QJsonObject &node, int *pushed, int depth);
    QJsonObject cleanAnyOf(const QJsonObject &node, const QJsonArray &branches, int depth);
    QJsonObject cleanTyped(QJsonObject node, int depth);
    static QJsonObject permissive(const QJsonObject &annotationsFrom);

    const QJsonObject m_root;
    QStringList m_refStack;
    int m_nodes = 0;
};

std::optional<QJsonValue> Cleaner::resolve(const QString &ref) const
{
    if (!ref.startsWith(u'#'))
        return std::nullopt;  // remote or $id-relative references are not followed
    QJsonValue current = m_root;
    const QString pointer = QUrl::fromPercentEncoding(ref.mid(1).toUtf8());
    if (pointer.isEmpty())
        return current;
    if (!pointer.startsWith(u'/'))
        return std::nullopt;
    const QStringList tokens = pointer.mid(1).split(u'/');
    for (QString token : tokens) {
        token.replace(u"~1"_s, u"/"_s).replace(u"~0"_s, u"~"_s);
        if (current.isObject()) {
            const QJsonObject o = current.toObject();
            if (!o.contains(token))
                return std::nullopt;
            current = o.value(token);
        } else if (current.isArray()) {
            bool ok = false;
            const int index = token.toInt(&ok);
            const QJsonArray a = current.toArray();
            if (!ok || index < 0 || index >= a.size())
                return std::nullopt;
            current = a.at(index);
        } else {
            return std::nullopt;
        }
    }
    return current;
}

QJsonObject Cleaner::permissive(const QJsonObject &annotationsFrom)
{
    QJsonObject out{{u"type"_s, u"object"_s}};
    for (const auto key : {"description"_L1, "title"_L1})
        if (annotationsFrom.value(key).isString())
            out.insert(key, annotationsFrom.value(key));
    return out;
}

bool Cleaner::expandTop(QJsonObject &node, int *pushed, int depth)
{
    for (int guard = 0; guard < kMaxRefDepth * 4; ++guard) {
        if (node.contains(u"$ref"_s)) {
            const QString ref = node.take(u"$ref"_s).toString();
            const std::optional<QJsonValue> target = resolve(ref);
            if (!target || !target->isObject() || m_refStack.contains(ref) || m_refStack.size() >= kMaxRefDepth)
                return false;
            m_refStack.append(ref);
            ++*pushed;
            // The referring node's own keywords (often a description) win over the target's.
            QJsonObject merged = target->toObject();
            for (auto it = node.begin(); it != node.end(); ++it)
                merged.insert(it.key(), *it);
            node = merged;
            continue;
        }
        if (node.contains(u"allOf"_s)) {
            const QJsonArray parts = node.take(u"allOf"_s).toArray();
            for (const QJsonValue &part : parts) {
                if (!part.isObject())
                    continue;
                QJsonObject sub = part.toObject();
                if (!expandTop(sub, pushed, depth))
                    continue;  // a cyclic part adds nothing
                node = mergeSchemas(node, sub);
            }
            continue;
        }
        return true;
    }
    return false;
}

QJsonObject Cleaner::clean(const QJsonValue &value, int depth)
{
    if (!value.isObject())
        return {};  // `true` (anything) and malformed nodes: no constraint
    if (depth > kMaxDepth || ++m_nodes > kMaxNodes)
        return permissive(value.toObject());

    QJsonObject node = value.toObject();
    int pushed = 0;
    QJsonObject out;
    if (!expandTop(node, &pushed, depth)) {
        out = permissive(node);
    } else {
        // oneOf means anyOf for a caller that fills in arguments.
        if (!node.contains(u"anyOf"_s) && node.value(u"oneOf"_s).isArray())
            node.insert(u"anyOf"_s, node.value(u"oneOf"_s));
        node.remove(u"oneOf"_s);
        if (node.value(u"anyOf"_s).isArray())
            out = cleanAnyOf(node, node.value(u"anyOf"_s).toArray(), depth);
        else
            out = cleanTyped(node, depth);
    }
    m_refStack.remove(m_refStack.size() - pushed, pushed);
    return out;
}

QJsonObject Cleaner::cleanAnyOf(const QJsonObject &node, const QJsonArray &branches, int depth)
{
    // The node's own constraints apply to every branch: node ∧ (b1 ∨ b2) = (node ∧ b1) ∨ (node ∧ b2).
    QJsonObject base;
    QJsonObject annotations;
    for (auto it = node.begin(); it != node.end(); ++it) {
        if (it.key() == "anyOf"_L1)
            continue;
        if (isAnnotation(it.key()))
            annotations.insert(it.key(), *it);
        else
            base.insert(it.key(), *it);
    }
    bool nullable = node.value(u"nullable"_s).toBool();
    QJsonArray cleaned;
    QList<QJsonObject> merged;  // the branch (with the node's constraints) of each cleaned one
    for (const QJsonValue &branch : branches) {
        if (!branch.isObject())
            continue;
        const QJsonObject b = branch.toObject();
        const QJsonValue type = b.value(u"type"_s);
        if (type == u"null"_s || (type.isArray() && type.toArray() == QJsonArray{u"null"_s})) {
            nullable = true;
            continue;
        }
        const QJsonObject m = mergeSchemas(b, base);
        const QJsonObject c = clean(m, depth + 1);
        if (c.value(u"nullable"_s).toBool() && !c.contains(u"type"_s) && !c.contains(u"anyOf"_s)) {
            nullable = true;  // a branch that only said "null"
            continue;
        }
        if (!cleaned.contains(c)) {
            cleaned.append(c);
            merged.append(m);
        }
    }

    QJsonObject out;
    if (cleaned.size() == 1) {
        // One real alternative (Optional[X] is anyOf [X, null]): the node is that branch,
        // described by the outer annotations (they name the field; the branch's name its type).
        out = clean(mergeSchemas(annotations, merged.first()), depth + 1);
    } else {
        if (!cleaned.isEmpty())
            out.insert(u"anyOf"_s, cleaned);
        else if (!base.isEmpty())
            out = clean(base, depth + 1);
        for (const auto key : {"description"_L1, "title"_L1})
            if (annotations.value(key).isString())
                out.insert(key, annotations.value(key));
        if (annotations.contains(u"example"_s))
            out.insert(u"example"_s, annotations.value(u"example"_s));
    }
    if (nullable)
        out.insert(u"nullable"_s, true);
    return out;
}

QJsonObject Cleaner::cleanTyped(QJsonObject node, int depth)
{
    QJsonObject out;
    bool nullable = node.value(u"nullable"_s).toBool();

    // type: a name, or a list such as ["string", "null"].
    QString type;
    const QJsonValue rawType = node.value(u"type"_s);
    QStringList typeNames;
    if (rawType.isString())
        typeNames << rawType.toString().toLower();
    else if (rawType.isArray())
        for (const QJsonValue &t : rawType.toArray())
            typeNames << t.toString().toLower();
    for (const QString &t : std::as_const(typeNames)) {
        if (t == "null"_L1)
            nullable = true;
        else if (type.isEmpty() && knownTypes().contains(t))
            type = t;
    }

    // enum (and const): Gemini takes string enums only.
    QJsonArray enumValues;
    bool haveEnum = false;
    if (node.value(u"enum"_s).isArray()) {
        haveEnum = true;
        enumValues = node.value(u"enum"_s).toArray();
    } else if (node.contains(u"const"_s)) {
        haveEnum = true;
        enumValues = QJsonArray{node.value(u"const"_s)};
    }

    if (type.isEmpty()) {
        if (node.value(u"properties"_s).isObject())
            type = u"object"_s;
        else if (node.contains(u"items"_s) || node.contains(u"prefixItems"_s))
            type = u"array"_s;
        else if (haveEnum)
            type = u"string"_s;
    }

    QJsonArray enumStrings;
    if (haveEnum && (type.isEmpty() || type == "string"_L1 || type == "number"_L1 || type == "integer"_L1)) {
        for (const QJsonValue &v : std::as_const(enumValues)) {
            if (v.isNull()) {
                nullable = true;
                continue;
            }
            const QString s = stringifyScalar(v);
            if ((v.isString() || !s.isEmpty()) && !enumStrings.contains(s))
                enumStrings.append(s);
        }
        if (!enumStrings.isEmpty())
            type = u"string"_s;  // numbers become their decimal strings
    }

    if (!type.isEmpty())
        out.insert(u"type"_s, type);
    for (const auto key : {"description"_L1, "title"_L1})
        if (node.value(key).isString())
            out.insert(key, node.value(key));
    if (node.contains(u"example"_s))
        out.insert(u"example"_s, node.value(u"example"_s));
    else if (node.value(u"examples"_s).isArray() && !node.value(u"examples"_s).toArray().isEmpty())
        out.insert(u"example"_s, node.value(u"examples"_s).toArray().first());

    const auto copyNumber = [&](const char *key) {
        const QString k = QLatin1StringView(key);
        if (node.value(k).isDouble())
            out.insert(k, node.value(k));
        else if (node.value(k).isString()) {  // int64 fields written as strings
            bool ok = false;
            const double d = node.value(k).toString().toDouble(&ok);
            if (ok)
                out.insert(k, d);
        }
    };

    if (type == "object"_L1) {
        const QJsonObject props = node.value(u"properties"_s).toObject();
        QJsonObject cleanedProps;
        for (auto it = props.begin(); it != props.end(); ++it) {
            if (it->isBool() && !it->toBool())
                continue;  // `false`: the property can never be given
            cleanedProps.insert(it.key(), clean(it->isObject() ? *it : QJsonValue(QJsonObject{}), depth + 1));
        }
        if (!cleanedProps.isEmpty())
            out.insert(u"properties"_s, cleanedProps);
        QJsonArray required;
        for (const QJsonValue &r : node.value(u"required"_s).toArray())
            if (r.isString() && cleanedProps.contains(r.toString()) && !required.contains(r))
                required.append(r);
        if (!required.isEmpty())
            out.insert(u"required"_s, required);
        QJsonArray ordering;
        for (const QJsonValue &p : node.value(u"propertyOrdering"_s).toArray())
            if (p.isString() && cleanedProps.contains(p.toString()) && !ordering.contains(p))
                ordering.append(p);
        if (!ordering.isEmpty())
            out.insert(u"propertyOrdering"_s, ordering);
        copyNumber("minProperties");
        copyNumber("maxProperties");
    } else if (type == "array"_L1) {
        QJsonValue items = node.value(u"items"_s);
        if (!items.isObject()) {
            // Tuple forms (draft 4 `items: [...]`, 2020-12 `prefixItems`): any of their schemas.
            QJsonArray tuple = items.isArray() ? items.toArray() : node.value(u"prefixItems"_s).toArray();
            if (tuple.size() == 1)
                items = tuple.first();
            else if (tuple.size() > 1)
                items = QJsonObject{{u"anyOf"_s, tuple}};
        }
        QJsonObject cleanedItems = clean(items, depth + 1);
        cleanedItems.remove(u"title"_s);
        // Gemini rejects an array without `items` and an `items` without a type.
        if (!cleanedItems.contains(u"type"_s) && !cleanedItems.contains(u"anyOf"_s))
            cleanedItems.insert(u"type"_s, u"string"_s);
        out.insert(u"items"_s, cleanedItems);
        copyNumber("minItems");
        copyNumber("maxItems");
    } else if (type == "string"_L1) {
        if (!enumStrings.isEmpty()) {
            out.insert(u"enum"_s, enumStrings);
            out.insert(u"format"_s, u"enum"_s);
        } else {
            const QString format = node.value(u"format"_s).toString();
            if (format == "date-time"_L1)
                out.insert(u"format"_s, format);
            copyNumber("minLength");
            copyNumber("maxLength");
            if (node.value(u"pattern"_s).isString())
                out.insert(u"pattern"_s, node.value(u"pattern"_s));
        }
    } else if (type == "number"_L1 || type == "integer"_L1) {
        const QString format = node.value(u"format"_s).toString();
        if ((type == "number"_L1 && (format == "float"_L1 || format == "double"_L1))
            || (type == "integer"_L1 && (format == "int32"_L1 || format == "int64"_L1)))
            out.insert(u"format"_s, format);
        copyNumber("minimum");
        copyNumber("maximum");
    }

    // default: kept only when it fits the type.
    const QJsonValue def = node.value(u"default"_s);
    if (!def.isUndefined() && !def.isNull()) {
        bool fits = false;
        QJsonValue value = def;
        if (!enumStrings.isEmpty()) {
            value = stringifyScalar(def);
            fits = enumStrings.contains(value);
        } else if (type == "string"_L1) {
            fits = def.isString();
        } else if (type == "number"_L1) {
            fits = def.isDouble();
        } else if (type == "integer"_L1) {
            fits = def.isDouble() && wholeNumber(def.toDouble()).has_value();
        } else if (type == "boolean"_L1) {
            fits = def.isBool();
        } else if (type == "array"_L1) {
            fits = def.isArray();
        } else if (type == "object"_L1) {
            fits = def.isObject();
        }
        if (fits)
            out.insert(u"default"_s, value);
    }
    if (nullable)
        out.insert(u"nullable"_s, true);
    return out;
}

} // namespace

QJsonObject cleanJsonSchemaForGemini(const QJsonObject &schema)
{
    Cleaner cleaner(schema);
    return cleaner.clean(schema, 0);
}

} // namespace gb
