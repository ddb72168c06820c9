// StateEditor: the inspector's view of the selected state. It flattens the type-specific fields
// of one State into a QVariantMap for QML and turns each field edit into one EditStateCommand
// (a rename goes through GraphController::renameState so every reference follows).
#pragma once

#include "graphcontroller.h"
#include "signalbox/definition.h"

#include <QObject>
#include <QPointer>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

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

public:
    explicit StateEditor(QObject *parent = nullptr);

    GraphController *controller() const { return m_controller; }
    void setController(GraphController *controller);
    QString stateName() const { return m_name; }
    QVariantMap fields() const;
    QStringList stateNames() const;
    QString retryPreview() const;

    // Sets one field ("comment", "next", "end", "seconds", "prompt", "command", "attempts"...);
    // returns "" or an error message a person can act on.
    Q_INVOKABLE QString setField(const QString &key, const QVariant &value);
    // Choice rules: expression text and target. Returns "" or the parse error.
    Q_INVOKABLE QString setChoiceRule(int index, const QString &expression, const QString &next);
    Q_INVOKABLE void addChoiceRule();
    Q_INVOKABLE void removeChoiceRule(int index);
    Q_INVOKABLE QString checkExpression(const QString &expression) const;
    Q_INVOKABLE void setRetryEnabled(bool enabled);

    // "Attempt 1 at once, attempt 2 after 1 s, ... ; at most 7 s of waiting".
    static QString describeRetry(const RetryPolicy &policy);

signals:
    void controllerChanged();
    void fieldsChanged();

private:
    void refresh();
    WorkflowDocument *document() const;
    const State *current() const;
    void push(const State &after, const QString &what);

    QPointer<GraphController> m_controller;
    QString m_name;
};

} // namespace Signalbox
