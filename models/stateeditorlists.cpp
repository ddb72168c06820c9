// StateEditor, part two: the list editors of the inspector (retry policies, catchers, approval
// form fields) and the data-flow fields with their as-you-type checks. Every edit is one
// EditStateCommand through push(), like the single fields in stateeditor.cpp.
#include "stateeditor.h"

#include "listedit.h"

#include "signalbox/intrinsics.h"
#include "signalbox/jsonpath.h"
#include "signalbox/jsonread.h"
#include "workflowdocument.h"

#include <QRegularExpression>

namespace Signalbox {

namespace {

const char *const kAll = "States.ALL";

// A list from QML (an array) or typed text ("States.Timeout, Task.ExitCode").
std::vector<std::string> toStdList(const QVariant &value)
{
    QStringList items;
    if (value.typeId() == QMetaType::QStringList || value.typeId() == QMetaType::QVariantList)
        items = value.toStringList();
    else
        items = value.toString().split(QLatin1Char(','));
    std::vector<std::string> out;
    for (const QString &item : std::as_const(items)) {
        const QString t = item.trimmed();
        if (!t.isEmpty() && std::find(out.begin(), out.end(), t.toStdString()) == out.end())
            out.push_back(t.toStdString());
    }
    return out;
}

template<typename T>
bool hasAll(const std::vector<T> &rules)
{
    for (const T &r : rules)
        if (std::find(r.errors.begin(), r.errors.end(), kAll) != r.errors.end())
            return true;
    return false;
}

// Inserts a new rule before a States.ALL rule (which must stay last), else at the end.
template<typename T>
void insertRule(std::vector<T> &rules, T rule)
{
    for (auto it = rules.begin(); it != rules.end(); ++it) {
        if (std::find(it->errors.begin(), it->errors.end(), kAll) != it->errors.end()) {
            rules.insert(it, std::move(rule));
            return;
        }
    }
    rules.push_back(std::move(rule));
}

} // namespace

bool StateEditor::editCurrent(const QString &what, const std::function<bool(State &)> &edit)
{
    const State *s = current();
    if (!s)
        return false;
    State a = *s;
    if (!edit(a))
        return false;
    push(a, what);
    return true;
}

QString StateEditor::assignErrors(std::vector<std::string> &target, const QVariant &value) const
{
    std::vector<std::string> errors = toStdList(value);
    QStringList list;
    for (const std::string &e : errors)
        list.append(QString::fromStdString(e));
    if (QString e = checkErrors(list); !e.isEmpty())
        return e;
    target = std::move(errors);
    return {};
}

QStringList StateEditor::predefinedErrors()
{
    return {QStringLiteral("States.ALL"),
            QStringLiteral("States.TaskFailed"),
            QStringLiteral("States.Timeout"),
            QStringLiteral("States.Runtime"),
            QStringLiteral("States.NoChoiceMatched"),
            QStringLiteral("States.DataLimitExceeded"),
            QStringLiteral("States.ExceedToleratedFailureThreshold"),
            QStringLiteral("Approval.Rejected"),
            QStringLiteral("Task.ExitCode"),
            QStringLiteral("Task.InvalidOutput")};
}

QString StateEditor::checkErrors(const QStringList &errors) const
{
    if (errors.isEmpty())
        return tr("Name at least one error, e.g. States.ALL");
    if (errors.contains(QLatin1String(kAll)) && errors.size() > 1)
        return tr("States.ALL matches every error, so it must be alone in its list");
    static const QRegularExpression name(QStringLiteral("^[A-Za-z0-9_.:-]+$"));
    for (const QString &e : errors)
        if (!name.match(e).hasMatch())
            return tr("'%1' is not an error name (letters, digits, '.', '_', '-')").arg(e);
    return {};
}

QString StateEditor::checkPath(const QString &text, bool referenceOnly) const
{
    const QString t = text.trimmed();
    if (t.isEmpty() || t == QLatin1String("null"))
        return {};
    PathError error;
    if (isValidPath(t.toStdString(), referenceOnly, &error))
        return {};
    return tr("Column %1: %2").arg(error.offset + 1).arg(QString::fromStdString(error.message));
}

std::optional<Json> StateEditor::readFieldJson(const QString &text, QString *error)
{
    const std::string utf8 = text.toStdString();
    JsonReadError why;
    std::optional<Json> value = readJson(utf8, &why);
    if (!value && error)
        *error = tr("Not valid JSON: %1").arg(QString::fromStdString(why.message));
    return value;
}

QString StateEditor::checkJson(const QString &text) const
{
    if (text.trimmed().isEmpty())
        return {};
    QString error;
    readFieldJson(text, &error);
    return error;
}

QString StateEditor::checkTemplate(const QString &text) const
{
    if (text.trimmed().isEmpty())
        return {};
    if (const QString e = checkJson(text); !e.isEmpty())
        return e;
    const Json tmpl = readFieldJson(text).value_or(Json());
    if (!tmpl.is_object())
        return tr("Enter a JSON object, e.g. {\"id.$\": \"$.order.id\"}");
    // The same rules as the validator: keys ending in .$ hold a path or an intrinsic function.
    std::function<QString(const Json &)> walk = [&](const Json &node) -> QString {
        if (node.is_array()) {
            for (const Json &v : node)
                if (QString e = walk(v); !e.isEmpty())
                    return e;
            return {};
        }
        if (!node.is_object())
            return {};
        for (auto it = node.begin(); it != node.end(); ++it) {
            const QString key = QString::fromStdString(it.key());
            if (!key.endsWith(QLatin1String(".$"))) {
                if (QString e = walk(it.value()); !e.isEmpty())
                    return e;
                continue;
            }
            if (!it.value().is_string())
                return tr("%1: a key ending in .$ takes a path or an intrinsic function").arg(key);
            const std::string v = it.value().get<std::string>();
            if (v.rfind("States.", 0) == 0) {
                std::string message;
                if (!isValidIntrinsic(v, &message))
                    return tr("%1: %2").arg(key, QString::fromStdString(message));
            } else if (const QString e = checkPath(QString::fromStdString(v));
                       !e.isEmpty() || v == "null") {
                return tr("%1: %2").arg(key, e.isEmpty() ? tr("enter a path such as $.id") : e);
            }
        }
        return {};
    };
    return walk(tmpl);
}

std::optional<QString> StateEditor::setDataFlowField(State &a, const QString &key,
                                                     const QString &text) const
{
    const QString t = text.trimmed();
    std::optional<Json> *path = key == QLatin1String("inputPath")    ? &a.inputPath
                                : key == QLatin1String("outputPath") ? &a.outputPath
                                : key == QLatin1String("resultPath") ? &a.resultPath
                                                                     : nullptr;
    if (path) {
        if (const QString e = checkPath(t, key == QLatin1String("resultPath")); !e.isEmpty())
            return e;
        if (t.isEmpty())
            path->reset();
        else if (t == QLatin1String("null"))
            *path = Json(nullptr);
        else
            *path = Json(t.toStdString());
        return QString();
    }
    std::optional<Json> *tmpl = key == QLatin1String("parameters")       ? &a.parameters
                                : key == QLatin1String("resultSelector") ? &a.resultSelector
                                : key == QLatin1String("itemSelector")   ? &a.itemSelector
                                                                         : nullptr;
    std::optional<Json> *value = key == QLatin1String("mock")     ? &a.mock
                                 : key == QLatin1String("result") ? &a.result
                                                                  : nullptr;
    if (!tmpl && !value)
        return std::nullopt;
    if (const QString e = tmpl ? checkTemplate(t) : checkJson(t); !e.isEmpty())
        return e;
    std::optional<Json> &target = tmpl ? *tmpl : *value;
    if (t.isEmpty())
        target.reset();
    else
        target = readFieldJson(t); // checked above
    return QString();
}

// Retry policies.

void StateEditor::addRetry()
{
    const State *s = current();
    if (!s)
        return;
    State a = *s;
    RetryPolicy policy;
    if (hasAll(a.retry))
        policy.errors = {"States.TaskFailed"};
    insertRule(a.retry, policy);
    push(a, tr("retry"));
}

void StateEditor::removeRetry(int index)
{
    editCurrent(tr("retry"), [&](State &a) { return eraseAt(a.retry, index); });
}

void StateEditor::moveRetry(int from, int to)
{
    editCurrent(tr("retry"), [&](State &a) { return moveItem(a.retry, from, to); });
}

QString StateEditor::setRetryField(int index, const QString &key, const QVariant &value)
{
    const State *s = current();
    if (!s || index < 0 || index >= int(s->retry.size()))
        return tr("No such retry policy");
    State a = *s;
    RetryPolicy &p = a.retry[index];
    const QString text = value.toString().trimmed();
    bool ok = true;
    if (key == QLatin1String("errors")) {
        if (const QString e = assignErrors(p.errors, value); !e.isEmpty())
            return e;
    } else if (key == QLatin1String("attempts")) {
        const int n = value.toInt(&ok);
        if (!ok || n < 1 || n > 1000)
            return tr("Attempts count every try, from 1 to 1000");
        p.attempts = n;
    } else if (key == QLatin1String("backoff")) {
        p.backoff = text == QLatin1String("fixed")    ? RetryPolicy::Backoff::Fixed
                    : text == QLatin1String("linear") ? RetryPolicy::Backoff::Linear
                                                      : RetryPolicy::Backoff::Exponential;
    } else if (key == QLatin1String("intervalSeconds")) {
        const double d = value.toDouble(&ok);
        if (!ok || d <= 0)
            return tr("Enter a first delay above 0 seconds");
        p.intervalSeconds = d;
    } else if (key == QLatin1String("backoffRate")) {
        const double d = value.toDouble(&ok);
        if (!ok || d < 1)
            return tr("Enter a rate of at least 1.0");
        p.backoffRate = d;
    } else if (key == QLatin1String("maxDelaySeconds")) {
        if (text.isEmpty()) {
            p.maxDelaySeconds.reset();
        } else {
            const double d = text.toDouble(&ok);
            if (!ok || d <= 0)
                return tr("Enter a longest delay above 0 seconds, or leave it empty");
            p.maxDelaySeconds = d;
        }
    } else if (key == QLatin1String("jitter")) {
        p.jitter
            = text == QLatin1String("full") ? RetryPolicy::Jitter::Full : RetryPolicy::Jitter::None;
    } else {
        return tr("%1 cannot be edited here").arg(key);
    }
    push(a, tr("retry %1").arg(index + 1));
    return {};
}

// Catchers.

void StateEditor::addCatch()
{
    const State *s = current();
    if (!s)
        return;
    State a = *s;
    CatchRule rule;
    if (a.type == StateType::WaitForEvent)
        rule.errors = {"Approval.Rejected"};
    else if (hasAll(a.catchRules))
        rule.errors = {"States.TaskFailed"};
    // Go to a fail state if there is one (the usual handler), else to any other state.
    for (const State &other : document()->definition().machine.states) {
        if (other.name != a.name && other.type == StateType::Fail) {
            rule.next = other.name;
            break;
        }
        if (other.name != a.name && rule.next.empty())
            rule.next = other.name;
    }
    insertRule(a.catchRules, rule);
    push(a, tr("catch"));
}

void StateEditor::removeCatch(int index)
{
    editCurrent(tr("catch"), [&](State &a) { return eraseAt(a.catchRules, index); });
}

void StateEditor::moveCatch(int from, int to)
{
    editCurrent(tr("catch"), [&](State &a) { return moveItem(a.catchRules, from, to); });
}

QString StateEditor::setCatchField(int index, const QString &key, const QVariant &value)
{
    const State *s = current();
    if (!s || index < 0 || index >= int(s->catchRules.size()))
        return tr("No such catch rule");
    State a = *s;
    CatchRule &c = a.catchRules[index];
    const QString text = value.toString().trimmed();
    if (key == QLatin1String("errors")) {
        if (const QString e = assignErrors(c.errors, value); !e.isEmpty())
            return e;
    } else if (key == QLatin1String("next")) {
        // Nested states (in a parallel branch or map processor) can be catch targets too.
        if (!findStateRecursive(document()->definition().machine, text.toStdString()))
            return tr("No state named %1").arg(text);
        c.next = text.toStdString();
    } else if (key == QLatin1String("resultPath")) {
        if (const QString e = checkPath(text, true); !e.isEmpty())
            return e;
        if (text.isEmpty())
            c.resultPath.reset();
        else if (text == QLatin1String("null"))
            c.resultPath = Json(nullptr);
        else
            c.resultPath = Json(text.toStdString());
    } else {
        return tr("%1 cannot be edited here").arg(key);
    }
    push(a, tr("catch %1").arg(index + 1));
    return {};
}

// Approval form fields.

void StateEditor::addFormField()
{
    const State *s = current();
    if (!s || s->type != StateType::WaitForEvent)
        return;
    State a = *s;
    FormField field;
    for (int n = int(a.form.size()) + 1;; ++n) {
        field.name = "field" + std::to_string(n);
        if (std::none_of(a.form.begin(), a.form.end(),
                         [&](const FormField &f) { return f.name == field.name; }))
            break;
    }
    a.form.push_back(field);
    push(a, tr("form"));
}

void StateEditor::removeFormField(int index)
{
    editCurrent(tr("form"), [&](State &a) { return eraseAt(a.form, index); });
}

void StateEditor::moveFormField(int from, int to)
{
    editCurrent(tr("form"), [&](State &a) { return moveItem(a.form, from, to); });
}

QString StateEditor::setFormField(int index, const QString &key, const QVariant &value)
{
    const State *s = current();
    if (!s || index < 0 || index >= int(s->form.size()))
        return tr("No such form field");
    State a = *s;
    FormField &f = a.form[index];
    const QString text = value.toString().trimmed();
    if (key == QLatin1String("name")) {
        static const QRegularExpression name(QStringLiteral("^[A-Za-z_][A-Za-z0-9_-]*$"));
        if (!name.match(text).hasMatch())
            return tr("A field name starts with a letter and uses letters, digits, '_' or '-'");
        for (int i = 0; i < int(a.form.size()); ++i)
            if (i != index && a.form[i].name == text.toStdString())
                return tr("The form already has a field named %1").arg(text);
        f.name = text.toStdString();
    } else if (key == QLatin1String("label")) {
        f.label = value.toString().toStdString();
    } else if (key == QLatin1String("type")) {
        static const QStringList types{QStringLiteral("string"), QStringLiteral("text"),
                                       QStringLiteral("number"), QStringLiteral("boolean"),
                                       QStringLiteral("choice")};
        if (!types.contains(text))
            return tr("A field is one of: %1").arg(types.join(QStringLiteral(", ")));
        f.type = text.toStdString();
        if (f.type != "choice")
            f.options.clear();
    } else if (key == QLatin1String("required")) {
        f.required = value.toBool();
    } else if (key == QLatin1String("options")) {
        f.options = toStdList(value);
    } else {
        return tr("%1 cannot be edited here").arg(key);
    }
    push(a, tr("form field %1").arg(QString::fromStdString(s->form[index].name)));
    return {};
}

} // namespace Signalbox
