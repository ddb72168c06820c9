// ApprovalsModel: the Approvals inbox. One row per pending approval (a wait_for_event state of
// kind approval) across all executions, oldest first, with the rendered prompt, the form the
// reviewer fills, the assignee, how long it has waited and its deadline. `count` feeds the badge
// on the side rail. Rows follow the EngineBridge's approvalsChanged notification by difference:
// a decided approval removes exactly its row, a new one is appended.
#pragma once

#include "signalbox/store.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QTimer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace Signalbox {

class EngineBridge;
Q_MOC_INCLUDE("enginebridge.h") // moc needs the complete type for the property

class ApprovalsModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(Signalbox::EngineBridge *bridge READ bridge WRITE setBridge NOTIFY bridgeChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(int overdueCount READ overdueCount NOTIFY countChanged)

public:
    enum Role {
        ExecutionIdRole = Qt::UserRole + 1,
        ExecutionNameRole,
        WorkflowRole,
        StateRole,
        FrameRole,
        EventRole,
        PromptRole, // rendered with the execution's data
        AssigneeRole,
        SinceRole,    // QDateTime (UTC)
        DeadlineRole, // QDateTime, invalid when none
        OverdueRole,
        FormRole,      // list of {name, type, label, required, options}
        InputTextRole, // the state's input, pretty JSON
        KeyDataRole,   // "orderId: A-1 · amount: 120" (top-level scalars of the input)
    };
    Q_ENUM(Role)

    explicit ApprovalsModel(QObject *parent = nullptr);
    ~ApprovalsModel() override;

    EngineBridge *bridge() const { return m_bridge; }
    void setBridge(EngineBridge *bridge);
    int overdueCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Q_INVOKABLE int indexOf(const QString &executionId, const QString &state = {}) const;
    // Checks form values against the row's form: "" when fine, else one line per problem.
    Q_INVOKABLE QString validateFields(int row, const QVariantMap &fields) const;
    // Re-reads the pending approvals and applies the difference.
    Q_INVOKABLE void refresh();

signals:
    void bridgeChanged();
    void countChanged();

private:
    struct Item
    {
        PendingWait wait;
        std::string executionName;
        std::string workflow;
        QString key() const;
    };
    bool ensureStore();
    QList<Item> load();

    QPointer<EngineBridge> m_bridge;
    std::unique_ptr<Store> m_store;
    QList<Item> m_rows;
    QTimer m_overdueTimer; // overdue flags change with time
};

} // namespace Signalbox
