#include "diagnosticsmodel.h"

#include <QFileInfo>

#include <algorithm>

namespace Signalbox {

DiagnosticsModel::DiagnosticsModel(QObject *parent)
    : QAbstractListModel(parent)
{}

int DiagnosticsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QVariant DiagnosticsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Diagnostic &d = m_items[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case MessageRole:
        return QString::fromStdString(d.message);
    case SeverityRole:
        return d.severity == Diagnostic::Severity::Error ? QStringLiteral("error")
                                                         : QStringLiteral("warning");
    case CodeRole:
        return QString::fromStdString(d.code);
    case StateRole:
        return QString::fromStdString(d.state);
    case LineRole:
        return d.location.line;
    case ColumnRole:
        return d.location.column;
    case LocationRole:
    {
        // "order.yaml, line 5, column 31": what and where, as a person looks for it.
        const QString file = QFileInfo(QString::fromStdString(d.location.file)).fileName();
        if (!d.location.isValid())
            return file;
        const QString where = d.location.column > 0 ? tr("line %1, column %2")
                                                           .arg(d.location.line)
                                                           .arg(d.location.column)
                                                     : tr("line %1").arg(d.location.line);
        return file.isEmpty() ? where : file + QStringLiteral(", ") + where;
    }
    }
    return {};
}

QHash<int, QByteArray> DiagnosticsModel::roleNames() const
{
    return {{MessageRole, "message"},  {SeverityRole, "severity"}, {CodeRole, "code"},
            {StateRole, "stateName"},  {LineRole, "line"},         {ColumnRole, "column"},
            {LocationRole, "location"}};
}

void DiagnosticsModel::setDiagnostics(const std::vector<Diagnostic> &items)
{
    std::vector<Diagnostic> sorted = items;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic &a, const Diagnostic &b) {
        return a.severity == Diagnostic::Severity::Error
               && b.severity != Diagnostic::Severity::Error;
    });
    auto same = [](const Diagnostic &a, const Diagnostic &b) {
        return a.message == b.message && a.code == b.code && a.state == b.state
               && a.location.line == b.location.line && a.location.column == b.location.column
               && a.severity == b.severity;
    };
    if (sorted.size() == m_items.size()
        && std::equal(sorted.begin(), sorted.end(), m_items.begin(), same))
        return; // unchanged: no signals, so the panel keeps its scroll position
    beginResetModel();
    m_items = std::move(sorted);
    m_errors = int(std::count_if(m_items.begin(), m_items.end(), [](const Diagnostic &d) {
        return d.severity == Diagnostic::Severity::Error;
    }));
    endResetModel();
    emit countsChanged();
}

} // namespace Signalbox
