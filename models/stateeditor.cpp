#include "stateeditor.h"

#include "commands/editstatecommand.h"
#include "graphcontroller.h"
#include "nestedstates.h"
#include "nodegeometry.h"
#include "workflowdocument.h"

#include "signalbox/statetypes.h"

#include <QDateTime>
#include <QProcess>

#include <algorithm>

namespace Signalbox {

namespace {

QString seconds(double s)
{
    if (s >= 3600)
        return QObject::tr("%1 h").arg(s / 3600, 0, 'g', 3);
    if (s >= 60)
        return QObject::tr("%1 min").arg(s / 60, 0, 'g', 3);
    return QObject::tr("%1 s").arg(s, 0, 'g', 3);
}

QString backoffName(RetryPolicy::Backoff b)
{
    switch (b) {
    case RetryPolicy::Backoff::Fixed:
        return QStringLiteral("fixed");
    case RetryPolicy::Backoff::Linear:
        return QStringLiteral("linear");
    case RetryPolicy::Backoff::Exponential:
        break;
    }
    return QStringLiteral("exponential");
}

QString runKindName(Executor::Kind k)
{
    switch (k) {
    case Executor::Kind::Command:
        return QStringLiteral("command");
    case Executor::Kind::Shell:
        return QStringLiteral("shell");
    case Executor::Kind::Http:
        return QStringLiteral("http");
    case Executor::Kind::None:
        break;
    }
    return QStringLiteral("activity");
}

std::optional<int> optionalInt(const QVariant &v)
{
    bool ok = false;
    const int i = v.toString().trimmed().toInt(&ok);
    if (!ok || i <= 0)
        return std::nullopt;
    return i;
}

QStringList toStringList(const std::vector<std::string> &list)
{
    QStringList out;
    for (const std::string &s : list)
        out.append(QString::fromStdString(s));
    return out;
}

QString pathText(const std::optional<Json> &path)
{
    if (!path)
        return {};
    if (path->is_null())
        return QStringLiteral("null");
    return path->is_string() ? QString::fromStdString(path->get<std::string>())
                             : QString::fromStdString(path->dump());
}

QString jsonText(const std::optional<Json> &value)
{
    return value ? QString::fromStdString(value->dump(2)) : QString();
}

} // namespace

StateEditor::StateEditor(QObject *parent)
    : QObject(parent)
{}

void StateEditor::setController(GraphController *controller)
{
    if (m_controller == controller)
        return;
    if (m_controller)
        disconnect(m_controller, nullptr, this, nullptr);
    m_controller = controller;
    if (controller) {
        connect(controller, &GraphController::selectionChanged, this, &StateEditor::refresh);
        connect(controller, &GraphController::documentChanged, this, [this] {
            if (WorkflowDocument *doc = document()) {
                connect(doc, &WorkflowDocument::stateChanged, this, &StateEditor::refresh,
                        Qt::UniqueConnection);
                connect(doc, &WorkflowDocument::reset, this, &StateEditor::refresh,
                        Qt::UniqueConnection);
            }
            refresh();
        });
        if (WorkflowDocument *doc = document()) {
            connect(doc, &WorkflowDocument::stateChanged, this, &StateEditor::refresh);
            connect(doc, &WorkflowDocument::reset, this, &StateEditor::refresh);
        }
    }
    emit controllerChanged();
    refresh();
}

WorkflowDocument *StateEditor::document() const
{
    return m_controller ? m_controller->document() : nullptr;
}

const State *StateEditor::current() const
{
    WorkflowDocument *doc = document();
    return doc && !m_name.isEmpty() ? doc->state(m_name) : nullptr;
}

void StateEditor::refresh()
{
    m_name = m_controller ? m_controller->currentState() : QString();
    emit fieldsChanged();
}

QStringList StateEditor::stateNames() const
{
    QStringList names;
    if (WorkflowDocument *doc = document()) {
        // A nested state can only go to the states of its own branch.
        const StateMachine *m = Nested::machineOf(doc->definition().machine, m_name.toStdString());
        for (const State &s : (m ? *m : doc->definition().machine).states)
            names.append(QString::fromStdString(s.name));
    }
    return names;
}

QVariantMap StateEditor::fields() const
{
    const State *s = current();
    if (!s)
        return {};
    QVariantMap m;
    m[QStringLiteral("name")] = QString::fromStdString(s->name);
    m[QStringLiteral("type")] = QString::fromLatin1(stateTypeName(s->type));
    m[QStringLiteral("typeLabel")] = stateTypeLabel(s->type);
    m[QStringLiteral("comment")] = QString::fromStdString(s->comment);
    m[QStringLiteral("next")] = QString::fromStdString(s->next);
    m[QStringLiteral("end")] = s->end;
    m[QStringLiteral("isStart")] = document()->startAt() == m_name;
    m[QStringLiteral("problem")] = document()->problemFor(m_name);
    const StateTypeInfo &type = stateTypeInfo(s->type);
    m[QStringLiteral("hasTransition")] = type.transitions;
    m[QStringLiteral("timeoutSeconds")]
        = s->timeoutSeconds ? QString::number(*s->timeoutSeconds) : QString();
    m[QStringLiteral("heartbeatSeconds")]
        = s->heartbeatSeconds ? QString::number(*s->heartbeatSeconds) : QString();
    m[QStringLiteral("runKind")] = runKindName(s->run.kind);
    QStringList argv;
    for (const std::string &a : s->run.argv)
        argv.append(QString::fromStdString(a));
    for (QString &a : argv)
        if (a.isEmpty() || a.contains(QLatin1Char(' ')) || a.contains(QLatin1Char('"')))
            a = QLatin1Char('"') + QString(a).replace(QLatin1Char('"'), QLatin1String("\\\""))
                + QLatin1Char('"');
    m[QStringLiteral("command")] = argv.join(QLatin1Char(' '));
    m[QStringLiteral("shell")] = QString::fromStdString(s->run.shell);
    m[QStringLiteral("httpMethod")] = QString::fromStdString(s->run.http.method);
    m[QStringLiteral("httpUrl")] = QString::fromStdString(s->run.http.url);
    addExecutorFields(*s, m); // env, httpHeaders, httpBody
    m[QStringLiteral("hasRetry")] = !s->retry.empty();
    m[QStringLiteral("retryCount")] = int(s->retry.size());
    const RetryPolicy retry = s->retry.empty() ? RetryPolicy() : s->retry.front();
    m[QStringLiteral("attempts")] = retry.attempts;
    m[QStringLiteral("backoff")] = backoffName(retry.backoff);
    m[QStringLiteral("intervalSeconds")] = retry.intervalSeconds;
    m[QStringLiteral("backoffRate")] = retry.backoffRate;
    m[QStringLiteral("maxDelaySeconds")]
        = retry.maxDelaySeconds ? QString::number(*retry.maxDelaySeconds) : QString();
    m[QStringLiteral("jitter")] = retry.jitter == RetryPolicy::Jitter::Full
                                      ? QStringLiteral("full")
                                      : QStringLiteral("none");
    m[QStringLiteral("canRetry")] = type.retry;
    m[QStringLiteral("canCatch")] = type.catches;
    QVariantList retries;
    for (const RetryPolicy &p : s->retry) {
        retries.append(QVariantMap{
            {QStringLiteral("errors"), toStringList(p.errors)},
            {QStringLiteral("attempts"), p.attempts},
            {QStringLiteral("backoff"), backoffName(p.backoff)},
            {QStringLiteral("intervalSeconds"), p.intervalSeconds},
            {QStringLiteral("backoffRate"), p.backoffRate},
            {QStringLiteral("maxDelaySeconds"),
             p.maxDelaySeconds ? QString::number(*p.maxDelaySeconds) : QString()},
            {QStringLiteral("jitter"), p.jitter == RetryPolicy::Jitter::Full
                                           ? QStringLiteral("full")
                                           : QStringLiteral("none")},
            {QStringLiteral("preview"), describeRetry(p)},
        });
    }
    m[QStringLiteral("retries")] = retries;
    QVariantList catchers;
    for (const CatchRule &c : s->catchRules) {
        catchers.append(QVariantMap{
            {QStringLiteral("errors"), toStringList(c.errors)},
            {QStringLiteral("next"), QString::fromStdString(c.next)},
            {QStringLiteral("resultPath"), pathText(c.resultPath)},
        });
    }
    m[QStringLiteral("catchers")] = catchers;
    m[QStringLiteral("catchCount")] = int(s->catchRules.size());
    QVariantList form;
    for (const FormField &f : s->form) {
        form.append(QVariantMap{
            {QStringLiteral("name"), QString::fromStdString(f.name)},
            {QStringLiteral("label"), QString::fromStdString(f.label)},
            {QStringLiteral("type"), QString::fromStdString(f.type)},
            {QStringLiteral("required"), f.required},
            {QStringLiteral("options"), toStringList(f.options)},
        });
    }
    m[QStringLiteral("form")] = form;
    // Data flow, as ASL allows it per type (docs/language.md, "Data flow"); a map's template
    // is its item_selector.
    QStringList dataFlow;
    const bool itemSelector = std::find(type.ownKeys.begin(), type.ownKeys.end(), "item_selector")
                              != type.ownKeys.end();
    for (const auto &[allowed, field] :
         {std::pair{type.inputPath, "inputPath"}, std::pair{type.parameters, "parameters"},
          std::pair{itemSelector, "itemSelector"}, std::pair{type.resultSelector, "resultSelector"},
          std::pair{type.resultPath, "resultPath"}, std::pair{type.outputPath, "outputPath"}}) {
        if (allowed)
            dataFlow.append(QLatin1String(field));
    }
    m[QStringLiteral("dataFlow")] = dataFlow;
    m[QStringLiteral("inputPath")] = pathText(s->inputPath);
    m[QStringLiteral("outputPath")] = pathText(s->outputPath);
    m[QStringLiteral("resultPath")] = pathText(s->resultPath);
    m[QStringLiteral("parameters")] = jsonText(s->parameters);
    m[QStringLiteral("resultSelector")] = jsonText(s->resultSelector);
    m[QStringLiteral("itemSelector")] = jsonText(s->itemSelector);
    m[QStringLiteral("mock")] = jsonText(s->mock);
    m[QStringLiteral("result")] = jsonText(s->result);
    m[QStringLiteral("resource")] = QString::fromStdString(s->resource);
    m[QStringLiteral("secondsPath")] = QString::fromStdString(s->secondsPath);
    m[QStringLiteral("timestampPath")] = QString::fromStdString(s->timestampPath);
    m[QStringLiteral("waitKind")] = !s->secondsPath.empty()     ? QStringLiteral("secondsPath")
                                    : !s->timestamp.empty()     ? QStringLiteral("timestamp")
                                    : !s->timestampPath.empty() ? QStringLiteral("timestampPath")
                                                                : QStringLiteral("seconds");
    m[QStringLiteral("errorPath")] = QString::fromStdString(s->errorPath);
    m[QStringLiteral("causePath")] = QString::fromStdString(s->causePath);
    m[QStringLiteral("toleratedFailureCount")]
        = s->toleratedFailureCount ? QString::number(*s->toleratedFailureCount) : QString();
    m[QStringLiteral("toleratedFailurePercentage")]
        = s->toleratedFailurePercentage ? QString::number(*s->toleratedFailurePercentage)
                                        : QString();
    QVariantList choices;
    for (const ChoiceRule &r : s->choices) {
        QString text = QString::fromStdString(r.text);
        if (text.isEmpty() || r.spelling == ChoiceRule::Spelling::Structured)
            text = QString::fromStdString(conditionToExpression(r.condition));
        choices.append(QVariantMap{{QStringLiteral("expression"), text},
                                   {QStringLiteral("next"), QString::fromStdString(r.next)}});
    }
    m[QStringLiteral("choices")] = choices;
    m[QStringLiteral("default")] = QString::fromStdString(s->defaultNext);
    m[QStringLiteral("seconds")] = s->seconds ? QString::number(*s->seconds) : QString();
    m[QStringLiteral("timestamp")] = QString::fromStdString(s->timestamp);
    m[QStringLiteral("prompt")] = QString::fromStdString(s->prompt);
    m[QStringLiteral("eventKind")] = QString::fromStdString(s->eventKind);
    m[QStringLiteral("event")] = QString::fromStdString(s->event);
    m[QStringLiteral("assignee")] = QString::fromStdString(s->assignee);
    m[QStringLiteral("error")] = QString::fromStdString(s->error);
    m[QStringLiteral("cause")] = QString::fromStdString(s->cause);
    m[QStringLiteral("itemsPath")] = QString::fromStdString(s->itemsPath);
    m[QStringLiteral("maxConcurrency")] = s->maxConcurrency;
    m[QStringLiteral("branchCount")] = int(s->branches.size());
    return m;
}

QString StateEditor::retryPreview() const
{
    const State *s = current();
    if (!s || s->retry.empty())
        return {};
    return describeRetry(s->retry.front());
}

QString StateEditor::describeRetry(const RetryPolicy &policy)
{
    if (policy.attempts <= 1)
        return tr("One attempt, no retries");
    QStringList parts{tr("attempt 1 at once")};
    double total = 0;
    const int shown = std::min(policy.attempts, 6);
    for (int attempt = 2; attempt <= shown; ++attempt) {
        const double delay = policy.delayBeforeRetry(attempt - 1);
        total += delay;
        parts.append(tr("attempt %1 after %2").arg(attempt).arg(seconds(delay)));
    }
    for (int attempt = shown + 1; attempt <= policy.attempts; ++attempt)
        total += policy.delayBeforeRetry(attempt - 1);
    if (policy.attempts > shown)
        parts.append(tr("… %n more", nullptr, policy.attempts - shown));
    QString text = parts.join(QStringLiteral(", "));
    text[0] = text[0].toUpper();
    return text + tr("; at most %1 of waiting").arg(seconds(total));
}

void StateEditor::push(const State &after, const QString &what)
{
    const State *before = current();
    if (!before || *before == after)
        return;
    document()->undoStack()->push(
        new EditStateCommand(document(), tr("Edit %1 of %2").arg(what, m_name), *before, after));
}

QString StateEditor::setField(const QString &key, const QVariant &value)
{
    const State *s = current();
    if (!s)
        return tr("Nothing selected");
    if (key == QLatin1String("name"))
        return m_controller->renameState(m_name, value.toString());
    State a = *s;
    const QString text = value.toString();
    const std::string str = text.toStdString();
    RetryPolicy *retry = a.retry.empty() ? nullptr : &a.retry.front();
    bool ok = true;
    if (key == QLatin1String("comment")) {
        a.comment = str;
    } else if (key == QLatin1String("next")) {
        if (!text.isEmpty() && !document()->state(text))
            return tr("No state named %1").arg(text);
        a.next = str;
        a.end = text.isEmpty();
    } else if (key == QLatin1String("end")) {
        a.end = value.toBool();
        if (a.end)
            a.next.clear();
    } else if (key == QLatin1String("default")) {
        a.defaultNext = str;
    } else if (key == QLatin1String("timeoutSeconds")) {
        a.timeoutSeconds = optionalInt(value);
    } else if (key == QLatin1String("heartbeatSeconds")) {
        a.heartbeatSeconds = optionalInt(value);
    } else if (key == QLatin1String("runKind")) {
        a.run.kind = text == QLatin1String("command") ? Executor::Kind::Command
                     : text == QLatin1String("shell") ? Executor::Kind::Shell
                     : text == QLatin1String("http")  ? Executor::Kind::Http
                                                      : Executor::Kind::None;
    } else if (key == QLatin1String("command")) {
        a.run.kind = Executor::Kind::Command;
        a.run.argv.clear();
        for (const QString &arg : QProcess::splitCommand(text))
            a.run.argv.push_back(arg.toStdString());
        if (a.run.argv.empty())
            a.run.kind = Executor::Kind::None;
    } else if (key == QLatin1String("shell")) {
        a.run.kind = text.isEmpty() ? Executor::Kind::None : Executor::Kind::Shell;
        a.run.shell = str;
    } else if (key == QLatin1String("httpUrl")) {
        a.run.kind = Executor::Kind::Http;
        a.run.http.url = str;
    } else if (key == QLatin1String("httpMethod")) {
        a.run.http.method = text.toUpper().toStdString();
    } else if (key == QLatin1String("attempts") && retry) {
        retry->attempts = std::max(1, value.toInt(&ok));
    } else if (key == QLatin1String("backoff") && retry) {
        retry->backoff = text == QLatin1String("fixed")    ? RetryPolicy::Backoff::Fixed
                         : text == QLatin1String("linear") ? RetryPolicy::Backoff::Linear
                                                           : RetryPolicy::Backoff::Exponential;
    } else if (key == QLatin1String("intervalSeconds") && retry) {
        retry->intervalSeconds = std::max(0.0, value.toDouble(&ok));
    } else if (key == QLatin1String("backoffRate") && retry) {
        retry->backoffRate = std::max(1.0, value.toDouble(&ok));
    } else if (key == QLatin1String("maxDelaySeconds") && retry) {
        const double d = value.toDouble(&ok);
        retry->maxDelaySeconds = ok && d > 0 ? std::optional<double>(d) : std::nullopt;
        ok = true;
    } else if (key == QLatin1String("seconds")) {
        const double d = value.toDouble(&ok);
        if (!ok || d < 0)
            return tr("Enter a number of seconds");
        a.seconds = d;
        a.timestamp.clear();
        a.secondsPath.clear();
        a.timestampPath.clear();
    } else if (key == QLatin1String("prompt")) {
        a.prompt = str;
    } else if (key == QLatin1String("eventKind")) {
        a.eventKind = str;
    } else if (key == QLatin1String("event")) {
        a.event = str;
    } else if (key == QLatin1String("assignee")) {
        a.assignee = str;
    } else if (key == QLatin1String("error")) {
        a.error = str;
    } else if (key == QLatin1String("cause")) {
        a.cause = str;
    } else if (key == QLatin1String("itemsPath")) {
        a.itemsPath = str;
    } else if (key == QLatin1String("maxConcurrency")) {
        a.maxConcurrency = std::max(0, value.toInt(&ok));
    } else if (key == QLatin1String("jitter") && retry) {
        retry->jitter
            = text == QLatin1String("full") ? RetryPolicy::Jitter::Full : RetryPolicy::Jitter::None;
    } else if (key == QLatin1String("resource")) {
        a.resource = str;
    } else if (key == QLatin1String("secondsPath") || key == QLatin1String("timestampPath")) {
        if (const QString e = checkPath(text);
            !e.isEmpty() || text.trimmed() == QLatin1String("null"))
            return e.isEmpty() ? tr("Enter a path such as $.delay") : e;
        a.seconds.reset();
        a.timestamp.clear();
        (key == QLatin1String("secondsPath") ? a.timestampPath : a.secondsPath).clear();
        (key == QLatin1String("secondsPath") ? a.secondsPath : a.timestampPath)
            = text.trimmed().toStdString();
    } else if (key == QLatin1String("timestamp")) {
        const QDateTime t = QDateTime::fromString(text.trimmed(), Qt::ISODate);
        if (!text.trimmed().isEmpty() && !t.isValid())
            return tr("Enter an RFC 3339 time such as 2026-12-01T09:00:00Z");
        a.timestamp = text.trimmed().toStdString();
        a.seconds.reset();
        a.secondsPath.clear();
        a.timestampPath.clear();
    } else if (key == QLatin1String("errorPath") || key == QLatin1String("causePath")) {
        if (const QString e = checkPath(text); !e.isEmpty())
            return e;
        (key == QLatin1String("errorPath") ? a.errorPath : a.causePath)
            = text.trimmed().toStdString();
    } else if (key == QLatin1String("toleratedFailureCount")) {
        if (text.trimmed().isEmpty()) {
            a.toleratedFailureCount.reset();
        } else {
            const int n = text.toInt(&ok);
            if (!ok || n < 0)
                return tr("Enter a whole number of items (0 or more)");
            a.toleratedFailureCount = n;
        }
    } else if (key == QLatin1String("toleratedFailurePercentage")) {
        if (text.trimmed().isEmpty()) {
            a.toleratedFailurePercentage.reset();
        } else {
            const double d = text.toDouble(&ok);
            if (!ok || d < 0 || d > 100)
                return tr("Enter a percentage between 0 and 100");
            a.toleratedFailurePercentage = d;
        }
    } else if (const std::optional<QString> e = setDataFlowField(a, key, text)) {
        if (!e->isEmpty())
            return *e;
    } else if (const std::optional<QString> e = setExecutorField(a, key, text)) {
        if (!e->isEmpty())
            return *e;
    } else {
        return tr("%1 cannot be edited here").arg(key);
    }
    if (!ok)
        return tr("Enter a number");
    push(a, key);
    return {};
}

QString StateEditor::checkExpression(const QString &expression) const
{
    ConditionParseError error;
    if (parseConditionExpression(expression.toStdString(), &error))
        return {};
    return tr("Column %1: %2").arg(error.offset + 1).arg(QString::fromStdString(error.message));
}

QString StateEditor::setChoiceRule(int index, const QString &expression, const QString &next)
{
    const State *s = current();
    if (!s || index < 0 || index >= int(s->choices.size()))
        return tr("No such rule");
    ConditionParseError error;
    std::optional<Condition> c = parseConditionExpression(expression.toStdString(), &error);
    if (!c)
        return checkExpression(expression);
    State a = *s;
    ChoiceRule &rule = a.choices[index];
    rule.condition = *c;
    rule.text = expression.toStdString();
    rule.spelling = ChoiceRule::Spelling::Expression;
    rule.next = next.toStdString();
    push(a, tr("rule %1").arg(index + 1));
    return {};
}

void StateEditor::addChoiceRule()
{
    const State *s = current();
    if (!s || s->type != StateType::Choice)
        return;
    State a = *s;
    ChoiceRule rule;
    rule.spelling = ChoiceRule::Spelling::Expression;
    rule.text = "$.condition == true";
    if (std::optional<Condition> c = parseConditionExpression(rule.text, nullptr))
        rule.condition = *c;
    a.choices.push_back(rule);
    push(a, tr("rules"));
}

void StateEditor::removeChoiceRule(int index)
{
    const State *s = current();
    if (!s || index < 0 || index >= int(s->choices.size()))
        return;
    State a = *s;
    a.choices.erase(a.choices.begin() + index);
    push(a, tr("rules"));
}

void StateEditor::setRetryEnabled(bool enabled)
{
    const State *s = current();
    if (!s || enabled == !s->retry.empty())
        return;
    State a = *s;
    if (enabled)
        a.retry.push_back(RetryPolicy());
    else
        a.retry.clear();
    push(a, tr("retry"));
}

} // namespace Signalbox
