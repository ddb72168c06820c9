// DiagnosticsModel: the problems panel. One row per diagnostic from the reader and the validator,
// errors first; clicking a row selects its state (the `state` role) or jumps to its YAML line.
#pragma once

#include "signalbox/diagnostics.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace Signalbox {

class DiagnosticsModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by WorkflowDocument")
    Q_PROPERTY(int errorCount READ errorCount NOTIFY countsChanged)
    Q_PROPERTY(int warningCount READ warningCount NOTIFY countsChanged)

public:
    enum Role {
        MessageRole = Qt::UserRole + 1,
        SeverityRole, // "error" or "warning"
        CodeRole,
        StateRole,
        LineRole,
        ColumnRole,
        LocationRole, // "line 12, column 5" or ""
    };
    Q_ENUM(Role)

    explicit DiagnosticsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setDiagnostics(const std::vector<Diagnostic> &items);
    int errorCount() const { return m_errors; }
    int warningCount() const { return int(m_items.size()) - m_errors; }

signals:
    void countsChanged();

private:
    std::vector<Diagnostic> m_items;
    int m_errors = 0;
};

} // namespace Signalbox
