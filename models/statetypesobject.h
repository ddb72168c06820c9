// StateTypes: the state types as QML sees them, one singleton for every QML file. Each answer
// comes from one of the two tables: what a type can do from the engine's (signalbox/statetypes.h:
// catch, retry, next, nested machines...), how it looks from DiagramStyle's (label, hint, colour,
// icon, outline, the inspector's sections). Types are named as in YAML ("task",
// "wait_for_event"); an unknown name is shown as a pass state and can do nothing. QML never
// compares type names itself: it asks here (StateTypes.canCatch(stateType)).
#pragma once

#include "signalbox/definition.h"

#include <QColor>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace Signalbox {

class StateTypesObject : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(StateTypes)
    QML_SINGLETON
    // [{type, label, hint}] in the palette's order.
    Q_PROPERTY(QVariantList all READ all CONSTANT)

public:
    explicit StateTypesObject(QObject *parent = nullptr);

    QVariantList all() const;

    Q_INVOKABLE QString label(const QString &type) const; // the palette's name ("Approval")
    Q_INVOKABLE QString hint(const QString &type) const;
    Q_INVOKABLE QColor color(const QString &type) const;
    Q_INVOKABLE QString icon(const QString &type) const;  // 24×24 SVG path data
    Q_INVOKABLE QString shape(const QString &type) const; // "box", "diamond", "terminal"

    Q_INVOKABLE bool canCatch(const QString &type) const;
    Q_INVOKABLE bool canRetry(const QString &type) const;
    Q_INVOKABLE bool hasNext(const QString &type) const;   // takes next / end
    Q_INVOKABLE bool hasOutput(const QString &type) const; // can lead anywhere (not succeed/fail)
    Q_INVOKABLE bool isContainer(const QString &type) const;
    Q_INVOKABLE bool iterates(const QString &type) const;    // a map: one machine, many items
    Q_INVOKABLE bool hasBranches(const QString &type) const; // a parallel: each branch once
    Q_INVOKABLE bool hasTimeout(const QString &type) const;
    // Whether the inspector shows a type section ("run", "choices", "wait", "event", "error",
    // "items", "result", "nested").
    Q_INVOKABLE bool hasSection(const QString &type, const QString &section) const;
};

} // namespace Signalbox
