// NodesModel: one row per state drawn on the canvas, with everything a node delegate draws (type,
// position, size, badges, problem text, selection). Top-level states come in document order;
// the states inside an expanded parallel or map container follow their container (pre-order),
// with their depth, their container and their lane. Rows follow the document's fine-grained
// signals, so moving one node emits one dataChanged for its rows (a container and its content).
#pragma once

#include "containerlayout.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QRectF>
#include <QSet>
#include <QtQml/qqmlregistration.h>

namespace Signalbox {

class WorkflowDocument;
struct State;

class NodesModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by GraphController")
    Q_PROPERTY(QRectF bounds READ bounds NOTIFY boundsChanged)

public:
    enum Role {
        NameRole = Qt::UserRole + 1,
        StateTypeRole, // "task", "choice", "wait_for_event"...
        TypeLabelRole, // "Task", "Wait for event"...
        XRole,
        YRole,
        WidthRole,
        HeightRole,
        ShapeRole, // "box", "diamond", "terminal", "container" (expanded parallel / map)
        CommentRole,
        SubtitleRole, // one line about what the state does
        IsStartRole,
        IsEndRole,
        RetryCountRole, // retry policies
        CatchCountRole, // catch rules
        TimeoutRole,    // seconds, 0 when none
        ProblemRole,    // validator messages for this state, "" when fine
        SelectedRole,
        DepthRole,       // 0 at the top level, 1 inside a container...
        ParentRole,      // the container holding the state, "" at the top level
        LanesRole,       // expanded containers: [{x, y, width, height, title}] relative to node
        CollapsibleRole, // a parallel / map state with content (can be expanded)
        CollapsedRole,   // drawn as a plain node although it has content
    };
    Q_ENUM(Role)

    explicit NodesModel(QObject *parent = nullptr);

    void setDocument(WorkflowDocument *document);
    WorkflowDocument *document() const { return m_document; }
    // Containers drawn as plain nodes (the monitor's collapse toggle); the designer shows all.
    void setCollapsed(const QSet<QString> &names);
    QSet<QString> collapsed() const { return m_collapsed; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Q_INVOKABLE int indexOf(const QString &name) const;
    Q_INVOKABLE QString nameAt(int row) const;
    Q_INVOKABLE QRectF nodeRect(const QString &name) const;
    // The topmost (innermost) node under a scene point, or "".
    Q_INVOKABLE QString nodeAt(qreal x, qreal y) const;
    // The container lane under a scene point: {container, lane} or an empty map.
    Q_INVOKABLE QVariantMap laneAt(qreal x, qreal y) const;
    QRectF bounds() const; // of all nodes, in scene coordinates
    const SceneNode *sceneNode(const QString &name) const;
    bool isTopLevel(const QString &name) const;

    QStringList selection() const;
    bool isSelected(const QString &name) const { return m_selected.contains(name); }
    void setSelection(const QStringList &names);

    static QString subtitleFor(const State &state);

signals:
    void boundsChanged();
    void selectionChanged();

private:
    const State *stateAt(int row) const;
    void rebuildAll();
    void reindex();
    int firstRow(int topIndex) const;
    int groupSize(int topIndex) const;
    void onInserted(int topIndex);
    void onAboutToBeRemoved(int topIndex);
    void onRemoved(int topIndex);
    void onChanged(int topIndex);
    void onMoved(int topIndex);
    void emitRow(int row, const QList<int> &roles);
    void refreshProblems();

    QPointer<WorkflowDocument> m_document;
    QList<SceneNode> m_rows;
    QHash<QString, int> m_index;
    QList<int> m_first; // first row of each top-level state
    QSet<QString> m_collapsed;
    QSet<QString> m_selected;
    QHash<QString, QString> m_problems; // last problems seen, to signal only changed rows
};

} // namespace Signalbox
