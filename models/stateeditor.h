// StateEditor: the inspector's view of the selected state. It flattens every field of one State
// into a QVariantMap for QML (lists such as retry policies, catchers and approval form fields
// become lists of maps) and turns each edit into one EditStateCommand, so every change in the
// inspector is one undo step (a rename goes through GraphController::renameState so every
// reference follows). Text that must parse (paths, JSON templates, expressions) can be checked
// as it is typed with the check* functions; the setters refuse invalid text with the same
// message and change nothing.
#pragma once

#include "graphcontroller.h"
#include "signalbox/definition.h"

#include <QObject>
#include <QPointer>

#include <QVariantMap>
#include <QtQml/qqmlregistration.h>
#include <functional>

namespace Signalbox {

class StateEditor : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(Signalbox::GraphController *controller READ controller WRITE setController NOTIFY
                   controllerChanged)
    Q_PROPERTY(QString stateName READ stateName NOTIFY fieldsChanged)
    Q_PROPERTY(QVariantMap fields READ fields NOTIFY fieldsChanged)
    Q_PROPERTY(QStringList stateNames READ stateNames NOTIFY fieldsChanged)
    Q_PROPERTY(QString retryPreview READ retryPreview NOTIFY fieldsChanged)
    Q_PROPERTY(QStringList predefinedErrors READ predefinedErrors CONSTANT)
    Q_PROPERTY(QVariantMap workflow READ workflow NOTIFY fieldsChanged)

public:
    explicit StateEditor(QObject *parent = nullptr);

    GraphController *controller() const { return m_controller; }
    void setController(GraphController *controller);
    QString stateName() const { return m_name; }
    QVariantMap fields() const;
    QStringList stateNames() const;
    QString retryPreview() const;
    static QStringList predefinedErrors();

    // Sets one field ("comment", "next", "end", "seconds", "prompt", "command", "inputPath",
    // "parameters"...; "attempts", "backoff"... edit the first retry policy); returns "" or an
    // error message a person can act on.
    Q_INVOKABLE QString setField(const QString &key, const QVariant &value);
    // Choice rules: expression text and target. Returns "" or the parse error.
    Q_INVOKABLE QString setChoiceRule(int index, const QString &expression, const QString &next);
    Q_INVOKABLE void addChoiceRule();
    Q_INVOKABLE void removeChoiceRule(int index);
    Q_INVOKABLE QString checkExpression(const QString &expression) const;
    Q_INVOKABLE void setRetryEnabled(bool enabled);

    // Retry policies (task, parallel, map). Keys of setRetryField: errors (a list or
    // comma-separated text), attempts, backoff, intervalSeconds, backoffRate, maxDelaySeconds
    // ("" = none), jitter ("none"/"full").
    Q_INVOKABLE void addRetry();
    Q_INVOKABLE void removeRetry(int index);
    Q_INVOKABLE void moveRetry(int from, int to);
    Q_INVOKABLE QString setRetryField(int index, const QString &key, const QVariant &value);
    // Catchers (task, parallel, map, wait_for_event). Keys: errors, next, resultPath.
    Q_INVOKABLE void addCatch();
    Q_INVOKABLE void removeCatch(int index);
    Q_INVOKABLE void moveCatch(int from, int to);
    Q_INVOKABLE QString setCatchField(int index, const QString &key, const QVariant &value);
    // Approval form fields (wait_for_event). Keys: name, label, type, required, options (a list
    // or comma-separated text).
    Q_INVOKABLE void addFormField();
    Q_INVOKABLE void removeFormField(int index);
    Q_INVOKABLE void moveFormField(int from, int to);
    Q_INVOKABLE QString setFormField(int index, const QString &key, const QVariant &value);

    // As-you-type checks; "" when fine. A path may be empty (absent) or "null" where ASL allows
    // it; `referenceOnly` for result_path. A template is a JSON object whose ".$" keys hold paths
    // or intrinsic functions; empty text means absent.
    Q_INVOKABLE QString checkPath(const QString &text, bool referenceOnly = false) const;
    Q_INVOKABLE QString checkTemplate(const QString &text) const;
    Q_INVOKABLE QString checkJson(const QString &text) const;
    Q_INVOKABLE QString checkErrors(const QStringList &errors) const;

    // Key/value lists of a task (stateeditormaps.cpp): `env` of a command or shell task, the
    // `headers` of an http request. Keys of setEnv / setHeader: name, value. Values may hold
    // ${env:NAME} references, resolved when the task runs.
    Q_INVOKABLE void addEnv();
    Q_INVOKABLE void removeEnv(int index);
    Q_INVOKABLE QString setEnv(int index, const QString &key, const QString &value);
    Q_INVOKABLE void addHeader();
    Q_INVOKABLE void removeHeader(int index);
    Q_INVOKABLE QString setHeader(int index, const QString &key, const QString &value);
    // An http body: JSON, or plain text sent as it is; text that starts like JSON must parse.
    Q_INVOKABLE QString checkBody(const QString &text) const;

    // The workflow's own fields, for the inspector when nothing is selected: name, description,
    // timeoutSeconds, inputSchema (JSON text), stateCount. Each setWorkflowField is one undo
    // step (a ReplaceDefinitionCommand); returns "" or an error and then changes nothing.
    QVariantMap workflow() const;
    Q_INVOKABLE QString setWorkflowField(const QString &key, const QVariant &value);
    // An input_schema: a JSON object with object `properties` and a `required` list of names.
    Q_INVOKABLE QString checkSchema(const QString &text) const;

    // "Attempt 1 at once, attempt 2 after 1 s, ... ; at most 7 s of waiting".
    static QString describeRetry(const RetryPolicy &policy);

signals:
    void controllerChanged();
    void fieldsChanged();

private:
    // A field's JSON text read as every JSON text is (readJson: nesting depth, size, numbers
    // such as 1e999 that nlohmann would throw on); the message says where it went wrong.
    static std::optional<Json> readFieldJson(const QString &text, QString *error = nullptr);
    void refresh();
    WorkflowDocument *document() const;
    const State *current() const;
    void push(const State &after, const QString &what);
    // Applies `edit` to a copy of the current state; pushes it as one undo step when `edit`
    // returns true (false: nothing changes).
    bool editCurrent(const QString &what, const std::function<bool(State &)> &edit);
    // Sets `target` from an errors list (array or comma text); returns "" or the error.
    QString assignErrors(std::vector<std::string> &target, const QVariant &value) const;
    // nullopt when `key` is not a data-flow field, else "" or the error.
    std::optional<QString> setDataFlowField(State &state, const QString &key,
                                            const QString &text) const;
    // nullopt when `key` is not an executor map field (httpBody), else "" or the error.
    std::optional<QString> setExecutorField(State &state, const QString &key,
                                            const QString &text) const;
    static void addExecutorFields(const State &state, QVariantMap &m);

    QPointer<GraphController> m_controller;
    QString m_name;
};

} // namespace Signalbox
