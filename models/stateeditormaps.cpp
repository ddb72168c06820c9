// StateEditor, part three: the key/value lists of a task's executor (`env` of a command or shell
// task, `headers` of an http request), the http body, and the workflow's own fields (name,
// description, timeout_seconds, input_schema) for the inspector when nothing is selected. A task
// edit is one EditStateCommand through push(); a workflow edit is one ReplaceDefinitionCommand.
#include "stateeditor.h"

#include "commands/replacedefinitioncommand.h"
#include "listedit.h"
#include "workflowdocument.h"

#include <QRegularExpression>

namespace Signalbox {

namespace {

QVariantList entries(const auto &map)
{
    QVariantList out;
    for (const auto &[name, value] : map)
        out.append(QVariantMap{{QStringLiteral("name"), QString::fromStdString(name)},
                               {QStringLiteral("value"), QString::fromStdString(value)}});
    return out;
}

// The body as the inspector shows it: a string as it is (quoted when it would read as JSON),
// anything else as pretty JSON.
QString bodyText(const std::optional<Json> &body)
{
    if (!body)
        return {};
    if (body->is_string()) {
        const std::string text = body->get<std::string>();
        if (!Json::accept(text))
            return QString::fromStdString(text);
    }
    return QString::fromStdString(body->dump(2));
}

bool looksLikeJson(const QString &trimmed)
{
    return trimmed.startsWith(QLatin1Char('{')) || trimmed.startsWith(QLatin1Char('['))
           || trimmed.startsWith(QLatin1Char('"'));
}

} // namespace

void StateEditor::addExecutorFields(const State &state, QVariantMap &m)
{
    m[QStringLiteral("env")] = entries(state.run.env);
    m[QStringLiteral("httpHeaders")] = entries(state.run.http.headers);
    m[QStringLiteral("httpBody")] = bodyText(state.run.http.body);
}

std::optional<QString> StateEditor::setExecutorField(State &state, const QString &key,
                                                     const QString &text) const
{
    if (key != QLatin1String("httpBody"))
        return std::nullopt;
    if (const QString e = checkBody(text); !e.isEmpty())
        return e;
    const QString t = text.trimmed();
    if (t.isEmpty())
        state.run.http.body.reset();
    else if (std::optional<Json> body = readFieldJson(t))
        state.run.http.body = std::move(*body);
    else
        state.run.http.body = Json(text.toStdString());
    return QString();
}

QString StateEditor::checkBody(const QString &text) const
{
    const QString t = text.trimmed();
    if (!looksLikeJson(t))
        return {};
    return checkJson(t);
}

// Environment variables (a map: sorted by name, names unique).

void StateEditor::addEnv()
{
    const State *s = current();
    if (!s || s->type != StateType::Task)
        return;
    State a = *s;
    std::string name;
    for (int n = int(a.run.env.size()) + 1;; ++n) {
        name = "VAR" + std::to_string(n);
        if (!a.run.env.contains(name))
            break;
    }
    a.run.env[name] = "";
    push(a, tr("env"));
}

void StateEditor::removeEnv(int index)
{
    editCurrent(tr("env"), [&](State &a) { return eraseAt(a.run.env, index); });
}

QString StateEditor::setEnv(int index, const QString &key, const QString &value)
{
    const State *s = current();
    if (!s || index < 0 || index >= int(s->run.env.size()))
        return tr("No such variable");
    State a = *s;
    const auto it = std::next(a.run.env.begin(), index);
    const std::string oldName = it->first;
    if (key == QLatin1String("name")) {
        static const QRegularExpression name(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
        const QString text = value.trimmed();
        if (!name.match(text).hasMatch())
            return tr("A variable name starts with a letter or '_' and uses letters, digits or "
                      "'_'");
        if (text.toStdString() != oldName && a.run.env.contains(text.toStdString()))
            return tr("%1 is already set").arg(text);
        std::string v = it->second;
        a.run.env.erase(it);
        a.run.env[text.toStdString()] = std::move(v);
    } else if (key == QLatin1String("value")) {
        it->second = value.toStdString();
    } else {
        return tr("%1 cannot be edited here").arg(key);
    }
    push(a, tr("env %1").arg(QString::fromStdString(oldName)));
    return {};
}

// HTTP headers (ordered, names unique ignoring case).

void StateEditor::addHeader()
{
    const State *s = current();
    if (!s || s->type != StateType::Task)
        return;
    State a = *s;
    auto &headers = a.run.http.headers;
    std::string name;
    for (int n = int(headers.size()) + 1;; ++n) {
        name = "X-Header-" + std::to_string(n);
        if (std::none_of(headers.begin(), headers.end(),
                         [&](const auto &h) { return h.first == name; }))
            break;
    }
    headers.emplace_back(name, "");
    push(a, tr("headers"));
}

void StateEditor::removeHeader(int index)
{
    editCurrent(tr("headers"), [&](State &a) { return eraseAt(a.run.http.headers, index); });
}

QString StateEditor::setHeader(int index, const QString &key, const QString &value)
{
    const State *s = current();
    if (!s || index < 0 || index >= int(s->run.http.headers.size()))
        return tr("No such header");
    State a = *s;
    auto &headers = a.run.http.headers;
    if (key == QLatin1String("name")) {
        // RFC 9110 token characters.
        static const QRegularExpression token(QStringLiteral("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"));
        const QString text = value.trimmed();
        if (!token.match(text).hasMatch())
            return tr("A header name uses letters, digits and - (e.g. Authorization)");
        for (int i = 0; i < int(headers.size()); ++i)
            if (i != index
                && QString::fromStdString(headers[i].first).compare(text, Qt::CaseInsensitive) == 0)
                return tr("The request already has a %1 header").arg(text);
        headers[index].first = text.toStdString();
    } else if (key == QLatin1String("value")) {
        headers[index].second = value.toStdString();
    } else {
        return tr("%1 cannot be edited here").arg(key);
    }
    push(a, tr("header %1").arg(QString::fromStdString(s->run.http.headers[index].first)));
    return {};
}

// The workflow's own fields.

QVariantMap StateEditor::workflow() const
{
    WorkflowDocument *doc = document();
    if (!doc)
        return {};
    const Definition &def = doc->definition();
    return {
        {QStringLiteral("name"), QString::fromStdString(def.name)},
        {QStringLiteral("description"), QString::fromStdString(def.description)},
        {QStringLiteral("timeoutSeconds"),
         def.timeoutSeconds ? QString::number(*def.timeoutSeconds) : QString()},
        {QStringLiteral("inputSchema"),
         def.inputSchema ? QString::fromStdString(def.inputSchema->dump(2)) : QString()},
        {QStringLiteral("stateCount"), doc->stateCount()},
    };
}

QString StateEditor::checkSchema(const QString &text) const
{
    if (text.trimmed().isEmpty())
        return {};
    if (const QString e = checkJson(text); !e.isEmpty())
        return e;
    const Json schema = readFieldJson(text).value_or(Json());
    if (!schema.is_object())
        return tr("Enter a JSON Schema object, e.g. {\"type\": \"object\", \"properties\": {}}");
    if (schema.contains("type") && schema["type"] != "object")
        return tr("The input is a JSON object: \"type\" must be \"object\"");
    if (schema.contains("properties") && !schema["properties"].is_object())
        return tr("\"properties\" must be an object of name: schema");
    if (schema.contains("required")) {
        const Json &required = schema["required"];
        if (!required.is_array()
            || std::any_of(required.begin(), required.end(),
                           [](const Json &r) { return !r.is_string(); }))
            return tr("\"required\" must be a list of property names");
    }
    return {};
}

QString StateEditor::setWorkflowField(const QString &key, const QVariant &value)
{
    WorkflowDocument *doc = document();
    if (!doc)
        return tr("No workflow");
    WorkflowDocument::Snapshot before = doc->snapshot();
    WorkflowDocument::Snapshot after = before;
    after.yamlText.clear();
    Definition &def = after.definition;
    const QString text = value.toString();
    QString what;
    if (key == QLatin1String("name")) {
        if (text.trimmed().isEmpty())
            return tr("The workflow needs a name");
        def.name = text.trimmed().toStdString();
        what = tr("name");
    } else if (key == QLatin1String("description")) {
        def.description = text.toStdString();
        what = tr("description");
    } else if (key == QLatin1String("timeoutSeconds")) {
        if (text.trimmed().isEmpty()) {
            def.timeoutSeconds.reset();
        } else {
            bool ok = false;
            const int n = text.trimmed().toInt(&ok);
            if (!ok || n <= 0)
                return tr("Enter a whole number of seconds (1 or more), or nothing for no limit");
            def.timeoutSeconds = n;
        }
        what = tr("timeout");
    } else if (key == QLatin1String("inputSchema")) {
        if (const QString e = checkSchema(text); !e.isEmpty())
            return e;
        if (text.trimmed().isEmpty())
            def.inputSchema.reset();
        else
            def.inputSchema = readFieldJson(text); // checked above
        what = tr("input schema");
    } else {
        return tr("%1 cannot be edited here").arg(key);
    }
    if (def == before.definition)
        return {};
    doc->undoStack()->push(new ReplaceDefinitionCommand(doc, tr("Edit the workflow's %1").arg(what),
                                                        std::move(before), std::move(after)));
    return {};
}

} // namespace Signalbox
