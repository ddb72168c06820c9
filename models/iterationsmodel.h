// IterationsModel: the iterations of one map state (or the branches of one parallel state) of the
// execution a HistoryModel shows, one row per item or branch in index order, for the run
// diagram's iteration picker. It reads HistoryModel::frames() on the selected path: a map inside
// a map lists the iterations of the outer iteration picked, and is empty (blockedBy names the
// outer container) while the outer one shows all. It follows the history live without resets:
// new items are inserted, changed ones reported in one dataChanged range per batch, so a
// popup over thousands of iterations stays cheap. Selecting goes through the HistoryModel.
#pragma once

#include "runframes.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

namespace Signalbox {

class HistoryModel;
Q_MOC_INCLUDE("enginebridge.h")
Q_MOC_INCLUDE("historymodel.h")

class IterationsModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(Signalbox::HistoryModel *history READ history WRITE setHistory NOTIFY historyChanged)
    Q_PROPERTY(QString container READ container WRITE setContainer NOTIFY containerChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    // -1 when every iteration is shown.
    Q_PROPERTY(int selectedIndex READ selectedIndex WRITE select NOTIFY selectionChanged)
    Q_PROPERTY(QString selectedStatus READ selectedStatus NOTIFY selectionChanged)
    Q_PROPERTY(int failedCount READ failedCount NOTIFY summaryChanged)
    Q_PROPERTY(int runningCount READ runningCount NOTIFY summaryChanged)
    Q_PROPERTY(int succeededCount READ succeededCount NOTIFY summaryChanged)
    Q_PROPERTY(int firstFailed READ firstFailed NOTIFY summaryChanged)
    // The enclosing container whose iteration must be picked first ("" when none).
    Q_PROPERTY(QString blockedBy READ blockedBy NOTIFY summaryChanged)

public:
    enum Role {
        IterationIndexRole = Qt::UserRole + 1,
        StatusRole,     // pending, running, succeeded, failed, cancelled
        ItemRole,       // the map item, short
        FirstStateRole, // the branch's first state
        ErrorRole,      // "Error: cause" of a failed one
        FrameRole,      // "each[7]"
        DurationRole,   // "1.2 s", "" while it runs
    };
    Q_ENUM(Role)

    explicit IterationsModel(QObject *parent = nullptr);

    HistoryModel *history() const { return m_history; }
    void setHistory(HistoryModel *history);
    QString container() const { return m_container; }
    void setContainer(const QString &container);
    int selectedIndex() const;
    QString selectedStatus() const;
    int failedCount() const { return m_failed; }
    int runningCount() const { return m_running; }
    int succeededCount() const { return m_succeeded; }
    int firstFailed() const { return m_firstFailed; }
    QString blockedBy() const { return m_blockedBy; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // -1 shows all iterations again.
    Q_INVOKABLE void select(int index);
    // The next / previous iteration (from "all": the first / the last), wrapping around.
    Q_INVOKABLE void selectNext();
    Q_INVOKABLE void selectPrevious();
    // The next failed iteration after the selected one (the first when none), wrapping around.
    Q_INVOKABLE void selectNextFailed();

signals:
    void historyChanged();
    void containerChanged();
    void countChanged();
    void selectionChanged();
    void summaryChanged();

private:
    void sync();
    void reset();

    QPointer<HistoryModel> m_history;
    QString m_container;
    QString m_instance; // the frame m_rows are of, "\n" when none
    QList<RunFrames::Iteration> m_rows;
    int m_failed = 0;
    int m_running = 0;
    int m_succeeded = 0;
    int m_firstFailed = -1;
    QString m_blockedBy;
};

} // namespace Signalbox
