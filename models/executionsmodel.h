// ExecutionsModel: the Runs list. One row per execution, newest first, filtered by status,
// workflow and search text, read from a read-only Store in pages (canFetchMore/fetchMore) so a
// database with tens of thousands of executions opens at once. It follows the EngineBridge's
// batched notifications: a known execution that changed emits one dataChanged for its row, a new
// one that matches the filter is inserted at the top.
#pragma once

#include "signalbox/store.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace Signalbox {

class EngineBridge;
Q_MOC_INCLUDE("enginebridge.h") // moc needs the complete type for the property

class ExecutionsModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(Signalbox::EngineBridge *bridge READ bridge WRITE setBridge NOTIFY bridgeChanged)
    Q_PROPERTY(QString statusFilter READ statusFilter WRITE setStatusFilter NOTIFY filterChanged)
    Q_PROPERTY(
        QString workflowFilter READ workflowFilter WRITE setWorkflowFilter NOTIFY filterChanged)
    Q_PROPERTY(QString searchText READ searchText WRITE setSearchText NOTIFY filterChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(int totalCount READ totalCount NOTIFY countChanged)
    Q_PROPERTY(int pageSize MEMBER m_pageSize NOTIFY pageSizeChanged)
    Q_PROPERTY(QStringList workflows READ workflows NOTIFY workflowsChanged)

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        NameRole, // idempotent name, "" when none
        WorkflowRole,
        StatusRole,   // "RUNNING", "WAITING", "SUCCEEDED", "FAILED", "CANCELLED", "TIMED_OUT"
        StartedRole,  // QDateTime (UTC)
        EndedRole,    // QDateTime, invalid while running
        DurationRole, // milliseconds (up to the read while running)
        DurationTextRole,
        PositionsRole, // active states, "a, b"
        ErrorRole,     // "Error.Name: cause" when failed
        SimulatedRole,
    };
    Q_ENUM(Role)

    explicit ExecutionsModel(QObject *parent = nullptr);
    ~ExecutionsModel() override;

    EngineBridge *bridge() const { return m_bridge; }
    void setBridge(EngineBridge *bridge);
    QString statusFilter() const { return m_statusFilter; }
    void setStatusFilter(const QString &status);
    QString workflowFilter() const { return m_workflowFilter; }
    void setWorkflowFilter(const QString &workflow);
    QString searchText() const { return m_search; }
    void setSearchText(const QString &text);
    int totalCount() const { return m_total; }
    QStringList workflows() const { return m_workflows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    Q_INVOKABLE int indexOf(const QString &executionId) const;
    Q_INVOKABLE QString idAt(int row) const;
    // Reloads the first page (after a filter change or on demand).
    Q_INVOKABLE void reload();
    // Re-reads the given executions: dataChanged for known rows, insert for new matching ones.
    void refresh(const QStringList &executionIds);

    // "850 ms", "4.2 s", "3 min 5 s"... (QML shows running durations with it, ticking itself).
    Q_INVOKABLE static QString formatDuration(qint64 ms);

signals:
    void bridgeChanged();
    void filterChanged();
    void countChanged();
    void pageSizeChanged();
    void workflowsChanged();

private:
    bool ensureStore();
    ExecutionFilter filter() const;
    bool matches(const ExecutionRecord &rec) const;
    void refreshWorkflows();
    void rebuildIndex();

    QPointer<EngineBridge> m_bridge;
    std::unique_ptr<Store> m_store;
    QList<ExecutionRecord> m_rows;
    QHash<QString, int> m_index; // id -> row
    QString m_statusFilter;
    QString m_workflowFilter;
    QString m_search;
    QStringList m_workflows;
    int m_total = 0;
    int m_pageSize = 200;
    bool m_resetting = false; // inside a reset or a page insert: fetchMore() waits
    QTimer m_reloadTimer;     // typing in the search box reloads once
};

} // namespace Signalbox
